"""Telling the people an event concerns: the ASN, their supervisor, the unit's HR contacts and
the officials the event names, each by e-mail and (with a NIP) in their in-app inbox.

Who is concerned comes from catalogue.NOTICES; addresses from the people copy and the unit
contacts file. A recipient that cannot be resolved is recorded FAILED (with NotificationFailed)
for e-mail, so a missing profile shows up in the delivery log instead of vanishing.
"""

from __future__ import annotations

from typing import Any

from asn_shared.catalog.notifications_events import NotificationChannel, RecipientRole
from asn_shared.logging import get_logger

from . import domain
from .catalogue import Audience, NoticeKind
from .repository import PeopleRepository
from .services import NotificationRecorder
from .unit_contacts import UnitContacts

log = get_logger(__name__)


async def notify_concerned(
    people: PeopleRepository,
    recorder: NotificationRecorder,
    contacts: UnitContacts,
    kind: NoticeKind,
    data: Any,
    asn: domain.Person | None,
) -> list[str | None]:
    """Record every notice `kind` calls for about `data`, whose ASN's profile is `asn` (None when
    unknown); the statuses recorded."""
    nip = kind.about(data)
    supervisor = await people.get(asn.supervisor_nip if asn else None)
    priority = kind.priority_of(data)
    context = {"data": data, "asn": asn, "supervisor": supervisor}
    statuses: list[str | None] = []
    for recipient in await _recipients(people, contacts, kind, data, nip, asn, supervisor):
        ctx = {**context, "recipient_name": recipient.name}
        statuses.append(await recorder.record(kind.template, recipient, priority=priority, **ctx))
        if recipient.nip:
            statuses.append(
                await recorder.record(
                    kind.template,
                    recipient,
                    via=NotificationChannel.INBOX,
                    priority=priority,
                    **ctx,
                )
            )
    return statuses


async def _recipients(
    people: PeopleRepository,
    contacts: UnitContacts,
    kind: NoticeKind,
    data: Any,
    nip: str,
    asn: domain.Person | None,
    supervisor: domain.Person | None,
) -> list[domain.Recipient]:
    found: list[domain.Recipient] = []
    for audience in kind.audiences:
        if audience is Audience.ASN:
            found.append(domain.resolve_asn(nip, asn))
        elif audience is Audience.SUPERVISOR:
            found.append(domain.resolve_supervisor(nip, asn, supervisor))
        elif audience is Audience.HR_OFFICER:
            found.extend(_unit_contacts(contacts, kind, asn))
        else:
            for official in dict.fromkeys(kind.officials(data)):  # once each, in order
                if official != nip:
                    person = await people.get(official)
                    found.append(domain.resolve_person(RecipientRole.OFFICIAL, official, person))
    return found


def _unit_contacts(
    contacts: UnitContacts, kind: NoticeKind, asn: domain.Person | None
) -> list[domain.Recipient]:
    unit_contacts = contacts.of(asn.unit_id) if asn else ()
    if not unit_contacts:
        # Configuration, not a delivery failure: ops add the unit to the contacts file.
        log.warning(
            "notification.no_unit_contact",
            template=kind.template,
            unit_id=asn.unit_id if asn else None,
        )
    return [domain.resolve_unit_contact(c.nip, c.name, str(c.email)) for c in unit_contacts]
