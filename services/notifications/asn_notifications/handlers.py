"""Thin subscribers: contract model -> use case. Idempotency and acks live in asn_shared.

Built per service instance (not module-level) because they hold the renderer, configured with
the mail time zone, and the signal that wakes the dispatcher once a new row is committed.
"""

from __future__ import annotations

from collections.abc import Mapping

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import ComplaintReceived, EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.feedback_events import ComplaintResolved, ComplaintVerified
from asn_shared.catalog.sanctions_events import CoachingStarted, RewardGranted
from asn_shared.envelope import CloudEvent
from asn_shared.messaging.consumer import Handler, HandlerContext
from asn_shared.sealing import ContactSeal, open_sealed_contact

from . import complaint_notices, services
from .complaint_notices import ContactRepository
from .dispatcher import DispatchSignal
from .models import PENDING
from .rendering import MailRenderer
from .repository import NotificationRepository, PeopleRepository

# Which mail template each trigger event uses for the ASN and the supervisor.
ASN_TEMPLATES: dict[type[EventData], str] = {
    PerformanceRated: "penilaian_kinerja",
    CoachingStarted: "pembinaan_kinerja",
    RewardGranted: "penghargaan",
}


def make_handlers(
    renderer: MailRenderer, signal: DispatchSignal, seal: ContactSeal | None = None
) -> Mapping[type[EventData], Handler]:
    def recorder(ctx: HandlerContext) -> services.NotificationRecorder:
        return services.NotificationRecorder(
            NotificationRepository(ctx.session), renderer, ctx.event, ctx.emit
        )

    async def on_profile(ctx: HandlerContext) -> None:
        await services.record_profile(PeopleRepository(ctx.session), ctx.event, ctx.data)

    def on_asn_event(template: str) -> Handler:
        async def handle(ctx: HandlerContext) -> None:
            statuses = await services.notify_asn_and_supervisor(
                PeopleRepository(ctx.session), recorder(ctx), template, ctx.data
            )
            if PENDING in statuses:
                signal.wake_after_commit(ctx.session)

        handle.__name__ = f"on_{template}"
        return handle

    async def on_complaint(ctx: HandlerContext) -> None:
        status = await complaint_notices.acknowledge_complaint(
            PeopleRepository(ctx.session),
            ContactRepository(ctx.session),
            recorder(ctx),
            ctx.data,
            renderer,
            email=complainant_email(ctx.event, ctx.data, seal),
        )
        if status == PENDING:
            signal.wake_after_commit(ctx.session)

    async def on_complaint_progress(ctx: HandlerContext) -> None:
        people, mail = PeopleRepository(ctx.session), recorder(ctx)
        statuses = [
            await complaint_notices.tell_progress(
                people, ContactRepository(ctx.session), mail, ctx.data
            )
        ]
        if isinstance(ctx.data, ComplaintResolved):
            statuses.append(
                await complaint_notices.tell_superior_of_substantiated(people, mail, ctx.data)
            )
        if PENDING in statuses:
            signal.wake_after_commit(ctx.session)

    handlers: dict[type[EventData], Handler] = {
        EmployeeProfileUpdated: on_profile,
        ComplaintReceived: on_complaint,
        ComplaintVerified: on_complaint_progress,
        ComplaintResolved: on_complaint_progress,
    }
    handlers.update({model: on_asn_event(template) for model, template in ASN_TEMPLATES.items()})
    return handlers


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
