"""Outbox: events written in the same transaction as the state change that caused them.

The relay (relay.py) publishes them afterwards; nothing is published for a rolled-back change and
nothing committed is lost if the broker is down.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..catalog import event_model
from ..envelope import CloudEvent
from .tables import outbox_table


async def add(session: AsyncSession, event: CloudEvent) -> None:
    await session.execute(outbox_table.insert().values(**_row(event, datetime.now(UTC))))


async def add_many(session: AsyncSession, events: Sequence[CloudEvent]) -> None:
    """Several events in one INSERT (SQLAlchemy's insertmanyvalues), in their order."""
    if events:
        now = datetime.now(UTC)
        await session.execute(outbox_table.insert(), [_row(e, now) for e in events])


def _row(event: CloudEvent, now: datetime) -> dict[str, Any]:
    model = event_model(event.type)
    if model is None:
        raise ValueError(f"{event.type} is not in the event catalog")
    return {
        "event_id": event.id,
        "event_type": event.type,
        "routing_key": model.routing_key(),
        "body": event.to_json_bytes().decode(),
        "created_at": now,
        "attempts": 0,
    }
