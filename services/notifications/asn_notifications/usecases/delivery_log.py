"""The delivery log for operators: notices of a trigger event, a recipient or a channel (or the
newest ones), newest first; status only, never an address, a subject or a body."""

from __future__ import annotations

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain.outbox import NoticeStatus


async def delivery_log(
    uow: NotificationsUnitOfWork,
    *,
    trigger_event_id: str | None,
    recipient_nip: str | None,
    channel: str | None,
    status: str | None,
    limit: int,
) -> list[NoticeStatus]:
    return await uow.notices.status_rows(
        trigger_event_id=trigger_event_id,
        recipient_nip=recipient_nip,
        channel=channel,
        status=status,
        limit=limit,
    )
