"""HTTP of citizens' satisfaction: measure a unit's SKM, and the unit's public statistics.

Nothing here carries personal data: SKM questionnaires are anonymous, and complaints are counted,
never shown (UU 25/2009 Pasal 37(3) asks for statistics).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from asn_shared.catalog.feedback_events import TenggatPengaduan
from asn_shared.catalog.vocabulary import Period

from . import domain
from .lifecycle import DECISION_DAYS
from .periods import bounds
from .satisfaction import measure_unit
from .satisfaction_repository import SatisfactionRepository
from .skm import NoCompleteQuestionnaire

router = APIRouter(prefix="/api/v1/units", tags=["satisfaction"])
DECISIONS = ("TERBUKTI", "TIDAK_TERBUKTI")
UnitId = Annotated[str, Path(min_length=1, max_length=200)]


class SkmMeasureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    population: int | None = Field(
        default=None,
        ge=1,
        description="Service users in the period; sets the sample required (unbounded: 384).",
    )
    service_name: str | None = Field(
        default=None, min_length=1, max_length=300, description="None: all the unit's services."
    )
    unit_name: str | None = Field(default=None, min_length=1, max_length=300)


@router.post("/{unit_id}/skm/{period}", status_code=201)
async def measure(
    request: Request, unit_id: UnitId, period: Annotated[Period, Path()], body: SkmMeasureIn
) -> dict[str, Any]:
    """Compute the unit's IKM from the period's complete questionnaires and publish
    ServiceSatisfactionMeasured. 409 while no complete questionnaire exists."""
    runtime = request.app.state.runtime
    try:
        async with runtime.unit_of_work() as uow:
            return await measure_unit(
                SatisfactionRepository(uow.session),
                uow.emit,
                unit_id=unit_id,
                unit_name=body.unit_name or unit_id,
                period=period,
                service_name=body.service_name,
                population=body.population,
            )
    except NoCompleteQuestionnaire as exc:
        raise HTTPException(409, detail={"message": str(exc)}) from None


def complaint_figures(rows: list[Any], missed: dict[str, int]) -> dict[str, Any]:
    """UU 25/2009 Pasal 37(3) statistics: counts by status, decisions and their 60 days."""
    by_status = {status.value: 0 for status in domain.ComplaintStatus}
    for row in rows:
        by_status[row.status] += 1
    decided = [r for r in rows if r.decision in DECISIONS]
    return {
        "received": len(rows),
        "by_status": by_status,
        "decided": len(decided),
        "decided_within_deadline": sum(1 for r in decided if decided_in_time(r)),
        "substantiated": sum(1 for r in decided if r.decision == "TERBUKTI"),
        "deadlines_missed": {d.value: missed.get(d.value, 0) for d in TenggatPengaduan},
    }


def decided_in_time(row: Any) -> bool:
    """Pasal 50(1): within 60 days of the file being complete."""
    return row.complete_on is not None and row.decided_on <= row.complete_on + timedelta(
        days=DECISION_DAYS
    )


@router.get("/{unit_id}/statistics")
async def statistics(
    request: Request, unit_id: UnitId, period: Annotated[Period, Query()]
) -> dict[str, Any]:
    """Public: complaints received in the period by status, SKM questionnaires received, and the
    unit's latest SKM measurement of the period."""
    start, end = bounds(period)
    async with request.app.state.runtime.sessions() as session:
        repo = SatisfactionRepository(session)
        rows = await repo.complaints_of_unit(unit_id, start, end)
        missed = await repo.missed_deadlines([r.id for r in rows])
        measurement = await repo.latest_measurement(unit_id, period)
        complete, incomplete = await repo.questionnaires(unit_id, period, None)
    return {
        "unit_id": unit_id,
        "period": period,
        "complaints": complaint_figures(rows, missed),
        "questionnaires": {"complete": len(complete), "incomplete": incomplete},
        "skm": None
        if measurement is None
        else {
            "ikm": measurement.ikm,
            "nik": measurement.nik,
            "mutu": measurement.mutu,
            "respondents": measurement.respondents,
            "required_sample": measurement.required_sample,
            "sample_sufficient": measurement.respondents >= measurement.required_sample,
            "measured_at": measurement.measured_at.isoformat(),
        },
    }
