"""A person's in-app inbox: the INBOX notices of their NIP, newest first, and marking one read.

The inbox is the same rendered notice a mail would carry, readable in the agency's portal. The
first reading of a notice is the person's act (domain/acts.py): recorded as NotificationRead and
applied from it (`apply_notice_read`), the same way the act's handler applies it in a rebuild.
"""

from __future__ import annotations

from datetime import datetime

from asn_shared.catalog.notifications_acts import NotificationRead
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain import acts
from ..domain.outbox import Notice
from ..errors import NotFound
from .own_outcomes import ours

log = get_logger(__name__)


async def list_inbox(
    uow: NotificationsUnitOfWork, nip: str, *, unread_only: bool, limit: int
) -> list[Notice]:
    return await uow.inbox.items(nip, unread_only=unread_only, limit=limit)


async def mark_notice_read(
    uow: NotificationsUnitOfWork, actor_nip: str, nip: str, notification_id: str
) -> Notice:
    """Mark one notice read; reading it again keeps the first time and records nothing."""
    notice = await uow.inbox.find(nip, notification_id)
    if notice is None:
        raise NotFound("no such notice in this inbox")
    if notice.read_at is not None:
        return notice
    data = acts.notice_read(actor_nip, notice)
    act = await uow.record_act(data)
    return await apply_notice_read(uow, data, at=act.time) or notice


async def apply_notice_read(
    uow: NotificationsUnitOfWork, data: NotificationRead, *, at: datetime
) -> Notice | None:
    """The notice read at the act's time (a later reading keeps the first); None if the inbox
    does not hold it."""
    return await uow.inbox.mark_read(data.nip, data.notification_id, at)


async def replay_notice_read(
    uow: NotificationsUnitOfWork, event: CloudEvent, data: NotificationRead, own_source: str
) -> None:
    """Our own NotificationRead read back: a duplicate live (the command applied it), applied
    in a rebuild. Another source's is ignored."""
    if ours(event, own_source) and await apply_notice_read(uow, data, at=event.time) is None:
        log.warning("notification.read_of_unknown_notice", notification_id=data.notification_id)
