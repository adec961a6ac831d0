"""Inbox: remembers which (consumer, source, id) events a service has applied.

Claiming happens in the same transaction as the effect, so a redelivered or re-published event
is applied once: the second claim finds the row and the handler is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ..envelope import CloudEvent
from .inserts import insert_new, insert_once
from .tables import inbox_table

KEY = ("consumer", "source", "event_id")


async def claim(
    session: AsyncSession, consumer: str, source: str, event_id: str, event_type: str
) -> bool:
    """Record the event as applied by `consumer`; False if it already was.

    One INSERT ... ON CONFLICT DO NOTHING (a statement fewer per event than reading first:
    bench/README.md). Two deliveries of one event handled at once on PostgreSQL: the second
    waits for the first's commit, then finds the row.
    """
    row = {
        "consumer": consumer,
        "source": source,
        "event_id": event_id,
        "event_type": event_type,
        "received_at": datetime.now(UTC),
    }
    return await insert_once(session, inbox_table, row, KEY)


async def claim_many(
    session: AsyncSession, consumer: str, events: Sequence[CloudEvent]
) -> list[bool]:
    """Claim a batch of events for `consumer` with one statement (bench/README.md): for each
    event, in order, whether it is new. Of two copies of one event in `events`, the first is."""
    now = datetime.now(UTC)
    rows = [
        {
            "consumer": consumer,
            "source": e.source,
            "event_id": e.id,
            "event_type": e.type,
            "received_at": now,
        }
        for e in events
    ]
    inserted = {(c, s, i) for c, s, i in await insert_new(session, inbox_table, rows, KEY)}
    new: list[bool] = []
    for event in events:
        key = (consumer, event.source, event.id)
        new.append(key in inserted)
        inserted.discard(key)
    return new
