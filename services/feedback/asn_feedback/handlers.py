"""Thin subscribers: contract model -> use case. Idempotency and acks live in asn_shared.

No event is emitted on receipt of a complaint: the contract has none, and notifications sends the
receipt mail from ComplaintReceived itself. A complaint naming an officer refreshes that officer's
CitizenFeedbackSummarized, as a citizen's rating does.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from asn_shared.catalog.agency_events import (
    CitizenRatingSubmitted,
    ComplaintReceived,
    SurveyResponseSubmitted,
)
from asn_shared.messaging.consumer import HandlerContext
from asn_shared.sealing import open_sealed_contact

from . import services
from .domain import local_date
from .repository import ComplaintRepository
from .satisfaction import record_citizen_rating, record_survey_response, summarize_day
from .satisfaction_repository import SatisfactionRepository
from .settings import FeedbackSettings

Handler = Callable[[HandlerContext], Awaitable[None]]


def build_handlers(settings: FeedbackSettings) -> dict[type, Handler]:
    async def on_complaint_received(ctx: HandlerContext) -> None:
        data: ComplaintReceived = ctx.data
        contact = open_sealed_contact(ctx.event, settings.contact_seal)
        receipt = await services.receive_complaint(
            ComplaintRepository(ctx.session), ctx.event, data, contact=contact
        )
        if receipt is not None and data.subject_nip is not None:
            await summarize_day(
                SatisfactionRepository(ctx.session),
                ctx.emit,
                data.subject_nip,
                data.unit_id,
                local_date(data.received_at),
                settings.summary_frequency,
            )

    async def on_citizen_rating(ctx: HandlerContext) -> None:
        await record_citizen_rating(
            SatisfactionRepository(ctx.session),
            ctx.emit,
            ctx.event,
            ctx.data,
            settings.summary_frequency,
        )

    async def on_survey_response(ctx: HandlerContext) -> None:
        await record_survey_response(SatisfactionRepository(ctx.session), ctx.event, ctx.data)

    return {
        ComplaintReceived: on_complaint_received,
        CitizenRatingSubmitted: on_citizen_rating,
        SurveyResponseSubmitted: on_survey_response,
    }
