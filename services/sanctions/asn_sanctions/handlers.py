"""Thin subscribers: contract model -> use case. Idempotency and acks live in asn_shared."""

from asn_shared.catalog.agency_events import EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.messaging.consumer import HandlerContext

from . import services
from .repository import SanctionsRepository


async def on_employee_profile_updated(ctx: HandlerContext) -> None:
    await services.record_profile(SanctionsRepository(ctx.session), ctx.event, ctx.data)


async def on_performance_rated(ctx: HandlerContext) -> None:
    await services.apply_rating(SanctionsRepository(ctx.session), ctx.event, ctx.data, ctx.emit)


HANDLERS = {
    EmployeeProfileUpdated: on_employee_profile_updated,
    PerformanceRated: on_performance_rated,
}
