"""Event type -> use case: what the assessment consumer applies (asn_shared.messaging.handling)."""

from __future__ import annotations

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import (
    AssessmentSubmitted,
    EmployeeProfileUpdated,
    IndicatorMeasured,
)
from asn_shared.catalog.feedback_events import CitizenFeedbackSummarized
from asn_shared.messaging.handling import HandlerContext, HandlerTable, on

from .adapters.unit_of_work import Cycle
from .settings import AssessmentSettings
from .usecases import evidence, ratings


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

    def _cycle(self, ctx: HandlerContext[EventData]) -> Cycle:
        # "Now" is the event's own time: a rating submitted at 16:59 is rated at 16:59 however
        # late it is consumed, and a rebuild from the audit stream sets the same times again.
        event_time = ctx.event.time
        return Cycle(ctx.session, ctx.emit, self._settings, clock=lambda: event_time)


def build_handlers(settings: AssessmentSettings) -> HandlerTable:
    return AssessmentHandlers(settings).table()
