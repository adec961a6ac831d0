"""Assembling the daily digests: each recipient's HELD mails folded into one PENDING mail the
dispatcher sends like any other (the rules: domain/digest.py). Time is a parameter, so tests run
days in a second; the loop that calls this is background.py's."""

from __future__ import annotations

from datetime import date, datetime

from asn_shared.catalog.notifications_events import NotificationChannel
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain.digest import (
    DIGEST_EVENT_TYPE,
    DIGEST_TEMPLATE,
    DigestEntry,
    digest_day,
    digest_trigger,
)
from ..domain.outbox import NORMAL, PENDING, Notice, notification_id
from ..domain.timestamps import as_utc

log = get_logger(__name__)

EMAIL = NotificationChannel.EMAIL.value


async def fold_held_mails(uow: NotificationsUnitOfWork, now: datetime, digest_hour: int) -> int:
    """Fold every recipient's HELD mails into today's digest; the number of digests made."""
    day = digest_day(now, uow.renderer.zone, digest_hour)
    if day is None:
        return 0
    made = 0
    for held in (await uow.notices.held_by_recipient(now)).values():
        made += await _fold(uow, held, day, now)
    if made:
        log.info("digest.assembled", digests=made, day=day.isoformat())
    return made


async def _fold(uow: NotificationsUnitOfWork, held: list[Notice], day: date, now: datetime) -> int:
    first = held[0]
    person = await uow.people.get(first.recipient_nip)
    entries = [DigestEntry(n.subject or "", as_utc(n.created_at), n.template) for n in held]
    mail = uow.renderer.render(
        DIGEST_TEMPLATE,
        role=first.recipient_role,
        recipient_name=person.name if person else None,
        day=day,
        entries=entries,
    )
    trigger = digest_trigger(day)
    digest_id = notification_id(trigger, first.recipient_role, first.recipient_key, EMAIL)
    added = await uow.notices.add(
        Notice(
            id=digest_id,
            trigger_event_id=trigger,
            trigger_event_type=DIGEST_EVENT_TYPE,
            correlation_id=digest_id,
            template=DIGEST_TEMPLATE,
            channel=EMAIL,
            priority=NORMAL,
            recipient_role=first.recipient_role,
            recipient_nip=first.recipient_nip,
            recipient_address=first.recipient_address,
            recipient_key=first.recipient_key,
            subject=mail.subject,
            body=mail.body,
            status=PENDING,
            attempts=0,
            created_at=as_utc(now),
            next_attempt_at=as_utc(now),
        )
    )
    if not added:
        return 0  # today's digest already went to this recipient: these wait for tomorrow's
    await uow.notices.mark_digested([n.id for n in held], digest_id)
    return 1
