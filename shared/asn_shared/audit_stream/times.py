"""The times a stream read takes (`--from`, `--since`, `--until`): ISO 8601, UTC when unzoned."""

from __future__ import annotations

from datetime import UTC, datetime

from .errors import AuditError


def parse_time(text: str, *, what: str = "time") -> datetime:
    """An ISO 8601 date or time; without a UTC offset it is taken as UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise AuditError(
            f"{what} {text!r} is not an ISO 8601 time "
            "(e.g. 2026-10-05, 2026-10-05T09:30:00+07:00 or 2026-10-05T02:30:00Z)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
