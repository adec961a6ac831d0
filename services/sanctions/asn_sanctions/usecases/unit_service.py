"""A unit's service over periods: its SKM results and substantiated complaints, and the rotation
of its head when the service declines (service_decline.py has the rule and its grounds).

The rule runs when a ServiceSatisfactionMeasured arrives (a period's SKM is published after the
period), on the complaints decided by then. The head is the one member of the unit whose
superior is outside it, from this service's own directory of profiles; when the directory does
not single one out the recommendation is recorded without a name, shown over HTTP and not
published (RotationRecommended names an ASN).
"""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.catalog.feedback_events import (
    ComplaintResolved,
    PenyelesaianPengaduan,
    ServiceSatisfactionMeasured,
)
from asn_shared.catalog.sanctions_events import JenisMutasi
from asn_shared.catalog.vocabulary import SkmMutu
from asn_shared.directory import unit_head
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger
from asn_shared.periods import EvaluationPeriod
from asn_shared.persistence.inserts import insert_once
from asn_shared.persistence.newest import keep_newest

from .coaching.repository import CoachingRepository
from .coaching.rotations import Rotation, recommend
from .discipline.context import Emit
from .domain import jakarta_date
from .models import employees, substantiated_complaints, unit_service_measures
from .service_decline import LEGAL_BASIS, DeclineRule, PeriodResult, declining

log = get_logger(__name__)
REASON = "UNIT_SERVICE_DECLINE"


async def record_complaint(session: AsyncSession, data: ComplaintResolved) -> None:
    if data.outcome is not PenyelesaianPengaduan.TERBUKTI:
        return
    values = {
        "channel": data.channel,
        "complaint_id": data.complaint_id,
        "unit_id": data.unit_id,
        "decided_on": data.decided_on,
    }
    await insert_once(session, substantiated_complaints, values, ["channel", "complaint_id"])


async def record_measure(
    session: AsyncSession,
    event: CloudEvent,
    data: ServiceSatisfactionMeasured,
    emit: Emit,
    rule: DeclineRule,
) -> None:
    service_key = data.service_name or ""
    key = {"unit_id": data.unit_id, "service_key": service_key, "period": data.period}
    values = {
        "mutu": data.mutu.value,
        "nik": data.nik,
        "respondents": data.respondents,
        "measured_at": data.measured_at.astimezone(UTC),
        "event_id": event.id,
    }
    if not await keep_newest(
        session, unit_service_measures, key, values, time_column="measured_at"
    ):
        log.info("unit_service.older_measure_ignored", unit_id=data.unit_id, period=data.period)
        return
    history = await _history(
        session, data.unit_id, service_key, EvaluationPeriod.parse(data.period)
    )
    if not declining(history, rule):
        return
    head, position = await _head(session, data.unit_id)
    rotation = Rotation(
        reason=REASON,
        cause=f"unit:{data.unit_id}:{service_key}:{data.period}",
        nip=head,
        period=data.period,
        jenis_mutasi=JenisMutasi.JABATAN_SESUAI,
        current_position=position or (f"Kepala {data.unit_name}" if head else None),
        recommended_on=jakarta_date(data.measured_at),
        legal_basis=LEGAL_BASIS,
        unit_id=data.unit_id,
        details={"service_name": data.service_name, "history": [_plain(r) for r in history]},
    )
    log.warning("unit_service.declining", unit_id=data.unit_id, period=data.period)
    await recommend(CoachingRepository(session), rotation, emit, event.time.astimezone(UTC))


async def _history(
    session: AsyncSession, unit_id: str, service_key: str, upto: EvaluationPeriod
) -> list[PeriodResult]:
    """The unit's results for periods of `upto`'s length up to it, oldest first."""
    table = unit_service_measures
    rows = await session.execute(
        select(table).where(table.c.unit_id == unit_id, table.c.service_key == service_key)
    )
    measures = sorted(
        (EvaluationPeriod.parse(row.period), row)
        for row in rows
        if EvaluationPeriod.parse(row.period).months == upto.months
    )
    return [
        PeriodResult(
            period, SkmMutu(row.mutu), row.nik, await _complaints(session, unit_id, period)
        )
        for period, row in measures
        if period.start <= upto.start
    ]


async def _complaints(session: AsyncSession, unit_id: str, period: EvaluationPeriod) -> int:
    table = substantiated_complaints
    query = select(func.count()).where(
        table.c.unit_id == unit_id, table.c.decided_on.between(period.start, period.end)
    )
    return (await session.execute(query)).scalar_one()


async def _head(session: AsyncSession, unit_id: str) -> tuple[str | None, str | None]:
    rows = list(await session.execute(select(employees).where(employees.c.unit_id == unit_id)))
    head = unit_head((row.nip, row.supervisor_nip) for row in rows)
    position = next((row.position for row in rows if row.nip == head), None)
    return head, position


def _plain(result: PeriodResult) -> dict:
    return {
        "period": str(result.period),
        "mutu": result.mutu.value,
        "nik": result.nik,
        "substantiated_complaints": result.substantiated_complaints,
    }
