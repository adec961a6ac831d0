"""Publishing a complaint from this service's own doors (JSON API, Open311): the complainant's
contact is sealed into the `sealedcontact` extension attribute so it never lies in clear text on
the exchange or in the audit stream (asn_shared.sealing; the consumer opens it with
open_sealed_contact)."""

from __future__ import annotations

from typing import Any

from asn_shared.catalog.agency_events import Complainant, ComplaintReceived
from asn_shared.sealing import EXTENSION, FIELDS, ContactSeal


class SealingUnavailable(Exception):
    """A contact was given but FEEDBACK_CONTACT_KEY is not set: refuse rather than publish it."""


async def publish_complaint(uow: Any, data: ComplaintReceived, seal: ContactSeal | None) -> None:
    who = data.complainant
    contact = {k: str(getattr(who, k)) for k in FIELDS if getattr(who, k)}
    if not contact:
        await uow.emit(data)
        return
    if seal is None:
        raise SealingUnavailable(
            "contact details cannot be accepted: sealing is not configured (FEEDBACK_CONTACT_KEY)"
        )
    anonymous = data.model_copy(update={"complainant": Complainant(privacy=who.privacy)})
    await uow.emit(anonymous, extensions={EXTENSION: seal.seal(contact)})
