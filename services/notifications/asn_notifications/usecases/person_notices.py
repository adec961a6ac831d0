"""Telling the people an event concerns: the ASN, their supervisor, the unit's HR contacts and
the officials the event names, each by e-mail and (with a NIP) in their in-app inbox; then the
agency systems subscribed to the event by webhook.

Who is concerned comes from domain/notices.py (NOTICES); addresses from the people copy and the
unit contacts file. A recipient that cannot be resolved is recorded FAILED (with
NotificationFailed) for e-mail, so a missing profile shows up in the delivery log instead of
vanishing.
"""

from __future__ import annotations

from collections.abc import Sequence

from asn_shared.catalog import EventData
from asn_shared.catalog.notifications_events import NotificationChannel, RecipientRole
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain.contacts import UnitContacts
from ..domain.notices import NOTICES, Audience, NoticeKind
from ..domain.recipients import (
    Person,
    Recipient,
    resolve_asn,
    resolve_person,
    resolve_supervisor,
    resolve_unit_contact,
)
from ..domain.webhooks import WebhookSubscriber
from . import webhook_notices
from .recording import NoticeRecorder, wake_if_due

log = get_logger(__name__)


async def record_person_notices(
    uow: NotificationsUnitOfWork,
    event: CloudEvent,
    data: EventData,
    contacts: UnitContacts,
    subscribers: Sequence[WebhookSubscriber],
) -> list[str | None]:
    """Every notice the event's kind (NOTICES) calls for, and its webhook rows; the statuses."""
    kind = NOTICES[type(data)]
    recorder = NoticeRecorder(uow, event)
    asn = await uow.people.get(kind.about(data))
    statuses = await notify_concerned(uow, recorder, contacts, kind, data, asn)
    unit_id = asn.unit_id if asn else None
    statuses += await webhook_notices.offer(recorder, subscribers, event, kind.template, unit_id)
    wake_if_due(uow, statuses)
    return statuses


async def notify_concerned(
    uow: NotificationsUnitOfWork,
    recorder: NoticeRecorder,
    contacts: UnitContacts,
    kind: NoticeKind,
    data: EventData,
    asn: Person | None,
) -> list[str | None]:
    """Record every notice `kind` calls for about `data`, whose ASN's profile is `asn` (None when
    unknown); the statuses recorded."""
    nip = kind.about(data)
    supervisor = await uow.people.get(asn.supervisor_nip if asn else None)
    priority = kind.priority_of(data)
    context: dict[str, object] = {"data": data, "asn": asn, "supervisor": supervisor}
    statuses: list[str | None] = []
    for recipient in await _recipients(uow, contacts, kind, data, nip, asn, supervisor):
        ctx = {**context, "recipient_name": recipient.name}
        statuses.append(await recorder.record(kind.template, recipient, ctx, priority=priority))
        if recipient.nip:
            inbox = NotificationChannel.INBOX
            statuses.append(
                await recorder.record(kind.template, recipient, ctx, via=inbox, priority=priority)
            )
    return statuses


async def _recipients(
    uow: NotificationsUnitOfWork,
    contacts: UnitContacts,
    kind: NoticeKind,
    data: EventData,
    nip: str,
    asn: Person | None,
    supervisor: Person | None,
) -> list[Recipient]:
    found: list[Recipient] = []
    for audience in kind.audiences:
        if audience is Audience.ASN:
            found.append(resolve_asn(nip, asn))
        elif audience is Audience.SUPERVISOR:
            found.append(resolve_supervisor(nip, asn, supervisor))
        elif audience is Audience.HR_OFFICER:
            found.extend(_unit_contacts(contacts, kind, asn))
        else:
            for official in dict.fromkeys(kind.officials(data)):  # once each, in order
                if official != nip:
                    person = await uow.people.get(official)
                    found.append(resolve_person(RecipientRole.OFFICIAL, official, person))
    return found


def _unit_contacts(contacts: UnitContacts, kind: NoticeKind, asn: Person | None) -> list[Recipient]:
    unit_contacts = contacts.of(asn.unit_id) if asn else ()
    if not unit_contacts:
        # Configuration, not a delivery failure: ops add the unit to the contacts file.
        log.warning(
            "notification.no_unit_contact",
            template=kind.template,
            unit_id=asn.unit_id if asn else None,
        )
    return [resolve_unit_contact(c.nip, c.name, str(c.email)) for c in unit_contacts]
