"""Use cases of the feedback service: load, call the domain, store.

Logs name complaints by (channel, complaint_id) and receipt number only: the complainant's name,
email and phone, and the free-text description (which may quote them), never reach a log line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.envelope import CloudEvent, InvalidMessage
from asn_shared.logging import get_logger

from . import domain
from .models import CHANNEL_MAX, COMPLAINT_ID_MAX, UNIT_ID_MAX
from .repository import ComplaintRepository

log = get_logger(__name__)


@dataclass(frozen=True)
class Receipt:
    """What the provider acknowledges (Pasal 44(1)-(3)); the complainant's identity is not in it."""

    receipt_number: str
    status: domain.ComplaintStatus
    response_due: date
    late_filing: bool


async def receive_complaint(
    repo: ComplaintRepository,
    event: CloudEvent,
    data: ComplaintReceived,
    now: datetime | None = None,
    contact: dict[str, str] | None = None,
) -> Receipt | None:
    """Record a complaint and acknowledge it; None when the channel already sent this complaint.

    The channel's (channel, complaint_id) is the complaint's identity: the inbox already drops the
    same CloudEvent delivered twice, this drops the same complaint re-published under a new id.
    `contact` is the opened seal of a complaint from our own doors (intake.py).
    """
    _refuse_oversized_keys(data)
    existing = await repo.find(data.channel, data.complaint_id)
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
    await repo.add(**_row(event, data, receipt, now or datetime.now(UTC), contact or {}))
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


def acknowledge(data: ComplaintReceived) -> Receipt:
    """The receipt the provider owes: number, 14-day response deadline, late-filing flag."""
    return Receipt(
        receipt_number=domain.receipt_number(data.channel, data.complaint_id),
        status=domain.ComplaintStatus.RECEIVED,
        response_due=domain.response_due(data.received_at),
        late_filing=domain.is_late_filing(data.service_date, data.received_at),
    )


def _row(
    event: CloudEvent, data: ComplaintReceived, receipt: Receipt, now: datetime, sealed: dict
) -> dict:
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
        "received_at": domain.as_aware(data.received_at).astimezone(UTC),
        "receipt_number": receipt.receipt_number,
        "status": receipt.status.value,
        "response_due": receipt.response_due,
        "late_filing": receipt.late_filing,
        "created_at": now,
    }


def _refuse_oversized_keys(data: ComplaintReceived) -> None:
    for field, limit in (
        ("channel", CHANNEL_MAX),
        ("complaint_id", COMPLAINT_ID_MAX),
        ("unit_id", UNIT_ID_MAX),
    ):
        if len(getattr(data, field)) > limit:
            raise InvalidMessage(f"ComplaintReceived.{field} longer than {limit} characters")
