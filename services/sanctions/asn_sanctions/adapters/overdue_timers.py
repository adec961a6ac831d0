"""A case's timers past due, for a step that fires them first (usecases/overdue.py)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.timers.store import Timer, aware_utc, timer_from_row

from .tables import timers


async def overdue_timers(session: AsyncSession, key_prefix: str, now: datetime) -> list[Timer]:
    """Pending timers whose key starts with `key_prefix`, due by `now`, never failed, soonest
    first; locked until commit. One the scheduler holds (PostgreSQL) is skipped, not waited for:
    waiting could deadlock with its handler, which locks the case this step holds."""
    c = timers.c
    query = (
        sa.select(timers)
        .where(
            c.fired_at.is_(None),
            c.cancelled_at.is_(None),
            c.key.startswith(key_prefix, autoescape=True),
            c.due_at <= aware_utc(now, "now"),
            c.attempts == 0,
        )
        .order_by(c.due_at, c.id)
        .with_for_update(skip_locked=True)
    )
    return [timer_from_row(row) for row in await session.execute(query)]
