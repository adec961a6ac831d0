"""Moments from either database, made comparable: the rules below compare and convert times."""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken as UTC (SQLite hands timestamps back naive).

    The same rule as asn_shared.persistence.timestamps.as_utc, restated here because the domain
    imports nothing of the persistence layer.
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
