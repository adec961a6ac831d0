"""Which records a replay keeps: by event type, source, subject, period and event time.

Values of one option are alternatives (OR); different options must all hold (AND).

- type: the CloudEvents `type` (`AssessmentSubmitted`) or the routing key
  (`assessment.submitted.v1`).
- source: exact, or a prefix when it ends with `*` (`/agencies/*`).
- subject: exact (the NIP the event is about).
- period: the event's `data.period` lies within the given period: `2026` keeps 2026, 2026-S2,
  2026-Q3 and 2026-07; `2026-S2` keeps 2026-S2, 2026-Q3/Q4 and 2026-07..12, but not the annual
  2026. An event without `data.period` is dropped. A period that is not in the contract's syntax
  is compared as text.
- since/until: the CloudEvents `time`, since inclusive, until exclusive.

A message that is not a CloudEvent matches only when no filter is set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..periods import EvaluationPeriod
from .errors import AuditError
from .records import AuditRecord


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


def period_within(event_period: str, wanted: str) -> bool:
    """Whether the period `event_period` lies inside `wanted` (both in the contract's syntax)."""
    try:
        inner = EvaluationPeriod.parse(event_period)
        outer = EvaluationPeriod.parse(wanted)
    except ValueError:
        return event_period == wanted
    return outer.start <= inner.start and inner.end <= outer.end


@dataclass(frozen=True)
class EventFilter:
    types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    _types: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for text in self.periods:
            try:
                EvaluationPeriod.parse(text)
            except ValueError as exc:
                raise AuditError(f"--period: {exc}") from None
        if self.since and self.until and self.since >= self.until:
            raise AuditError("--since must be before --until")
        object.__setattr__(self, "_types", frozenset(self.types))

    @classmethod
    def build(
        cls,
        *,
        types: Iterable[str] = (),
        sources: Iterable[str] = (),
        subjects: Iterable[str] = (),
        periods: Iterable[str] = (),
        since: str | None = None,
        until: str | None = None,
    ) -> EventFilter:
        """From command-line text (times parsed, empty values dropped)."""
        return cls(
            types=_clean(types),
            sources=_clean(sources),
            subjects=_clean(subjects),
            periods=_clean(periods),
            since=parse_time(since, what="--since") if since else None,
            until=parse_time(until, what="--until") if until else None,
        )

    @property
    def active(self) -> bool:
        return bool(
            self.types or self.sources or self.subjects or self.periods or self.since or self.until
        )

    def matches(self, record: AuditRecord) -> bool:
        if not self.active:
            return True
        event = record.event
        if event is None:
            return False
        if self._types and event.type not in self._types and record.routing_key not in self._types:
            return False
        if self.sources and not any(_source_matches(p, event.source) for p in self.sources):
            return False
        if self.subjects and event.subject not in self.subjects:
            return False
        if self.periods:
            period = (event.data or {}).get("period")
            if not isinstance(period, str) or not any(
                period_within(period, wanted) for wanted in self.periods
            ):
                return False
        if self.since and event.time < self.since:
            return False
        if self.until and event.time >= self.until:
            return False
        return True


def _source_matches(pattern: str, source: str) -> bool:
    if pattern.endswith("*"):
        return source.startswith(pattern[:-1])
    return source == pattern


def _clean(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(v.strip() for v in values if v and v.strip())
