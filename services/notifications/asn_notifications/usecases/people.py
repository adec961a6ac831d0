"""Keeping the people copy current: the profiles the other notices find addresses in."""

from __future__ import annotations

from asn_shared.catalog.agency_events import EmployeeProfileUpdated
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain.recipients import Person

log = get_logger(__name__)


async def record_profile(
    uow: NotificationsUnitOfWork, event: CloudEvent, data: EmployeeProfileUpdated
) -> bool:
    """Store the profile; an older profile arriving late is ignored."""
    person = Person(
        nip=data.nip,
        name=data.name,
        email=str(data.email),
        supervisor_nip=data.supervisor_nip,
        unit_id=data.unit_id,
        unit_name=data.unit_name,
        position=data.position,
    )
    applied = await uow.people.upsert(person, time=event.time, event_id=event.id, now=uow.now())
    log.info("profile.stored" if applied else "profile.older_ignored", nip=data.nip)
    return applied
