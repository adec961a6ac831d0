"""A complaint from this service's own doors (the JSON API, Open311 GeoReport): published as
ComplaintReceived through the outbox, the same path as any channel's, with the complainant's
contact sealed into the `sealedcontact` extension attribute so that it never lies in clear text on
the exchange or in the audit stream (asn_shared.sealing; intake.py opens it when the consumer
applies the event)."""

from __future__ import annotations

from typing import Any

from asn_shared.catalog.agency_events import Complainant, ComplaintReceived
from asn_shared.sealing import EXTENSION, FIELDS

from ..adapters.unit_of_work import FeedbackUnitOfWork
from ..domain.complaints import Receipt, acknowledge
from ..errors import SealingUnavailable


async def publish_complaint(uow: FeedbackUnitOfWork, data: ComplaintReceived) -> Receipt:
    """Publish the complaint; its receipt is the one the consumer will record."""
    who = data.complainant
    contact = {k: str(getattr(who, k)) for k in FIELDS if getattr(who, k)}
    if not contact:
        await uow.emit(data)
        return acknowledge(data)
    seal = uow.settings.contact_seal
    if seal is None:
        raise SealingUnavailable(
            "contact details cannot be accepted: sealing is not configured (FEEDBACK_CONTACT_KEY)"
        )
    anonymous = data.model_copy(update={"complainant": Complainant(privacy=who.privacy)})
    await uow.emit_with(anonymous, extensions={EXTENSION: seal.seal(contact)})
    return acknowledge(data)


async def file_open311_request(
    uow: FeedbackUnitOfWork, data: ComplaintReceived, request: dict[str, Any]
) -> Receipt:
    """A GeoReport request: the complaint published, its location and media kept beside it."""
    receipt = await publish_complaint(uow, data)
    await uow.open311.add(**request)
    return receipt
