"""Thin subscribers: contract model -> use case. Idempotency and acks live in asn_shared."""

from collections.abc import Awaitable, Callable
from datetime import UTC
from typing import Any

from asn_shared.catalog.agency_events import AbsenceRecorded, EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.feedback_events import (
    ComplaintDeadlineMissed,
    ComplaintResolved,
    ServiceSatisfactionMeasured,
)
from asn_shared.messaging.consumer import HandlerContext
from asn_shared.timers.store import TimerStore

from . import services, unit_service
from .discipline import intake
from .discipline.repository import DisciplineRepository
from .models import timers
from .repository import SanctionsRepository
from .settings import SanctionsSettings


async def on_employee_profile_updated(ctx: HandlerContext) -> None:
    if await services.record_profile(SanctionsRepository(ctx.session), ctx.event, ctx.data):
        await intake.examiner_known(
            DisciplineRepository(ctx.session),
            ctx.data.nip,
            ctx.data.supervisor_nip,
            ctx.data.unit_id,
            ctx.emit,
            at=ctx.event.time,
        )


async def on_performance_rated(ctx: HandlerContext) -> None:
    timer_store = TimerStore(ctx.session, timers)
    # The rating's own time is "now": a rebuild from the audit stream records the same times.
    await services.apply_rating(
        SanctionsRepository(ctx.session),
        ctx.event,
        ctx.data,
        ctx.emit,
        timer_store,
        now=ctx.event.time.astimezone(UTC),
    )


def _with_employee(
    nip_of: Callable[[Any], str | None], use_case: Callable[..., Awaitable[Any]]
) -> Callable[[HandlerContext], Awaitable[None]]:
    """A discipline use case given the repository and the ASN's profile (None when unknown)."""

    async def handle(ctx: HandlerContext) -> None:
        nip = nip_of(ctx.data)
        employee = await SanctionsRepository(ctx.session).employee(nip) if nip else None
        await use_case(DisciplineRepository(ctx.session), employee, ctx.event, ctx.data, ctx.emit)

    return handle


def build_handlers(settings: SanctionsSettings) -> dict:
    async def record_absence(repo, employee, event, data, emit) -> None:  # noqa: ANN001
        await intake.record_absence(
            repo,
            employee,
            event,
            data,
            emit,
            calendar=settings.holiday_source.calendar(),
            sedang=settings.sedang_catalogue,
        )

    discipline_on_complaint = _with_employee(
        lambda d: d.subject_nip, intake.record_complaint_resolved
    )

    async def on_complaint_resolved(ctx: HandlerContext) -> None:
        await unit_service.record_complaint(ctx.session, ctx.data)  # the unit's trend
        await discipline_on_complaint(ctx)  # the officer's case

    async def on_service_satisfaction(ctx: HandlerContext) -> None:
        await unit_service.record_measure(
            ctx.session, ctx.event, ctx.data, ctx.emit, settings.decline_rule
        )

    return {
        EmployeeProfileUpdated: on_employee_profile_updated,
        PerformanceRated: on_performance_rated,
        AbsenceRecorded: _with_employee(lambda d: d.nip, record_absence),
        ComplaintResolved: on_complaint_resolved,
        ServiceSatisfactionMeasured: on_service_satisfaction,
        ComplaintDeadlineMissed: _with_employee(
            lambda d: d.responsible_nip, intake.record_deadline_missed
        ),
    }
