"""A person's in-app inbox: the INBOX rows of the notification outbox addressed to their NIP."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.catalog.notifications_events import NotificationChannel
from asn_shared.persistence.timestamps import as_utc

from ..domain.outbox import SENT, Notice
from .notices import notice_of
from .tables import notifications

INBOX = NotificationChannel.INBOX.value


class InboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def items(self, nip: str, *, unread_only: bool, limit: int) -> list[Notice]:
        query = select(notifications).where(
            notifications.c.recipient_nip == nip,
            notifications.c.channel == INBOX,
            notifications.c.status == SENT,
        )
        if unread_only:
            query = query.where(notifications.c.read_at.is_(None))
        query = query.order_by(notifications.c.created_at.desc(), notifications.c.id).limit(limit)
        return [notice_of(r._mapping) for r in (await self._session.execute(query)).all()]

    async def find(self, nip: str, notification_id: str) -> Notice | None:
        """The notice `notification_id` of this inbox, or None if not this inbox's."""
        query = select(notifications).where(*_mine(nip, notification_id))
        row = (await self._session.execute(query)).first()
        return notice_of(row._mapping) if row is not None else None

    async def mark_read(self, nip: str, notification_id: str, at: datetime) -> Notice | None:
        """Mark read once (the first reading time stays); the row, or None if not this inbox's."""
        await self._session.execute(
            update(notifications)
            .where(*_mine(nip, notification_id), notifications.c.read_at.is_(None))
            .values(read_at=as_utc(at))
        )
        return await self.find(nip, notification_id)


def _mine(nip: str, notification_id: str) -> tuple[ColumnElement[bool], ...]:
    return (
        notifications.c.id == notification_id,
        notifications.c.recipient_nip == nip,
        notifications.c.channel == INBOX,
    )
