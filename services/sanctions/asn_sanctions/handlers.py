"""Event type -> use case, and timer kind -> use case: what the sanctions consumer and its timer
scheduler apply (asn_shared.messaging.handling, asn_shared.timers).

The consumer binds the officials' own acts too (subscriptions.py): live each is already applied
by the HTTP command that recorded it (claimed in the inbox, so skipped here); a rebuild from the
audit stream applies it with the same use case.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import AbsenceRecorded, EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.feedback_events import (
    ComplaintDeadlineMissed,
    ComplaintResolved,
    ServiceSatisfactionMeasured,
)
from asn_shared.catalog.sanctions_acts import (
    CoachingPostFound,
    CoachingRetestRecorded,
    DisciplinaryCaseNotProven,
    DisciplinaryDecisionDelivered,
    DisciplinaryDecisionTaken,
    DisciplinaryHearingRecorded,
    DisciplinaryObjectionDecisionRecorded,
    DisciplinaryObjectionFiled,
    DisciplinarySummonsIssued,
)
from asn_shared.messaging.handling import HandlerContext, HandlerTable, on
from asn_shared.timers.scheduler import TimerContext, TimerHandler

from .adapters.unit_of_work import SanctionsUnitOfWork
from .settings import SanctionsSettings
from .usecases import ratings, unit_service
from .usecases.coaching import retest, window
from .usecases.discipline import decision, intake, remedies, steps, watch


class SanctionsHandlers:
    """One method per consumed event and per timer kind: open the unit of work on the
    delivery's (or the timer's) transaction and call one use case. Idempotency, the transaction
    and acks live in asn_shared."""

    def __init__(self, settings: SanctionsSettings) -> None:
        self._settings = settings

    def table(self) -> HandlerTable:
        return HandlerTable(
            on(EmployeeProfileUpdated, self.on_employee_profile_updated),
            on(PerformanceRated, self.on_performance_rated),
            on(AbsenceRecorded, self.on_absence_recorded),
            on(ComplaintResolved, self.on_complaint_resolved),
            on(ServiceSatisfactionMeasured, self.on_service_satisfaction_measured),
            on(ComplaintDeadlineMissed, self.on_complaint_deadline_missed),
            # The officials' own acts (subscriptions.py): the live consumer finds each already
            # applied by its HTTP command; a rebuild from the audit stream applies it here.
            on(DisciplinarySummonsIssued, self.on_disciplinary_summons_issued),
            on(DisciplinaryHearingRecorded, self.on_disciplinary_hearing_recorded),
            on(DisciplinaryDecisionTaken, self.on_disciplinary_decision_taken),
            on(DisciplinaryCaseNotProven, self.on_disciplinary_case_not_proven),
            on(DisciplinaryDecisionDelivered, self.on_disciplinary_decision_delivered),
            on(DisciplinaryObjectionFiled, self.on_disciplinary_objection_filed),
            on(
                DisciplinaryObjectionDecisionRecorded,
                self.on_disciplinary_objection_decision_recorded,
            ),
            on(CoachingRetestRecorded, self.on_coaching_retest_recorded),
            on(CoachingPostFound, self.on_coaching_post_found),
        )

    def timers(self) -> dict[str, TimerHandler]:
        return {
            intake.EXAMINER_CHECK_TIMER: self.on_discipline_examiner_check,
            steps.HEARING_TIMER: self.on_discipline_hearing_unrecorded,
            steps.SECOND_SUMMONS_TIMER: self.on_discipline_second_summons,
            steps.DELIVERY_TIMER: self.on_discipline_delivery,
            steps.EFFECTIVE_TIMER: self.on_discipline_effective,
            remedies.OBJECTION_TIMER: self.on_discipline_objection_decision,
            window.WINDOW_TIMER: self.on_coaching_window,
            window.PLACEMENT_TIMER: self.on_coaching_placement,
        }

    # -- events ---------------------------------------------------------------------------------

    async def on_employee_profile_updated(
        self, ctx: HandlerContext[EmployeeProfileUpdated]
    ) -> None:
        uow, data = self._uow(ctx), ctx.data
        if await ratings.record_profile(uow, ctx.event, data):
            await intake.examiner_known(uow, data.nip, data.supervisor_nip, data.unit_id)

    async def on_performance_rated(self, ctx: HandlerContext[PerformanceRated]) -> None:
        await ratings.apply_rating(self._uow(ctx), ctx.event, ctx.data)

    async def on_absence_recorded(self, ctx: HandlerContext[AbsenceRecorded]) -> None:
        await intake.record_absence(self._uow(ctx), ctx.event, ctx.data)

    async def on_complaint_resolved(self, ctx: HandlerContext[ComplaintResolved]) -> None:
        uow = self._uow(ctx)
        await unit_service.record_complaint(uow, ctx.data)  # the unit's trend
        await intake.record_complaint_resolved(uow, ctx.event, ctx.data)  # the officer's case

    async def on_service_satisfaction_measured(
        self, ctx: HandlerContext[ServiceSatisfactionMeasured]
    ) -> None:
        await unit_service.record_measure(self._uow(ctx), ctx.event, ctx.data)

    async def on_complaint_deadline_missed(
        self, ctx: HandlerContext[ComplaintDeadlineMissed]
    ) -> None:
        await intake.record_deadline_missed(self._uow(ctx), ctx.event, ctx.data)

    # -- the officials' acts: no permission check (the log is the record of what was allowed);
    # the same use case as the HTTP command's, after its checks --------------------------------

    async def on_disciplinary_summons_issued(
        self, ctx: HandlerContext[DisciplinarySummonsIssued]
    ) -> None:
        await steps.apply_summons(self._uow(ctx), ctx.data)

    async def on_disciplinary_hearing_recorded(
        self, ctx: HandlerContext[DisciplinaryHearingRecorded]
    ) -> None:
        await steps.apply_hearing(self._uow(ctx), ctx.data)

    async def on_disciplinary_decision_taken(
        self, ctx: HandlerContext[DisciplinaryDecisionTaken]
    ) -> None:
        await decision.apply_decision(self._uow(ctx), ctx.data)

    async def on_disciplinary_case_not_proven(
        self, ctx: HandlerContext[DisciplinaryCaseNotProven]
    ) -> None:
        await decision.apply_not_proven(self._uow(ctx), ctx.data)

    async def on_disciplinary_decision_delivered(
        self, ctx: HandlerContext[DisciplinaryDecisionDelivered]
    ) -> None:
        await steps.apply_delivery(self._uow(ctx), ctx.data)

    async def on_disciplinary_objection_filed(
        self, ctx: HandlerContext[DisciplinaryObjectionFiled]
    ) -> None:
        await remedies.apply_objection(self._uow(ctx), ctx.data)

    async def on_disciplinary_objection_decision_recorded(
        self, ctx: HandlerContext[DisciplinaryObjectionDecisionRecorded]
    ) -> None:
        await remedies.apply_objection_decision(self._uow(ctx), ctx.data)

    async def on_coaching_retest_recorded(
        self, ctx: HandlerContext[CoachingRetestRecorded]
    ) -> None:
        await retest.apply_retest(self._uow(ctx), ctx.data)

    async def on_coaching_post_found(self, ctx: HandlerContext[CoachingPostFound]) -> None:
        await retest.apply_post_found(self._uow(ctx), ctx.data)

    # -- timers ---------------------------------------------------------------------------------

    async def on_discipline_examiner_check(self, ctx: TimerContext) -> None:
        await intake.examiner_check(self._timer_uow(ctx), _case_id(ctx))

    async def on_discipline_hearing_unrecorded(self, ctx: TimerContext) -> None:
        summons = int(ctx.timer.payload["summons"])
        await watch.hearing_unrecorded(self._timer_uow(ctx), _case_id(ctx), summons)

    async def on_discipline_second_summons(self, ctx: TimerContext) -> None:
        due_on = date.fromisoformat(ctx.timer.payload["due_on"])
        await watch.second_summons_missing(self._timer_uow(ctx), _case_id(ctx), due_on)

    async def on_discipline_delivery(self, ctx: TimerContext) -> None:
        await watch.delivery_missing(self._timer_uow(ctx), _case_id(ctx))

    async def on_discipline_effective(self, ctx: TimerContext) -> None:
        await watch.take_effect(self._timer_uow(ctx), _case_id(ctx))

    async def on_discipline_objection_decision(self, ctx: TimerContext) -> None:
        objection_id = uuid.UUID(ctx.timer.payload["objection_id"])
        await watch.objection_undecided(self._timer_uow(ctx), _case_id(ctx), objection_id)

    async def on_coaching_window(self, ctx: TimerContext) -> None:
        await window.window_ended(self._timer_uow(ctx), _case_id(ctx))

    async def on_coaching_placement(self, ctx: TimerContext) -> None:
        await retest.placement_ended(self._timer_uow(ctx), _case_id(ctx))

    # -- the unit of work -----------------------------------------------------------------------

    def _uow(self, ctx: HandlerContext[EventData]) -> SanctionsUnitOfWork:
        # The event's own time is "now": a rebuild from the audit stream records the same times.
        # An act first fires its case's deadlines passed before it (usecases/overdue.py).
        now = ctx.event.time.astimezone(UTC)
        return SanctionsUnitOfWork(
            ctx.session,
            ctx.emit,
            self._settings,
            now,
            cause=ctx.event,
            timer_handlers=self.timers(),
        )

    def _timer_uow(self, ctx: TimerContext) -> SanctionsUnitOfWork:
        # The due time is "now": what a deadline does is dated when it passed, whether the
        # scheduler fires it seconds later or a step fires it first (usecases/overdue.py).
        return SanctionsUnitOfWork(ctx.session, ctx.emit, self._settings, ctx.timer.due_at)


def _case_id(ctx: TimerContext) -> uuid.UUID:
    return uuid.UUID(ctx.timer.payload["case_id"])


def build_handlers(settings: SanctionsSettings) -> HandlerTable:
    return SanctionsHandlers(settings).table()


def build_timer_handlers(settings: SanctionsSettings) -> dict[str, TimerHandler]:
    return SanctionsHandlers(settings).timers()
