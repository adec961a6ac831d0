"""Outbox: events written in the same transaction as the state change that caused them.

The relay (relay.py) publishes them afterwards; nothing is published for a rolled-back change and
nothing committed is lost if the broker is down.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ..catalog import event_model
from ..envelope import CloudEvent
from .tables import outbox_table


async def add(session: AsyncSession, event: CloudEvent) -> None:
    model = event_model(event.type)
    if model is None:
        raise ValueError(f"{event.type} is not in the event catalog")
    await session.execute(
        outbox_table.insert().values(
            event_id=event.id,
            event_type=event.type,
            routing_key=model.routing_key(),
            body=event.to_json_bytes().decode(),
            created_at=datetime.now(UTC),
            attempts=0,
        )
    )
