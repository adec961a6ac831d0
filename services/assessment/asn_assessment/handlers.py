"""Thin subscribers: contract model -> use case. Idempotency and acks live in asn_shared."""

from asn_shared.catalog.agency_events import AssessmentSubmitted
from asn_shared.messaging.consumer import HandlerContext

from . import services
from .repository import AssessmentRepository


async def on_assessment_submitted(ctx: HandlerContext) -> None:
    await services.record_assessment(AssessmentRepository(ctx.session), ctx.event, ctx.data, ctx.emit)


HANDLERS = {AssessmentSubmitted: on_assessment_submitted}
