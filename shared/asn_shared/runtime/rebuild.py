"""Rebuilding a service's state by replaying the audit stream into an empty database (issue 7).

Every event a service consumed is in `asn.audit`, in the order the exchange routed it. Feeding the
ones bound to this service's queue through its own consumer (inbox, handlers, outbox: the live
path) gives the state the events imply. What the rebuild does differently:

- nothing is published: what the handlers emit goes to the outbox and is marked published at the
  end, since the originals are in the log already (downstream keeps its own state);
- refusals are counted, not dead-lettered (the live DLQ saw them the first time);
- a handler failure is retried a few times, then counted and the rebuild goes on.

An official's act over HTTP travels as an event too (`UnitOfWork.record_act`, docs/
events-beyond-v1.md): the service binds its own acts, so the rebuild restores them in their place
in the stream, and what they caused comes back under the ids the log holds. Each service's README
says what its rebuild restores.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update

from ..audit_stream.records import AuditRecord
from ..logging import get_logger
from ..messaging.consumer import Delivery, EventConsumer, Outcome
from ..persistence.affected import affected_rows
from ..persistence.engine import Sessions
from ..persistence.tables import inbox_table, outbox_table
from .definition import ServiceDefinition

log = get_logger(__name__)

ATTEMPTS = 3


class NotEmpty(RuntimeError):
    """The database already holds consumed events: a rebuild would mix two histories."""


@dataclass
class RebuildSummary:
    read: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    not_ours: int = 0
    unreadable: int = 0
    refusals: Counter[str] = field(default_factory=Counter)
    outbox_marked: int = 0

    def describe(self) -> str:
        applied = self.outcomes[Outcome.APPLIED.value]
        return (
            f"read {self.read} records: applied {applied}, duplicates "
            f"{self.outcomes[Outcome.DUPLICATE.value]}, refused "
            f"{self.outcomes[Outcome.DEAD_LETTERED.value]}, failed {self.outcomes['failed']}, "
            f"not for this service {self.not_ours}, unreadable {self.unreadable}; "
            f"{self.outbox_marked} outbox events marked published"
            + "".join(f"; refused {n}x: {reason}" for reason, n in self.refusals.most_common(5))
        )


class _CountingDeadLetters:
    """Stands in for the publisher: a refusal during a rebuild is counted, not re-dead-lettered."""

    def __init__(self, summary: RebuildSummary) -> None:
        self._summary = summary

    async def dead_letter(self, consumer: str, body: bytes, *, reason: str, **_: Any) -> None:
        self._summary.refusals[reason.split(":")[0][:120]] += 1


async def ensure_empty(sessions: Sessions) -> None:
    async with sessions() as session:
        consumed = (await session.execute(select(func.count()).select_from(inbox_table))).scalar()
    if consumed:
        raise NotEmpty(f"the database has {consumed} consumed events: rebuild into an empty one")


async def rebuild(
    definition: ServiceDefinition,
    sessions: Sessions,
    records: AsyncIterable[AuditRecord],
) -> RebuildSummary:
    """Feed the audit records bound to this service through its consumer; see the module doc."""
    settings = definition.settings
    summary = RebuildSummary()
    consumer = EventConsumer(
        definition.consumer,
        definition.handlers,
        sessions,
        _CountingDeadLetters(summary),  # type: ignore[arg-type]
        source=settings.event_source,
        retry_backoff_seconds=0,
        agency_allowlist=settings.agency_allowlist,
    )
    ours = set(definition.consumer.applied_keys)
    async for record in records:
        summary.read += 1
        if record.routing_key not in ours:
            summary.not_ours += 1
        elif not record.parsed:
            summary.unreadable += 1  # the live consumer dead-lettered it the first time
        else:
            summary.outcomes[await _apply(consumer, record)] += 1
    summary.outbox_marked = await _mark_outbox_published(sessions)
    log.info("rebuild.done", summary=summary.describe())
    return summary


async def _apply(consumer: EventConsumer, record: AuditRecord) -> str:
    delivery = Delivery(
        body=record.body,
        headers=dict(record.headers or {}),
        content_type=record.content_type,
        routing_key=record.routing_key,
        message_id=record.message_id,
        user_id=record.user_id,
    )
    for _ in range(ATTEMPTS):
        outcome = await consumer.process(delivery)
        if outcome is not Outcome.RETRY:
            return str(outcome.value)
        delivery.redelivered = True
    log.error("rebuild.event_failed", offset=record.offset, routing_key=record.routing_key)
    return "failed"


async def _mark_outbox_published(sessions: Sessions) -> int:
    async with sessions() as session, session.begin():
        return await affected_rows(
            session,
            update(outbox_table)
            .where(outbox_table.c.published_at.is_(None))
            .values(published_at=datetime.now(UTC)),
        )
