"""Reads and writes of the notification outbox (`notifications`), inside the caller's
transaction: recording a notice, the dispatcher's claims and outcomes, the daily digest's held
mails, and the operators' delivery log."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.affected import affected_rows
from asn_shared.persistence.inserts import insert_once
from asn_shared.persistence.timestamps import as_utc

from ..domain.outbox import DIGESTED, HELD, PENDING, SENT, Notice, NoticeStatus, OutcomeChange
from .tables import notifications

_TIMES = ("created_at", "next_attempt_at", "sent_at", "read_at")

_STATUS_COLUMNS = (
    notifications.c.id,
    notifications.c.trigger_event_id,
    notifications.c.trigger_event_type,
    notifications.c.correlation_id,
    notifications.c.template,
    notifications.c.channel,
    notifications.c.priority,
    notifications.c.recipient_role,
    notifications.c.recipient_nip,
    notifications.c.status,
    notifications.c.attempts,
    notifications.c.last_error,
    notifications.c.created_at,
    notifications.c.sent_at,
    notifications.c.read_at,
    notifications.c.digest_id,
)


def notice_of(row: RowMapping) -> Notice:
    """A row as the domain's Notice, its timestamps aware UTC whichever database gave them."""
    return Notice(**_utc_times(row))


def _utc_times(row: RowMapping) -> dict[str, Any]:
    """The row's values (the driver's types: Any), timestamps made aware UTC."""
    values = dict(row)
    for key in _TIMES:
        if isinstance(moment := values.get(key), datetime):
            values[key] = as_utc(moment)
    return values


class NoticeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, notice: Notice) -> bool:
        """Insert one notice; False when this trigger/role/recipient/channel has a row. One
        INSERT ... ON CONFLICT DO NOTHING: the id derives from the same four values, so either
        key finds the row (usecases/recording.py)."""
        return await insert_once(self._session, notifications, asdict(notice), ())

    async def claim_due(self, *, now: datetime, limit: int, lease_until: datetime) -> list[Notice]:
        """Oldest due PENDING rows, leased so no other dispatcher picks them meanwhile."""
        rows = (
            await self._session.execute(
                select(notifications)
                .where(
                    notifications.c.status == PENDING,
                    notifications.c.next_attempt_at <= as_utc(now),
                )
                .order_by(notifications.c.created_at, notifications.c.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        ).all()
        if rows:
            await self._session.execute(
                update(notifications)
                .where(notifications.c.id.in_([r.id for r in rows]))
                .values(next_attempt_at=as_utc(lease_until))
            )
        return [notice_of(r._mapping) for r in rows]

    async def finish(self, notification_id: str, change: OutcomeChange) -> bool:
        """Update a row still PENDING (SENT, FAILED, a retry); False if another finished it."""
        values = _utc_change(change)
        changed = await affected_rows(
            self._session,
            update(notifications)
            .where(notifications.c.id == notification_id, notifications.c.status == PENDING)
            .values(**values),
        )
        return changed > 0

    async def restore_outcome(self, notification_id: str, change: OutcomeChange) -> bool:
        """Set a row's outcome as the log says: a PENDING row, or the time of a SENT one (an
        inbox notice is SENT when recorded, and the log knows when that first was)."""
        values = _utc_change(change)
        changed = await affected_rows(
            self._session,
            update(notifications)
            .where(
                notifications.c.id == notification_id, notifications.c.status.in_([PENDING, SENT])
            )
            .values(**values),
        )
        return changed > 0

    async def held_by_recipient(self, now: datetime) -> dict[tuple[str, str], list[Notice]]:
        """The HELD mails recorded up to `now`, oldest first, per (role, recipient key); locked
        (skipping rows another replica holds) until the caller's transaction ends."""
        query = (
            select(notifications)
            .where(notifications.c.status == HELD, notifications.c.created_at <= as_utc(now))
            .order_by(notifications.c.created_at, notifications.c.id)
            .with_for_update(skip_locked=True)
        )
        groups: dict[tuple[str, str], list[Notice]] = defaultdict(list)
        for row in (await self._session.execute(query)).all():
            groups[(row.recipient_role, row.recipient_key)].append(notice_of(row._mapping))
        return groups

    async def mark_digested(self, notification_ids: Sequence[str], digest_id: str) -> None:
        """The held rows (still HELD) now folded into the digest row `digest_id`."""
        await self._session.execute(
            update(notifications)
            .where(notifications.c.id.in_(list(notification_ids)), notifications.c.status == HELD)
            .values(status=DIGESTED, digest_id=digest_id)
        )

    async def status_rows(
        self,
        *,
        trigger_event_id: str | None,
        status: str | None,
        limit: int,
        recipient_nip: str | None = None,
        channel: str | None = None,
    ) -> list[NoticeStatus]:
        """Status rows for operators: deliberately without address, subject or body."""
        query = select(*_STATUS_COLUMNS)
        if trigger_event_id:
            query = query.where(notifications.c.trigger_event_id == trigger_event_id)
        if status:
            query = query.where(notifications.c.status == status)
        if recipient_nip:
            query = query.where(notifications.c.recipient_nip == recipient_nip)
        if channel:
            query = query.where(notifications.c.channel == channel)
        query = query.order_by(notifications.c.created_at.desc(), notifications.c.id).limit(limit)
        rows = (await self._session.execute(query)).all()
        return [NoticeStatus(**_utc_times(r._mapping)) for r in rows]


def _utc_change(change: OutcomeChange) -> dict[str, object]:
    values: dict[str, object] = dict(change)
    for key in ("sent_at", "next_attempt_at"):
        if isinstance(moment := values.get(key), datetime):
            values[key] = as_utc(moment)
    return values
