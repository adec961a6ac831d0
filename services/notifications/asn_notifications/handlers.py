"""Thin subscribers: contract model -> use case. Idempotency and acks live in asn_shared.

Built per service instance (not module-level) because they hold the renderer, configured with
the mail time zone, the unit contacts and webhook subscribers read from settings, and the signal
that wakes the dispatcher once a new row is committed. Every event kind of catalogue.NOTICES
goes through one handler; the complainant's notices have their own (complaint_notices.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import ComplaintReceived, EmployeeProfileUpdated
from asn_shared.catalog.feedback_events import ComplaintResolved, ComplaintVerified
from asn_shared.catalog.notifications_events import NotificationFailed, NotificationSent
from asn_shared.envelope import CloudEvent
from asn_shared.messaging.consumer import Handler, HandlerContext
from asn_shared.sealing import ContactSeal, open_sealed_contact

from . import complaint_notices, own_outcomes, person_notices, services, webhook_notices
from .catalogue import NOTICES, NoticeKind
from .complaint_notices import ContactRepository
from .dispatcher import DispatchSignal
from .models import PENDING
from .rendering import MailRenderer
from .repository import NotificationRepository, PeopleRepository
from .unit_contacts import UnitContacts
from .webhooks import WebhookSubscriber


def make_handlers(
    renderer: MailRenderer,
    signal: DispatchSignal,
    seal: ContactSeal | None = None,
    *,
    contacts: UnitContacts | None = None,
    subscribers: Sequence[WebhookSubscriber] = (),
    own_source: str = "/asn-kinerja/notifications",
) -> Mapping[type[EventData], Handler]:
    unit_contacts = contacts or UnitContacts()

    def recorder(ctx: HandlerContext) -> services.NotificationRecorder:
        return services.NotificationRecorder(
            NotificationRepository(ctx.session), renderer, ctx.event, ctx.emit
        )

    def wake_if_due(ctx: HandlerContext, statuses: list[str | None]) -> None:
        if PENDING in statuses:
            signal.wake_after_commit(ctx.session)

    async def on_profile(ctx: HandlerContext) -> None:
        await services.record_profile(PeopleRepository(ctx.session), ctx.event, ctx.data)

    def on_person_event(kind: NoticeKind) -> Handler:
        async def handle(ctx: HandlerContext) -> None:
            people, mail = PeopleRepository(ctx.session), recorder(ctx)
            asn = await people.get(kind.about(ctx.data))
            statuses = await person_notices.notify_concerned(
                people, mail, unit_contacts, kind, ctx.data, asn
            )
            unit_id = asn.unit_id if asn else None
            statuses += await webhook_notices.offer(
                mail, subscribers, ctx.event, kind.template, unit_id
            )
            wake_if_due(ctx, statuses)

        handle.__name__ = f"on_{kind.template}"
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
        wake_if_due(ctx, [status])

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
        statuses += await webhook_notices.offer(
            mail, subscribers, ctx.event, "perkembangan_pengaduan", ctx.data.unit_id
        )
        wake_if_due(ctx, statuses)

    async def on_own_outcome(ctx: HandlerContext) -> None:
        repo = NotificationRepository(ctx.session)
        await own_outcomes.apply_outcome(repo, ctx.event, ctx.data, own_source)

    handlers: dict[type[EventData], Handler] = {
        EmployeeProfileUpdated: on_profile,
        NotificationSent: on_own_outcome,
        NotificationFailed: on_own_outcome,
        ComplaintReceived: on_complaint,
        ComplaintVerified: on_complaint_progress,
        ComplaintResolved: on_complaint_progress,
    }
    handlers.update({model: on_person_event(kind) for model, kind in NOTICES.items()})
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
