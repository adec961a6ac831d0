"""Event type -> use case: what the feedback consumer applies (asn_shared.messaging.handling).

A complaint naming an officer refreshes that officer's CitizenFeedbackSummarized, as a citizen's
rating does (usecases/intake.py). No event is emitted on receipt of a complaint: the contract has
none, and notifications sends the receipt mail from ComplaintReceived itself.

The service's own acts (ComplaintStepTaken, ComplaintOfficialsNamed, SkmMeasurementTaken) are
bound too. Live, the HTTP command that recorded one applied it and claimed it in the inbox, so
its delivery here is a duplicate and skipped; in a rebuild (`feedback-service rebuild`) the act
is applied by the same use case the command ran, at the act's time, without asking the rules
again: the log is the record of what was allowed.
"""

from __future__ import annotations

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import (
    CitizenRatingSubmitted,
    ComplaintReceived,
    SurveyResponseSubmitted,
)
from asn_shared.catalog.feedback_acts import (
    ComplaintOfficialsNamed,
    ComplaintStepTaken,
    SkmMeasurementTaken,
)
from asn_shared.messaging.handling import HandlerContext, HandlerTable, on

from .adapters.unit_of_work import FeedbackUnitOfWork
from .settings import FeedbackSettings
from .usecases import handling, intake, satisfaction


class FeedbackHandlers:
    """One method per consumed event: open the unit of work on the delivery's transaction and
    call one use case. Idempotency, the transaction and acks live in asn_shared."""

    def __init__(self, settings: FeedbackSettings) -> None:
        self._settings = settings

    def table(self) -> HandlerTable:
        return HandlerTable(
            on(ComplaintReceived, self.on_complaint_received),
            on(CitizenRatingSubmitted, self.on_citizen_rating_submitted),
            on(SurveyResponseSubmitted, self.on_survey_response_submitted),
            on(ComplaintStepTaken, self.on_complaint_step_taken),
            on(ComplaintOfficialsNamed, self.on_complaint_officials_named),
            on(SkmMeasurementTaken, self.on_skm_measurement_taken),
        )

    async def on_complaint_received(self, ctx: HandlerContext[ComplaintReceived]) -> None:
        await intake.receive_complaint(self._uow(ctx), ctx.event, ctx.data)

    async def on_citizen_rating_submitted(
        self, ctx: HandlerContext[CitizenRatingSubmitted]
    ) -> None:
        await satisfaction.record_citizen_rating(self._uow(ctx), ctx.event, ctx.data)

    async def on_survey_response_submitted(
        self, ctx: HandlerContext[SurveyResponseSubmitted]
    ) -> None:
        await satisfaction.record_survey_response(self._uow(ctx), ctx.event, ctx.data)

    async def on_complaint_step_taken(self, ctx: HandlerContext[ComplaintStepTaken]) -> None:
        await handling.apply_step(self._act(ctx), ctx.data)

    async def on_complaint_officials_named(
        self, ctx: HandlerContext[ComplaintOfficialsNamed]
    ) -> None:
        await handling.apply_officials(self._act(ctx), ctx.data)

    async def on_skm_measurement_taken(self, ctx: HandlerContext[SkmMeasurementTaken]) -> None:
        await satisfaction.apply_measurement(self._act(ctx), ctx.data)

    def _uow(self, ctx: HandlerContext[EventData]) -> FeedbackUnitOfWork:
        return FeedbackUnitOfWork(ctx.session, ctx.emit, self._settings)

    def _act(self, ctx: HandlerContext[EventData]) -> FeedbackUnitOfWork:
        """For one of the service's own acts: its clock is the act's time."""
        return self._uow(ctx).at(ctx.event.time)


def build_handlers(settings: FeedbackSettings) -> HandlerTable:
    return FeedbackHandlers(settings).table()
