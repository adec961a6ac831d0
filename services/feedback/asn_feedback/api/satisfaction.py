"""HTTP of citizens' satisfaction: measure a unit's SKM (the unit's head or a unit-admin, with a
bearer token), and the unit's public statistics (no token).

Nothing here carries personal data: SKM questionnaires are anonymous, and complaints are counted,
never shown (UU 25/2009 Pasal 37(3) asks for statistics).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from asn_shared.identity.http import AUTH_ERRORS, Authenticated

from ..usecases import queries, satisfaction
from .common import reading, unit_of_work
from .schemas import PeriodPath, PeriodQuery, SkmMeasureIn, UnitId

router = APIRouter(prefix="/api/v1/units", tags=["satisfaction"])
_NOTHING_TO_MEASURE: dict[int | str, dict[str, Any]] = {
    409: {"description": "No complete SKM questionnaire for the period yet"}
}


@router.post(
    "/{unit_id}/skm/{period}",
    status_code=201,
    responses={**AUTH_ERRORS, **_NOTHING_TO_MEASURE},
)
async def measure(
    request: Request,
    caller: Authenticated,
    unit_id: UnitId,
    period: PeriodPath,
    body: SkmMeasureIn,
) -> dict[str, Any]:
    """Compute the unit's IKM from the period's complete questionnaires, record the act
    (SkmMeasurementTaken) and publish ServiceSatisfactionMeasured. The unit's head (as named for
    its complaints) or a unit-admin (403 for anybody else); 409 while no complete questionnaire
    exists."""
    async with unit_of_work(request, caller.nip) as uow:
        return await satisfaction.measure_unit(
            uow,
            caller=caller,
            unit_id=unit_id,
            unit_name=body.unit_name,
            period=period,
            service_name=body.service_name,
            population=body.population,
        )


@router.get("/{unit_id}/statistics")
async def statistics(request: Request, unit_id: UnitId, period: PeriodQuery) -> dict[str, Any]:
    """Public: complaints received in the period by status, SKM questionnaires received, and the
    unit's latest SKM measurement of the period."""
    async with reading(request) as reader:
        return await queries.unit_statistics(reader, unit_id, period)
