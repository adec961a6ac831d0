"""JSON Lines exports with the hash chain, their head sidecar, and checking them.

    export = JsonlExport.open(Path("audit-2026.jsonl"), stream="asn.audit")
    export.write(record); ...; export.close()   # writes audit-2026.jsonl.head.json
    verdict = verify_export(Path("audit-2026.jsonl"))

Without a path the lines go to stdout (no sidecar: the head is returned and the CLI prints it).
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from .chain import ChainHead, ChainWriter, Verdict, verify_lines
from .errors import AuditError
from .records import AuditRecord
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


def verify_export(
    path: Path, head_file: Path | None = None, *, require_head: bool = True
) -> Verdict:
    """Check an export's chain, and against its head file (default: `<export>.head.json`)."""
    if not path.is_file():
        raise AuditError(f"no export {path}")
    head: ChainHead | None = None
    head_file = head_file or head_path(path)
    if require_head:
        try:
            head = ChainHead.from_json(head_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Verdict(
                valid=False,
                count=0,
                head="",
                problem=f"no head file {head_file}: without it lines removed from the end cannot "
                "be detected (pass --head FILE, or --no-head to check the chain alone)",
            )
        except (OSError, ValueError) as exc:
            return Verdict(valid=False, count=0, head="", problem=f"head file {head_file}: {exc}")
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return verify_lines(_lines(handle), head)
    except FileNotFoundError:
        raise AuditError(f"no export {path}") from None
    except UnicodeDecodeError:
        return Verdict(valid=False, count=0, head="", problem="the export is not UTF-8 text")


def _lines(handle: TextIO):
    for line in handle:
        yield line[:-1] if line.endswith("\n") else line
