"""The complainant's notices: the receipt (UU 25/2009 Pasal 44(1)) and each step of their
complaint's progress (ComplaintVerified, ComplaintResolved), to the address they gave.

The address comes from ComplaintReceived (in clear from an agency's channel, opened from the
seal for feedback's own doors) and is kept in `complaint_contacts`; progress events carry none.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.catalog.feedback_events import (
    ComplaintResolved,
    ComplaintVerified,
    PenyelesaianPengaduan,
)
from asn_shared.logging import get_logger

from . import domain, wording
from .models import complaint_contacts
from .rendering import MailRenderer
from .repository import PeopleRepository
from .services import NotificationRecorder

log = get_logger(__name__)
COMPLAINT_RESPONSE_DAYS = 14  # UU 25/2009 Pasal 44(3)


class ContactRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def keep(self, channel: str, complaint_id: str, email: str) -> None:
        if await self.email(channel, complaint_id) is None:
            await self._session.execute(
                complaint_contacts.insert().values(
                    channel=channel,
                    complaint_id=complaint_id,
                    email=email,
                    created_at=datetime.now(UTC),
                )
            )

    async def email(self, channel: str, complaint_id: str) -> str | None:
        query = select(complaint_contacts.c.email).where(
            complaint_contacts.c.channel == channel,
            complaint_contacts.c.complaint_id == complaint_id,
        )
        return (await self._session.execute(query)).scalar_one_or_none()


async def acknowledge_complaint(
    people: PeopleRepository,
    contacts: ContactRepository,
    recorder: NotificationRecorder,
    data: ComplaintReceived,
    renderer: MailRenderer,
    email: str | None,
) -> str | None:
    """The receipt, to the complainant's own address if they gave one, whatever their privacy."""
    recipient = domain.resolve_complainant(email)
    if recipient is None:
        log.info("complaint.no_receipt_address", complaint_id=data.complaint_id)
        return None
    await contacts.keep(data.channel, data.complaint_id, email)
    unit_name = await people.unit_name(data.unit_id) or data.unit_id
    context = receipt_context(data, unit_name, renderer.zone)
    return await recorder.record("tanda_terima_pengaduan", recipient, **context)


def receipt_context(data: ComplaintReceived, unit_name: str, zone: ZoneInfo) -> dict[str, Any]:
    """What the receipt says: never the complainant's name, phone or complaint text."""
    received_on = wording.local_date(data.received_at, zone)
    return {
        "complaint_id": data.complaint_id,
        "channel": data.channel,
        "category": data.category,
        "unit_name": unit_name,
        "received_on": received_on,
        "respond_by": received_on + timedelta(days=COMPLAINT_RESPONSE_DAYS),
    }


def progress_context(data: ComplaintVerified | ComplaintResolved, unit_name: str) -> dict[str, Any]:
    return {
        "complaint_id": data.complaint_id,
        "receipt_number": data.receipt_number,
        "unit_name": unit_name,
        "stage": data.outcome.value,
        "due": getattr(data, "decision_due", None) or getattr(data, "completion_due", None),
    }


async def tell_progress(
    people: PeopleRepository,
    contacts: ContactRepository,
    recorder: NotificationRecorder,
    data: ComplaintVerified | ComplaintResolved,
) -> str | None:
    recipient = domain.resolve_complainant(await contacts.email(data.channel, data.complaint_id))
    if recipient is None:  # no address given, or the receipt event never reached us
        log.info("complaint.no_progress_address", complaint_id=data.complaint_id)
        return None
    unit_name = await people.unit_name(data.unit_id) or data.unit_id
    context = progress_context(data, unit_name)
    return await recorder.record("perkembangan_pengaduan", recipient, **context)


async def tell_superior_of_substantiated(
    people: PeopleRepository, recorder: NotificationRecorder, data: ComplaintResolved
) -> str | None:
    """A substantiated complaint about a named officer goes to the officer's superior, who deals
    with the pelaksana (UU 25/2009 Pasal 41(2))."""
    if data.outcome is not PenyelesaianPengaduan.TERBUKTI or data.subject_nip is None:
        return None
    asn = await people.get(data.subject_nip)
    supervisor = await people.get(asn.supervisor_nip if asn else None)
    recipient = domain.resolve_supervisor(data.subject_nip, asn, supervisor)
    return await recorder.record(
        "pengaduan_terbukti",
        recipient,
        asn=asn,
        supervisor=supervisor,
        data=data,
        recipient_name=recipient.name,
    )
