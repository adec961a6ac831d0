"""A unit's service over periods: its SKM results and substantiated complaints, and the rotation
of its head when the service declines (domain/service_decline.py has the rule and its grounds).

The rule runs when a ServiceSatisfactionMeasured arrives (a period's SKM is published after the
period), on the complaints decided by then. The head is the one member of the unit whose
superior is outside it, from this service's own directory of profiles; when the directory does
not single one out the recommendation is recorded without a name, shown over HTTP and not
published (RotationRecommended names an ASN).
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

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

from ..adapters.unit_of_work import SanctionsUnitOfWork
from ..domain.coaching.rotation import Rotation
from ..domain.dates import jakarta_date
from ..domain.service_decline import LEGAL_BASIS, PeriodResult, declining
from .coaching.rotations import recommend

log = get_logger(__name__)
REASON = "UNIT_SERVICE_DECLINE"


async def record_complaint(uow: SanctionsUnitOfWork, data: ComplaintResolved) -> None:
    """Count a substantiated complaint against its unit; other outcomes change nothing."""
    if data.outcome is not PenyelesaianPengaduan.TERBUKTI:
        return
    await uow.unit_service.add_substantiated_complaint(
        channel=data.channel,
        complaint_id=data.complaint_id,
        unit_id=data.unit_id,
        decided_on=data.decided_on,
    )


async def record_measure(
    uow: SanctionsUnitOfWork, event: CloudEvent, data: ServiceSatisfactionMeasured
) -> None:
    """Keep the newest SKM of the period; recommend the head's rotation when it completes a
    decline by the instance's rule (settings: SANCTIONS_ROTATION_*)."""
    service_key = data.service_name or ""
    key = {"unit_id": data.unit_id, "service_key": service_key, "period": data.period}
    if not await uow.unit_service.save_measure(
        key,
        mutu=data.mutu.value,
        nik=data.nik,
        respondents=data.respondents,
        measured_at=data.measured_at.astimezone(UTC),
        event_id=event.id,
    ):
        log.info("unit_service.older_measure_ignored", unit_id=data.unit_id, period=data.period)
        return
    history = await _history(uow, data.unit_id, service_key, EvaluationPeriod.parse(data.period))
    if not declining(history, uow.settings.decline_rule):
        return
    head, position = await _head(uow, data.unit_id)
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
    await recommend(uow, rotation)


async def _history(
    uow: SanctionsUnitOfWork, unit_id: str, service_key: str, upto: EvaluationPeriod
) -> list[PeriodResult]:
    """The unit's results for periods of `upto`'s length up to it, oldest first."""
    measures = sorted(
        (EvaluationPeriod.parse(row.period), row)
        for row in await uow.unit_service.measures(unit_id, service_key)
        if EvaluationPeriod.parse(row.period).months == upto.months
    )
    return [
        PeriodResult(
            period,
            SkmMutu(row.mutu),
            row.nik,
            await uow.unit_service.substantiated_between(unit_id, period.start, period.end),
        )
        for period, row in measures
        if period.start <= upto.start
    ]


async def _head(uow: SanctionsUnitOfWork, unit_id: str) -> tuple[str | None, str | None]:
    rows = await uow.employees.of_unit(unit_id)
    head = unit_head((row.nip, row.supervisor_nip) for row in rows)
    position = next((row.position for row in rows if row.nip == head), None)
    return head, position


def _plain(result: PeriodResult) -> dict[str, Any]:
    return {
        "period": str(result.period),
        "mutu": result.mutu.value,
        "nik": result.nik,
        "substantiated_complaints": result.substantiated_complaints,
    }
