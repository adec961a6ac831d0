"""Which records a replay keeps: by event type, source, subject, actor, period and event time.

Values of one option are alternatives (OR); different options must all hold (AND).

- type: the CloudEvents `type` (`AssessmentSubmitted`) or the routing key
  (`assessment.submitted.v1`).
- source: exact, or a prefix when it ends with `*` (`/agencies/*`).
- subject: exact (the NIP the event is about).
- actor: exact, the CloudEvents extension attribute `actor`: the NIP of the official who
  commanded the event over HTTP (every event a command emits carries it, taken from the bearer
  token, never from the body: `ACTOR` in asn_shared/runtime/unit_of_work.py). An event without
  it (an agency's, or one a handler emitted on its own) is dropped.
- period: the event's `data.period` lies within the given period: `2026` keeps 2026, 2026-S2,
  2026-Q3 and 2026-07; `2026-S2` keeps 2026-S2, 2026-Q3/Q4 and 2026-07..12, but not the annual
  2026. An event without `data.period` is dropped. A period that is not in the contract's syntax
  is compared as text.
- since/until: the CloudEvents `time`, since inclusive, until exclusive.

A message that is not a CloudEvent matches only when no filter is set. The filter is built from
the command line's text by `usecases/selection.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from asn_shared.envelope import CloudEvent
from asn_shared.periods import EvaluationPeriod

# The CloudEvents extension attribute naming who commanded an event. The same name as
# asn_shared.runtime.unit_of_work.ACTOR, which stamps it; not imported from there to keep this
# module free of the database layer (tests/unit/test_audit_filters.py checks they agree).
ACTOR = "actor"


def actor_of(event: CloudEvent) -> str | None:
    """The event's `actor` extension (a NIP), or None when it has none (or not as text)."""
    value = (event.model_extra or {}).get(ACTOR)
    return value if isinstance(value, str) and value else None


class FilterError(ValueError):
    """Filter options that cannot hold together (an invalid period, since not before until)."""


class Filterable(Protocol):
    """What a filter looks at in a record read from the stream (an AuditRecord)."""

    @property
    def routing_key(self) -> str: ...

    @property
    def event(self) -> CloudEvent | None:
        """The CloudEvent, or None when the message is not one."""


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
    actors: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    _types: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for text in self.periods:
            try:
                EvaluationPeriod.parse(text)
            except ValueError as exc:
                raise FilterError(f"--period: {exc}") from None
        if self.since and self.until and self.since >= self.until:
            raise FilterError("--since must be before --until")
        object.__setattr__(self, "_types", frozenset(self.types))

    @property
    def active(self) -> bool:
        return bool(
            self.types
            or self.sources
            or self.subjects
            or self.actors
            or self.periods
            or self.since
            or self.until
        )

    def matches(self, record: Filterable) -> bool:
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
        if self.actors and actor_of(event) not in self.actors:
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
