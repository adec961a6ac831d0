"""Event type -> use case: what the notifications consumer applies (asn_shared.messaging.handling).

Every event kind of domain/notices.py NOTICES goes through one handler (`on_person_notice`,
typed for any event: which notices an event calls for is the domain's table, not code here); the
complainant's notices, the people copy, our own outcomes and the acts people took over our HTTP
API (a no-op live, restored in a rebuild) have their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import ComplaintReceived, EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import (
    PerformancePlanApproved,
    PerformanceRated,
    RatingObjectionDecided,
)
from asn_shared.catalog.feedback_events import (
    ComplaintDeadlineMissed,
    ComplaintResolved,
    ComplaintVerified,
)
from asn_shared.catalog.notifications_acts import NotificationPreferenceChanged, NotificationRead
from asn_shared.catalog.notifications_events import NotificationFailed, NotificationSent
from asn_shared.catalog.sanctions_events import (
    CoachingCompleted,
    CoachingStarted,
    DisciplinaryCaseOpened,
    HearingScheduled,
    ObjectionDecided,
    RewardGranted,
    RotationRecommended,
    SanctionImposed,
    TrainingRecommended,
)
from asn_shared.messaging.handling import HandlerContext, HandlerTable, on
from asn_shared.sealing import ContactSeal

from .adapters.rendering import MailRenderer
from .adapters.signal import DispatchSignal
from .adapters.unit_of_work import NotificationsUnitOfWork
from .domain.contacts import UnitContacts
from .domain.webhooks import WebhookSubscriber
from .usecases import complaint_notices, inbox, own_outcomes, people, person_notices, preferences

OWN_SOURCE = "/asn-kinerja/notifications"


class NotificationsHandlers:
    """One method per consumed event (one for every person notice): open the unit of work on the
    delivery's transaction and call one use case. Idempotency, the transaction and acks live in
    asn_shared.

    Built per service instance because it holds the renderer (configured with the mail time
    zone), the unit contacts and webhook subscribers read from settings, the key that opens a
    complainant's sealed contact, and the signal that wakes the dispatcher once a due notice is
    committed.
    """

    def __init__(
        self,
        renderer: MailRenderer,
        signal: DispatchSignal,
        seal: ContactSeal | None = None,
        *,
        contacts: UnitContacts | None = None,
        subscribers: Sequence[WebhookSubscriber] = (),
        own_source: str = OWN_SOURCE,
    ) -> None:
        self._renderer = renderer
        self._signal = signal
        self._seal = seal
        self._contacts = contacts or UnitContacts()
        self._subscribers = tuple(subscribers)
        self._own_source = own_source

    def table(self) -> HandlerTable:
        return HandlerTable(
            on(EmployeeProfileUpdated, self.on_employee_profile_updated),
            # The person notices of domain/notices.py NOTICES, one row per event kind.
            on(PerformanceRated, self.on_person_notice),
            on(PerformancePlanApproved, self.on_person_notice),
            on(RatingObjectionDecided, self.on_person_notice),
            on(CoachingStarted, self.on_person_notice),
            on(CoachingCompleted, self.on_person_notice),
            on(RewardGranted, self.on_person_notice),
            on(TrainingRecommended, self.on_person_notice),
            on(RotationRecommended, self.on_person_notice),
            on(DisciplinaryCaseOpened, self.on_person_notice),
            on(HearingScheduled, self.on_person_notice),
            on(SanctionImposed, self.on_person_notice),
            on(ObjectionDecided, self.on_person_notice),
            on(ComplaintDeadlineMissed, self.on_person_notice),
            # The complainant's notices.
            on(ComplaintReceived, self.on_complaint_received),
            on(ComplaintVerified, self.on_complaint_verified),
            on(ComplaintResolved, self.on_complaint_resolved),
            # Our own outcomes: a no-op live, they settle the rows again in a rebuild.
            on(NotificationSent, self.on_notification_sent),
            on(NotificationFailed, self.on_notification_failed),
            # People's acts over our HTTP API: claimed by the command live, applied in a rebuild.
            on(NotificationPreferenceChanged, self.on_notification_preference_changed),
            on(NotificationRead, self.on_notification_read),
        )

    async def on_employee_profile_updated(
        self, ctx: HandlerContext[EmployeeProfileUpdated]
    ) -> None:
        await people.record_profile(self._uow(ctx), ctx.event, ctx.data)

    async def on_person_notice(self, ctx: HandlerContext[EventData]) -> None:
        await person_notices.record_person_notices(
            self._uow(ctx), ctx.event, ctx.data, self._contacts, self._subscribers
        )

    async def on_complaint_received(self, ctx: HandlerContext[ComplaintReceived]) -> None:
        await complaint_notices.acknowledge_complaint(
            self._uow(ctx), ctx.event, ctx.data, self._seal
        )

    async def on_complaint_verified(self, ctx: HandlerContext[ComplaintVerified]) -> None:
        await complaint_notices.record_verification(
            self._uow(ctx), ctx.event, ctx.data, self._subscribers
        )

    async def on_complaint_resolved(self, ctx: HandlerContext[ComplaintResolved]) -> None:
        await complaint_notices.record_resolution(
            self._uow(ctx), ctx.event, ctx.data, self._subscribers
        )

    async def on_notification_sent(self, ctx: HandlerContext[NotificationSent]) -> None:
        await own_outcomes.apply_outcome(self._uow(ctx), ctx.event, ctx.data, self._own_source)

    async def on_notification_failed(self, ctx: HandlerContext[NotificationFailed]) -> None:
        await own_outcomes.apply_outcome(self._uow(ctx), ctx.event, ctx.data, self._own_source)

    async def on_notification_preference_changed(
        self, ctx: HandlerContext[NotificationPreferenceChanged]
    ) -> None:
        await preferences.replay_preference_change(
            self._uow(ctx), ctx.event, ctx.data, self._own_source
        )

    async def on_notification_read(self, ctx: HandlerContext[NotificationRead]) -> None:
        await inbox.replay_notice_read(self._uow(ctx), ctx.event, ctx.data, self._own_source)

    def _uow(self, ctx: HandlerContext[EventData]) -> NotificationsUnitOfWork:
        return NotificationsUnitOfWork(
            ctx.session, ctx.emit, renderer=self._renderer, signal=self._signal
        )


def build_handlers(
    renderer: MailRenderer,
    signal: DispatchSignal,
    seal: ContactSeal | None = None,
    *,
    contacts: UnitContacts | None = None,
    subscribers: Sequence[WebhookSubscriber] = (),
    own_source: str = OWN_SOURCE,
) -> HandlerTable:
    return NotificationsHandlers(
        renderer,
        signal,
        seal,
        contacts=contacts,
        subscribers=subscribers,
        own_source=own_source,
    ).table()
