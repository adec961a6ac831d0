"""Thin subscribers: contract model -> use case. Idempotency and acks live in asn_shared."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from asn_shared.catalog.agency_events import (
    AssessmentSubmitted,
    EmployeeProfileUpdated,
    IndicatorMeasured,
)
from asn_shared.catalog.feedback_events import CitizenFeedbackSummarized
from asn_shared.messaging.consumer import HandlerContext

from .settings import AssessmentSettings
from .usecases import Cycle
from .usecases.evidence import (
    record_citizen_feedback,
    record_measurement,
    record_profile,
)
from .usecases.ratings import record_assessment

UseCase = Callable[[Cycle, Any, Any], Awaitable[None]]


def _handler(
    use_case: UseCase, settings: AssessmentSettings
) -> Callable[[HandlerContext], Awaitable[None]]:
    async def handle(ctx: HandlerContext) -> None:
        # "Now" is the event's own time: a rating submitted at 16:59 is rated at 16:59 however
        # late it is consumed, and a rebuild from the audit stream sets the same times again.
        cycle = Cycle(ctx.session, ctx.emit, settings, clock=lambda: ctx.event.time)
        await use_case(cycle, ctx.event, ctx.data)

    handle.__name__ = f"on_{use_case.__name__}"
    return handle


def build_handlers(
    settings: AssessmentSettings,
) -> dict[type, Callable[[HandlerContext], Awaitable[None]]]:
    return {
        EmployeeProfileUpdated: _handler(record_profile, settings),
        AssessmentSubmitted: _handler(record_assessment, settings),
        IndicatorMeasured: _handler(record_measurement, settings),
        CitizenFeedbackSummarized: _handler(record_citizen_feedback, settings),
    }
