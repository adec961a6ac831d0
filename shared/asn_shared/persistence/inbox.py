"""Inbox: remembers which (consumer, source, id) events a service has applied.

Claiming happens in the same transaction as the effect, so a redelivered or re-published event
is applied once: the second claim finds the row and the handler is skipped.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .tables import inbox_table


async def claim(
    session: AsyncSession, consumer: str, source: str, event_id: str, event_type: str
) -> bool:
    """Record the event as applied by `consumer`; False if it already was.

    A SELECT first keeps the common duplicate path free of integrity errors; the primary key still
    guards the race where two deliveries of one event are handled at once (one commit fails, its
    message is retried and then found here).
    """
    key = (consumer, source, event_id)
    found = await session.execute(
        select(inbox_table.c.event_id).where(
            inbox_table.c.consumer == key[0],
            inbox_table.c.source == key[1],
            inbox_table.c.event_id == key[2],
        )
    )
    if found.first() is not None:
        return False
    await session.execute(
        inbox_table.insert().values(
            consumer=consumer,
            source=source,
            event_id=event_id,
            event_type=event_type,
            received_at=datetime.now(UTC),
        )
    )
    return True
