"""Event type -> use case: what the assessment consumer applies (asn_shared.messaging.handling).

Besides what agencies and the feedback service publish, the service's own acts (an SKP drafted,
a period closed, an objection decided, ...): recorded by its HTTP commands and already applied
when they did so (claimed in the inbox: live, their delivery is a skipped duplicate), applied
here when a rebuild replays the audit stream, by the same `apply_*` use case the command ran.
No permission check here: the log is the record of what was allowed.
"""

from __future__ import annotations

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import (
    AssessmentSubmitted,
    EmployeeProfileUpdated,
    IndicatorMeasured,
)
from asn_shared.catalog.assessment_acts import (
    PerformanceDocumentHandedOver,
    PerformanceDocumentSigned,
    PerformanceFeedbackGiven,
    PerformancePeriodClosed,
    PerformancePlanDrafted,
    PerformancePlanEdited,
    PerformancePlanReturned,
    PerformancePlanRevised,
    PerformancePlanSubmitted,
    RatingObjectionDecisionTaken,
    RatingObjectionFiled,
)
from asn_shared.catalog.assessment_events import (
    OrganizationPerformanceRated,
    PerformancePlanApproved,
)
from asn_shared.catalog.feedback_events import CitizenFeedbackSummarized
from asn_shared.messaging.handling import HandlerContext, HandlerTable, on

from .adapters.unit_of_work import Cycle
from .settings import AssessmentSettings
from .usecases import closing, documents, evidence, objections, plans, ratings


class AssessmentHandlers:
    """One method per consumed event: open the unit of work on the delivery's transaction and
    call one use case. Idempotency, the transaction and acks live in asn_shared."""

    def __init__(self, settings: AssessmentSettings) -> None:
        self._settings = settings

    def table(self) -> HandlerTable:
        return HandlerTable(
            on(EmployeeProfileUpdated, self.on_employee_profile_updated),
            on(AssessmentSubmitted, self.on_assessment_submitted),
            on(IndicatorMeasured, self.on_indicator_measured),
            on(CitizenFeedbackSummarized, self.on_citizen_feedback_summarized),
            # the service's own acts, restored in a rebuild
            on(PerformancePlanDrafted, self.on_performance_plan_drafted),
            on(PerformancePlanEdited, self.on_performance_plan_edited),
            on(PerformancePlanSubmitted, self.on_performance_plan_submitted),
            on(PerformancePlanReturned, self.on_performance_plan_returned),
            on(PerformancePlanApproved, self.on_performance_plan_approved),
            on(PerformancePlanRevised, self.on_performance_plan_revised),
            on(PerformanceFeedbackGiven, self.on_performance_feedback_given),
            on(OrganizationPerformanceRated, self.on_organization_performance_rated),
            on(PerformancePeriodClosed, self.on_performance_period_closed),
            on(RatingObjectionFiled, self.on_rating_objection_filed),
            on(RatingObjectionDecisionTaken, self.on_rating_objection_decision_taken),
            on(PerformanceDocumentSigned, self.on_performance_document_signed),
            on(PerformanceDocumentHandedOver, self.on_performance_document_handed_over),
        )

    async def on_employee_profile_updated(
        self, ctx: HandlerContext[EmployeeProfileUpdated]
    ) -> None:
        await evidence.record_profile(self._cycle(ctx), ctx.event, ctx.data)

    async def on_assessment_submitted(self, ctx: HandlerContext[AssessmentSubmitted]) -> None:
        await ratings.record_assessment(self._cycle(ctx), ctx.event, ctx.data)

    async def on_indicator_measured(self, ctx: HandlerContext[IndicatorMeasured]) -> None:
        await evidence.record_measurement(self._cycle(ctx), ctx.event, ctx.data)

    async def on_citizen_feedback_summarized(
        self, ctx: HandlerContext[CitizenFeedbackSummarized]
    ) -> None:
        await evidence.record_citizen_feedback(self._cycle(ctx), ctx.data)

    async def on_performance_plan_drafted(
        self, ctx: HandlerContext[PerformancePlanDrafted]
    ) -> None:
        await plans.apply_drafted(self._cycle(ctx), ctx.data)

    async def on_performance_plan_edited(self, ctx: HandlerContext[PerformancePlanEdited]) -> None:
        await plans.apply_edited(self._cycle(ctx), ctx.data)

    async def on_performance_plan_submitted(
        self, ctx: HandlerContext[PerformancePlanSubmitted]
    ) -> None:
        await plans.apply_submitted(self._cycle(ctx), ctx.data)

    async def on_performance_plan_returned(
        self, ctx: HandlerContext[PerformancePlanReturned]
    ) -> None:
        await plans.apply_returned(self._cycle(ctx), ctx.data)

    async def on_performance_plan_approved(
        self, ctx: HandlerContext[PerformancePlanApproved]
    ) -> None:
        await plans.apply_approved(self._cycle(ctx), ctx.data)

    async def on_performance_plan_revised(
        self, ctx: HandlerContext[PerformancePlanRevised]
    ) -> None:
        await plans.apply_revised(self._cycle(ctx), ctx.data)

    async def on_performance_feedback_given(
        self, ctx: HandlerContext[PerformanceFeedbackGiven]
    ) -> None:
        await evidence.apply_feedback_given(self._cycle(ctx), ctx.data)

    async def on_organization_performance_rated(
        self, ctx: HandlerContext[OrganizationPerformanceRated]
    ) -> None:
        await closing.apply_organization_rated(self._cycle(ctx), ctx.event, ctx.data)

    async def on_performance_period_closed(
        self, ctx: HandlerContext[PerformancePeriodClosed]
    ) -> None:
        await closing.apply_period_closed(self._cycle(ctx), ctx.data)

    async def on_rating_objection_filed(self, ctx: HandlerContext[RatingObjectionFiled]) -> None:
        await objections.apply_filed(self._cycle(ctx), ctx.data)

    async def on_rating_objection_decision_taken(
        self, ctx: HandlerContext[RatingObjectionDecisionTaken]
    ) -> None:
        await objections.apply_decision(self._cycle(ctx), ctx.data)

    async def on_performance_document_signed(
        self, ctx: HandlerContext[PerformanceDocumentSigned]
    ) -> None:
        await documents.apply_signed(self._cycle(ctx), ctx.data)

    async def on_performance_document_handed_over(
        self, ctx: HandlerContext[PerformanceDocumentHandedOver]
    ) -> None:
        await documents.apply_handed_over(self._cycle(ctx), ctx.data)

    def _cycle(self, ctx: HandlerContext[EventData]) -> Cycle:
        # "Now" is the event's own time: a rating submitted at 16:59 is rated at 16:59 however
        # late it is consumed, and a rebuild from the audit stream sets the same times again (an
        # act's time is the command's "now", so its rebuild writes what the command wrote).
        event_time = ctx.event.time
        return Cycle(ctx.session, ctx.emit, self._settings, clock=lambda: event_time)


def build_handlers(settings: AssessmentSettings) -> HandlerTable:
    return AssessmentHandlers(settings).table()
