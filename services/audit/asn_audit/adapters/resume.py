"""Where to pick up next time: the last stream offset a replay processed, in a file of ours.

RabbitMQ keeps no offsets for AMQP stream consumers, so the replay stores its own. The file is
JSON (`{"stream": "asn.audit", "last_offset": 41, "updated_at": ...}`), replaced atomically
(temporary file, fsync, rename) after every batch and at the end, and only after the output for
those offsets has been flushed: after a crash a rerun may repeat the last batch into a new
export, but never skips an event. A rerun starts at `last_offset + 1`.

"Processed" means read, whether or not a filter kept it: a rerun with the same filters does not
look at those events again.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from asn_shared.audit_stream.errors import AuditError


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so readers see the old or the new content, never a mix."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class ResumeFile:
    def __init__(self, path: Path, stream: str) -> None:
        self.path = Path(path)
        self.stream = stream

    def load(self) -> int | None:
        """The last offset processed, or None when there is no file yet."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise AuditError(f"cannot read resume file {self.path}: {exc.strerror}") from None
        try:
            data = json.loads(text)
            offset = data["last_offset"]
            stream = data.get("stream", self.stream)
        except (ValueError, KeyError, TypeError):
            raise AuditError(
                f"resume file {self.path} is not one of ours (no last_offset)"
            ) from None
        if not isinstance(offset, int) or offset < 0:
            raise AuditError(f"resume file {self.path}: last_offset must be an offset >= 0")
        if stream != self.stream:
            raise AuditError(
                f"resume file {self.path} belongs to stream {stream!r}, not {self.stream!r}"
            )
        return offset

    def save(self, last_offset: int) -> None:
        if not self.path.parent.exists():
            raise AuditError(f"resume file directory {self.path.parent} does not exist")
        record = {
            "stream": self.stream,
            "last_offset": last_offset,
            "updated_at": datetime.now(UTC).isoformat(),
        }
        write_atomically(self.path, json.dumps(record, indent=2) + "\n")
