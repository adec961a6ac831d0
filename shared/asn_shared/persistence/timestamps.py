"""SQLite hands timezone-aware columns back naive (in UTC); PostgreSQL hands them back aware."""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime from what either database returned, or from a caller's value."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
