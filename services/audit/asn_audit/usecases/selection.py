"""Which events a replay keeps, from the command line's text (`--type`, `--actor`, ...)."""

from __future__ import annotations

from collections.abc import Iterable

from asn_shared.audit_stream.errors import AuditError
from asn_shared.audit_stream.times import parse_time

from ..domain.filters import EventFilter, FilterError


def event_filter(
    *,
    types: Iterable[str] = (),
    sources: Iterable[str] = (),
    subjects: Iterable[str] = (),
    actors: Iterable[str] = (),
    periods: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
) -> EventFilter:
    """The filter (times parsed, empty values dropped); AuditError in one line if it cannot be."""
    try:
        return EventFilter(
            types=_clean(types),
            sources=_clean(sources),
            subjects=_clean(subjects),
            actors=_clean(actors),
            periods=_clean(periods),
            since=parse_time(since, what="--since") if since else None,
            until=parse_time(until, what="--until") if until else None,
        )
    except FilterError as refused:
        raise AuditError(str(refused)) from None


def _clean(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(v.strip() for v in values if v and v.strip())
