"""JSON Lines export files with the hash chain (domain/chain.py), and their head sidecar.

    export = JsonlExport.open(Path("audit-2026.jsonl"), stream="asn.audit")
    export.write(record); ...; export.close()   # writes audit-2026.jsonl.head.json
    verdict = verify_export(Path("audit-2026.jsonl"))   # usecases/verify.py reads them back

Without a path the lines go to stdout (no sidecar: the head is returned and the CLI prints it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from asn_shared.audit_stream.errors import AuditError
from asn_shared.audit_stream.records import AuditRecord

from ..domain.chain import ChainHead, ChainWriter
from .resume import write_atomically


def head_path(export: Path) -> Path:
    return export.with_name(export.name + ".head.json")


class JsonlExport:
    def __init__(self, handle: TextIO, path: Path | None, stream: str | None) -> None:
        self._handle = handle
        self.path = path
        self._chain = ChainWriter()
        self._chain.head.stream = stream
        self.closed = False

    @classmethod
    def open(
        cls, path: Path | None, *, stream: str | None = None, overwrite: bool = False
    ) -> JsonlExport:
        if path is None:
            return cls(sys.stdout, None, stream)
        check_output_path(path, overwrite=overwrite)
        try:
            handle = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as exc:
            raise AuditError(f"cannot write {path}: {exc.strerror}") from None
        stale = head_path(path)
        if stale.exists():
            stale.unlink()  # an old head must never vouch for the new content
        return cls(handle, path, stream)

    @property
    def head(self) -> ChainHead:
        return self._chain.head

    def write(self, record: AuditRecord) -> None:
        self._handle.write(self._chain.line(record.to_export()))

    def flush(self) -> None:
        """Make what was written durable (called before the resume offset moves on)."""
        if self.closed:
            return
        self._handle.flush()
        if self.path is not None:
            os.fsync(self._handle.fileno())

    def close(self) -> ChainHead:
        """Flush, and write the head sidecar next to a file export."""
        if self.closed:
            return self.head
        self.flush()
        self.closed = True
        self.head.created_at = datetime.now(UTC).isoformat()
        if self.path is not None:
            self._handle.close()
            self.head.extra["export"] = self.path.name
            write_atomically(head_path(self.path), self.head.to_json())
        return self.head


def check_output_path(path: Path, *, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        raise AuditError(f"{path} exists; choose another --output or pass --overwrite")
    if not path.parent.exists():
        raise AuditError(f"directory {path.parent} does not exist")


def read_head(path: Path) -> ChainHead:
    """The head sidecar; OSError when it cannot be read, ValueError when it is not one."""
    return ChainHead.from_json(path.read_text(encoding="utf-8"))


@contextmanager
def export_lines(path: Path) -> Iterator[Iterator[str]]:
    """The export's lines without their line ends (UnicodeDecodeError while reading non-UTF-8)."""
    with open(path, encoding="utf-8", newline="") as handle:
        yield _lines(handle)


def _lines(handle: TextIO) -> Iterator[str]:
    for line in handle:
        yield line[:-1] if line.endswith("\n") else line
