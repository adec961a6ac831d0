"""Who gets told: the people copy's profiles and the recipients resolved from them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from asn_shared.catalog.notifications_events import RecipientRole

from .timestamps import as_utc


@dataclass(frozen=True)
class Person:
    """An ASN as the national HR system last described them (our own copy)."""

    nip: str
    name: str
    email: str
    supervisor_nip: str | None
    unit_id: str
    unit_name: str
    position: str


@dataclass(frozen=True)
class Recipient:
    """One intended recipient: resolved (address set) or not (reason set)."""

    role: RecipientRole
    nip: str | None = None
    address: str | None = None
    person: Person | None = None
    reason: str | None = None
    contact_name: str | None = None  # a unit's HR contact: configured, not a profile

    @property
    def name(self) -> str | None:
        return self.person.name if self.person else self.contact_name

    @property
    def resolved(self) -> bool:
        return self.address is not None

    @property
    def key(self) -> str:
        """Uniqueness key per trigger event, role and channel: a redelivery makes no second row."""
        if self.nip:
            return self.nip
        if self.address:
            return (
                "sha256:" + hashlib.sha256(self.address.strip().lower().encode()).hexdigest()[:40]
            )
        return "-"


def resolve_asn(nip: str, asn: Person | None) -> Recipient:
    if asn is None:
        return Recipient(RecipientRole.ASN, nip=nip, reason=f"no profile known for ASN {nip}")
    return Recipient(RecipientRole.ASN, nip=nip, address=asn.email, person=asn)


def resolve_supervisor(nip: str, asn: Person | None, supervisor: Person | None) -> Recipient:
    """The ASN's supervisor, by the supervisor_nip of the ASN's profile."""
    role = RecipientRole.SUPERVISOR
    if asn is None:
        return Recipient(role, reason=f"no profile known for ASN {nip}, so no supervisor")
    if not asn.supervisor_nip:
        return Recipient(role, reason=f"profile of ASN {nip} names no supervisor")
    if supervisor is None:
        return Recipient(
            role,
            nip=asn.supervisor_nip,
            reason=f"no profile known for supervisor {asn.supervisor_nip}",
        )
    return Recipient(role, nip=supervisor.nip, address=supervisor.email, person=supervisor)


def resolve_person(role: RecipientRole, nip: str, person: Person | None) -> Recipient:
    """An official the event names, by their profile."""
    if person is None:
        return Recipient(role, nip=nip, reason=f"no profile known for {role.value.lower()} {nip}")
    return Recipient(role, nip=nip, address=person.email, person=person)


def resolve_unit_contact(nip: str | None, name: str, email: str) -> Recipient:
    return Recipient(RecipientRole.HR_OFFICER, nip=nip, address=email, contact_name=name)


def resolve_complainant(email: str | None) -> Recipient | None:
    """The complainant gets a receipt when they gave an address, whatever their privacy choice."""
    if not email:
        return None
    return Recipient(RecipientRole.COMPLAINANT, address=email)


def is_newer(time: datetime, event_id: str, than_time: datetime, than_event_id: str) -> bool:
    """Profiles are ordered by event time, ties broken by id, so arrival order never matters."""
    return (as_utc(time), event_id) > (as_utc(than_time), than_event_id)
