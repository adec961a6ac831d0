"""`asn-audit verify`: recompute an export's hash chain and hold it against its head file."""

from __future__ import annotations

from pathlib import Path

from asn_shared.audit_stream.errors import AuditError

from ..adapters.export import export_lines, head_path, read_head
from ..domain.chain import ChainHead, Verdict, verify_lines


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
            head = read_head(head_file)
        except FileNotFoundError:
            return _refused(
                f"no head file {head_file}: without it lines removed from the end cannot "
                "be detected (pass --head FILE, or --no-head to check the chain alone)"
            )
        except (OSError, ValueError) as exc:
            return _refused(f"head file {head_file}: {exc}")
    try:
        with export_lines(path) as lines:
            return verify_lines(lines, head)
    except FileNotFoundError:
        raise AuditError(f"no export {path}") from None
    except UnicodeDecodeError:
        return _refused("the export is not UTF-8 text")


def _refused(problem: str) -> Verdict:
    """Nothing could be chained: the verdict names why."""
    return Verdict(valid=False, count=0, head="", problem=problem)
