"""A complaint from any channel (ComplaintReceived, through the consumer): recorded once,
acknowledged, and the summary of the officer it names refreshed.

Logs name complaints by (channel, complaint_id) and receipt number only: the complainant's name,
email and phone, and the free-text description (which may quote them), never reach a log line.
No event is emitted on receipt: the contract has none, and notifications sends the receipt mail
from ComplaintReceived itself.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.envelope import CloudEvent, InvalidMessage
from asn_shared.logging import get_logger
from asn_shared.sealing import open_sealed_contact

from ..adapters.unit_of_work import FeedbackUnitOfWork
from ..domain.complaints import Receipt, acknowledge, as_aware, local_date, oversized_key
from .satisfaction import summarize_day

log = get_logger(__name__)


async def receive_complaint(
    uow: FeedbackUnitOfWork, event: CloudEvent, data: ComplaintReceived
) -> Receipt | None:
    """Record and acknowledge the complaint; a complaint naming an officer refreshes that
    officer's CitizenFeedbackSummarized, as a citizen's rating does."""
    contact = open_sealed_contact(event, uow.settings.contact_seal)
    receipt = await record_complaint(uow, event, data, contact=contact)
    if receipt is not None and data.subject_nip is not None:
        await summarize_day(uow, data.subject_nip, data.unit_id, local_date(data.received_at))
    return receipt


async def record_complaint(
    uow: FeedbackUnitOfWork,
    event: CloudEvent,
    data: ComplaintReceived,
    contact: dict[str, str] | None = None,
) -> Receipt | None:
    """Record a complaint and acknowledge it; None when the channel already sent this complaint.

    The channel's (channel, complaint_id) is the complaint's identity: the inbox already drops the
    same CloudEvent delivered twice, this drops the same complaint re-published under a new id.
    `contact` is the opened seal of a complaint from our own doors (filing.py).
    """
    reason = oversized_key(data)
    if reason is not None:
        raise InvalidMessage(reason)
    existing = await uow.complaints.find(data.channel, data.complaint_id)
    if existing is not None:
        log.info(
            "complaint.duplicate",
            channel=data.channel,
            complaint_id=data.complaint_id,
            first_event_id=existing.event_id,
            receipt_number=existing.receipt_number,
        )
        return None
    receipt = acknowledge(data)
    await uow.complaints.add(**_row(event, data, receipt, uow.now(), contact or {}))
    log.info(
        "complaint.received",
        channel=data.channel,
        complaint_id=data.complaint_id,
        unit_id=data.unit_id,
        receipt_number=receipt.receipt_number,
        response_due=receipt.response_due.isoformat(),
        late_filing=receipt.late_filing,
        privacy=data.complainant.privacy.value,
    )
    return receipt


def _row(
    event: CloudEvent,
    data: ComplaintReceived,
    receipt: Receipt,
    now: datetime,
    sealed: dict[str, str],
) -> dict[str, Any]:
    who = data.complainant
    return {
        "channel": data.channel,
        "complaint_id": data.complaint_id,
        "source": event.source,
        "event_id": event.id,
        "unit_id": data.unit_id,
        "subject_nip": data.subject_nip,
        "category": data.category,
        "description": data.description,
        "privacy": who.privacy.value,
        "complainant_name": who.name or sealed.get("name"),
        "complainant_email": who.email or sealed.get("email"),
        "complainant_phone": who.phone or sealed.get("phone"),
        "service_date": data.service_date,
        # Stored in UTC: SQLite drops the offset, so only one zone may ever be written.
        "received_at": as_aware(data.received_at).astimezone(UTC),
        "receipt_number": receipt.receipt_number,
        "status": receipt.status.value,
        "response_due": receipt.response_due,
        "late_filing": receipt.late_filing,
        "created_at": now,
    }
