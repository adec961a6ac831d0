"""The complainant's notices: the receipt (UU 25/2009 Pasal 44(1)) and each step of their
complaint's progress (ComplaintVerified, ComplaintResolved), to the address they gave; and a
substantiated complaint's notice to the officer's superior.

The address comes from ComplaintReceived (in clear from an agency's channel, opened from the
seal for feedback's own doors) and is kept in `complaint_contacts`; progress events carry none.
"""

from __future__ import annotations

from collections.abc import Sequence

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.catalog.feedback_events import ComplaintResolved, ComplaintVerified
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger
from asn_shared.sealing import ContactSeal, open_sealed_contact

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain.complaints import (
    PROGRESS_TEMPLATE,
    RECEIPT_TEMPLATE,
    SUBSTANTIATED_TEMPLATE,
    progress_context,
    receipt_context,
    superior_is_told,
)
from ..domain.recipients import resolve_complainant, resolve_supervisor
from ..domain.webhooks import WebhookSubscriber
from . import webhook_notices
from .recording import NoticeRecorder, wake_if_due

log = get_logger(__name__)


async def acknowledge_complaint(
    uow: NotificationsUnitOfWork,
    event: CloudEvent,
    data: ComplaintReceived,
    seal: ContactSeal | None,
) -> str | None:
    """The receipt, to the complainant's own address if they gave one, whatever their privacy."""
    email = complainant_email(event, data, seal)
    recipient = resolve_complainant(email)
    if recipient is None or email is None:  # resolve_complainant gives None without an address
        log.info("complaint.no_receipt_address", complaint_id=data.complaint_id)
        return None
    await uow.complaint_contacts.keep(data.channel, data.complaint_id, email, uow.now())
    unit_name = await uow.people.unit_name(data.unit_id) or data.unit_id
    context = receipt_context(data, unit_name, uow.renderer.zone)
    status = await NoticeRecorder(uow, event).record(RECEIPT_TEMPLATE, recipient, context)
    wake_if_due(uow, [status])
    return status


def complainant_email(
    event: CloudEvent, data: ComplaintReceived, seal: ContactSeal | None
) -> str | None:
    """The complainant's address: in clear from an agency's channel, sealed from feedback's own
    doors (asn_shared.sealing). A seal this service cannot open is dead-lettered with the reason,
    so the receipt is sent once the key is fixed and the message re-driven."""
    if data.complainant.email:
        return str(data.complainant.email)
    contact = open_sealed_contact(event, seal)
    return contact.get("email") if contact else None


async def record_verification(
    uow: NotificationsUnitOfWork,
    event: CloudEvent,
    data: ComplaintVerified,
    subscribers: Sequence[WebhookSubscriber],
) -> list[str | None]:
    """ComplaintVerified: the complainant hears of the step; subscribed systems get the event."""
    recorder = NoticeRecorder(uow, event)
    statuses = [await tell_progress(uow, recorder, data)]
    statuses += await webhook_notices.offer(
        recorder, subscribers, event, PROGRESS_TEMPLATE, data.unit_id
    )
    wake_if_due(uow, statuses)
    return statuses


async def record_resolution(
    uow: NotificationsUnitOfWork,
    event: CloudEvent,
    data: ComplaintResolved,
    subscribers: Sequence[WebhookSubscriber],
) -> list[str | None]:
    """ComplaintResolved: the complainant hears the outcome, a substantiated complaint's officer's
    superior is told, and subscribed systems get the event."""
    recorder = NoticeRecorder(uow, event)
    statuses = [await tell_progress(uow, recorder, data)]
    statuses.append(await tell_superior_of_substantiated(uow, recorder, data))
    statuses += await webhook_notices.offer(
        recorder, subscribers, event, PROGRESS_TEMPLATE, data.unit_id
    )
    wake_if_due(uow, statuses)
    return statuses


async def tell_progress(
    uow: NotificationsUnitOfWork,
    recorder: NoticeRecorder,
    data: ComplaintVerified | ComplaintResolved,
) -> str | None:
    email = await uow.complaint_contacts.email(data.channel, data.complaint_id)
    recipient = resolve_complainant(email)
    if recipient is None:  # no address given, or the receipt event never reached us
        log.info("complaint.no_progress_address", complaint_id=data.complaint_id)
        return None
    unit_name = await uow.people.unit_name(data.unit_id) or data.unit_id
    context = progress_context(data, unit_name)
    return await recorder.record(PROGRESS_TEMPLATE, recipient, context)


async def tell_superior_of_substantiated(
    uow: NotificationsUnitOfWork, recorder: NoticeRecorder, data: ComplaintResolved
) -> str | None:
    """A substantiated complaint about a named officer goes to the officer's superior, who deals
    with the pelaksana (UU 25/2009 Pasal 41(2))."""
    if not superior_is_told(data) or data.subject_nip is None:
        return None
    asn = await uow.people.get(data.subject_nip)
    supervisor = await uow.people.get(asn.supervisor_nip if asn else None)
    recipient = resolve_supervisor(data.subject_nip, asn, supervisor)
    context = {"asn": asn, "supervisor": supervisor, "data": data, "recipient_name": recipient.name}
    return await recorder.record(SUBSTANTIATED_TEMPLATE, recipient, context)
