"""Timers as rows, read and written inside the caller's transaction.

A use case or handler schedules a timer in the same transaction as the state change that calls
for it, so a rolled-back change leaves no timer behind. Every moment is stored in UTC: SQLite
keeps timestamps as text and compares them as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from ..envelope import CloudEvent
from ..persistence.affected import affected_rows
from ..persistence.inserts import insert_once
from ..persistence.timestamps import as_utc

_ERROR_LIMIT = 2000


@dataclass(frozen=True)
class Timer:
    id: int
    kind: str
    key: str
    due_at: datetime  # aware, UTC
    payload: dict[str, Any]
    correlation_id: str | None
    causation_id: str | None
    attempts: int


def aware_utc(moment: datetime, what: str) -> datetime:
    """A naive moment is refused: a deadline computed in Jakarta time would silently move 7 h."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, got {moment.isoformat()}")
    return moment.astimezone(UTC)


class TimerStore:
    def __init__(self, session: AsyncSession, table: sa.Table) -> None:
        self._session = session
        self._table = table
        c = table.c
        self._pending = sa.and_(c.fired_at.is_(None), c.cancelled_at.is_(None))

    async def schedule(
        self,
        kind: str,
        key: str,
        due_at: datetime,
        payload: dict[str, Any] | None = None,
        *,
        cause: CloudEvent | None = None,
        correlation_id: str | None = None,
        causation_id: str | None = None,
    ) -> bool:
        """Schedule (kind, key) once; False when it already exists (pending, fired or cancelled).

        `cause` is the event that calls for the timer; what the timer emits later carries its
        correlation id and names it as cause. `correlation_id`/`causation_id` serve code that
        holds only the ids (e.g. a timer scheduling a follow-up).
        """
        values = dict(
            kind=kind,
            key=key,
            due_at=aware_utc(due_at, "due_at"),
            payload=dict(payload or {}),
            correlation_id=cause.correlation_id if cause else correlation_id,
            causation_id=cause.id if cause else causation_id,
            created_at=datetime.now(UTC),
            attempts=0,
        )
        return await insert_once(self._session, self._table, values, ["kind", "key"])

    async def reschedule(self, kind: str, key: str, due_at: datetime) -> bool:
        """Move a pending timer; False when there is none (never scheduled, fired or cancelled).

        A pending retry is dropped (it fires at the new time); a parked timer stays parked.
        """
        values = {"due_at": aware_utc(due_at, "due_at"), "next_attempt_at": None}
        return await self._update_pending(kind, key, values)

    async def cancel(self, kind: str, key: str, now: datetime) -> bool:
        """Cancel a pending timer; False when there is none (or it fired already)."""
        return await self._update_pending(kind, key, {"cancelled_at": aware_utc(now, "now")})

    async def pending(self, kind: str | None = None, key_prefix: str | None = None) -> list[Timer]:
        """Timers neither fired nor cancelled (parked ones included), soonest first."""
        c = self._table.c
        query = sa.select(self._table).where(self._pending)
        if kind is not None:
            query = query.where(c.kind == kind)
        if key_prefix is not None:
            query = query.where(c.key.startswith(key_prefix, autoescape=True))
        rows = await self._session.execute(query.order_by(c.due_at, c.id))
        return [timer_from_row(row) for row in rows]

    async def claim_due(
        self, now: datetime, limit: int, *, max_attempts: int | None = None
    ) -> list[Timer]:
        """Lock and return pending timers due at `now` and not waiting for a retry, soonest first.

        On PostgreSQL the rows stay locked until the transaction ends and other schedulers skip
        them (SKIP LOCKED). SQLite renders no lock clause; one process serialises there. Timers
        with `max_attempts` failures (parked) are left out.
        """
        c = self._table.c
        now = aware_utc(now, "now")
        query = sa.select(self._table).where(
            self._pending,
            c.due_at <= now,
            sa.or_(c.next_attempt_at.is_(None), c.next_attempt_at <= now),
        )
        if max_attempts is not None:
            query = query.where(c.attempts < max_attempts)
        query = query.order_by(c.due_at, c.id).limit(limit).with_for_update(skip_locked=True)
        return [timer_from_row(row) for row in await self._session.execute(query)]

    async def mark_fired(self, timer_id: int, now: datetime) -> bool:
        """False when the timer is no longer pending: the caller must not commit its effects."""
        return await self._update_pending_id(timer_id, {"fired_at": aware_utc(now, "now")})

    async def record_failure(self, timer_id: int, error: str, retry_at: datetime) -> bool:
        """Count a failed attempt and hold the timer back until `retry_at`."""
        values = {
            "attempts": self._table.c.attempts + 1,
            "last_error": error[:_ERROR_LIMIT],
            "next_attempt_at": aware_utc(retry_at, "retry_at"),
        }
        return await self._update_pending_id(timer_id, values)

    async def _update_pending(self, kind: str, key: str, values: dict[str, Any]) -> bool:
        c = self._table.c
        where = sa.and_(self._pending, c.kind == kind, c.key == key)
        return bool(
            await affected_rows(self._session, sa.update(self._table).where(where).values(**values))
        )

    async def _update_pending_id(self, timer_id: int, values: dict[str, Any]) -> bool:
        where = sa.and_(self._pending, self._table.c.id == timer_id)
        return bool(
            await affected_rows(self._session, sa.update(self._table).where(where).values(**values))
        )


def timer_from_row(row: Any) -> Timer:
    """A row of a timers table as a Timer (its due time aware, in UTC)."""
    return Timer(
        id=row.id,
        kind=row.kind,
        key=row.key,
        due_at=as_utc(row.due_at),
        payload=dict(row.payload or {}),
        correlation_id=row.correlation_id,
        causation_id=row.causation_id,
        attempts=row.attempts,
    )
