"""A person's in-app inbox: the INBOX notices of their NIP, newest first, and marking one read.

The inbox is the same rendered notice a mail would carry, readable in the agency's portal.
"""

from __future__ import annotations

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain.outbox import Notice
from ..errors import NotFound


async def list_inbox(
    uow: NotificationsUnitOfWork, nip: str, *, unread_only: bool, limit: int
) -> list[Notice]:
    return await uow.inbox.items(nip, unread_only=unread_only, limit=limit)


async def mark_notice_read(uow: NotificationsUnitOfWork, nip: str, notification_id: str) -> Notice:
    """Mark one notice read; reading it again keeps the first time."""
    notice = await uow.inbox.mark_read(nip, notification_id, uow.now())
    if notice is None:
        raise NotFound("no such notice in this inbox")
    return notice
