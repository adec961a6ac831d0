"""Inbox: remembers which (consumer, source, id) events a service has applied.

Claiming happens in the same transaction as the effect, so a redelivered or re-published event
is applied once: the second claim finds the row and the handler is skipped.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from .inserts import insert_once
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
