"""A unit's period: organisation predicate, standing, and close (SE MenPANRB 3/2023).

The predicate is set by the leader one level up (the unit head's superior); the period is closed
by the unit's head or that leader; the standing is read by them and the auditor role.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from asn_shared.catalog.vocabulary import Period
from asn_shared.identity.caller import Caller
from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated, acting_nip

from ..usecases import closing
from ..usecases.access import authorise_unit_read
from .common import ROUTER_ERRORS, cycle_for, errors
from .schemas import OrganizationRatingIn, PeriodCloseIn

router = APIRouter(
    prefix="/api/v1/units",
    tags=["units"],
    dependencies=AUTHENTICATED,
    responses={**ROUTER_ERRORS, **AUTH_ERRORS},
)
UnitId = Annotated[str, Path(min_length=1, max_length=100)]
PeriodPath = Annotated[Period, Path()]


@router.put("/{unit_id}/periods/{period}/organization-rating", responses=errors(404, 409))
async def rate_organization(
    request: Request,
    caller: Authenticated,
    unit_id: UnitId,
    period: PeriodPath,
    body: OrganizationRatingIn,
) -> dict[str, Any]:
    """Stage 1, by the leader one level up (the superior of the unit's head)."""
    acting_nip(caller, body.rated_by_nip, "rated_by_nip")
    async with cycle_for(request, caller) as cycle:
        await closing.rate_organization(cycle, caller, unit_id, period, body.predikat_organisasi)
    return await _standing(request, caller, unit_id, period)


@router.get("/{unit_id}/periods/{period}")
async def summary(
    request: Request, caller: Authenticated, unit_id: UnitId, period: PeriodPath
) -> dict[str, Any]:
    """Who is rated, who is missing, and the distribution against the quotas."""
    async with cycle_for(request, caller) as cycle:
        await authorise_unit_read(cycle, caller, unit_id)
        standing = await closing.unit_standing(cycle, unit_id, period)
    return standing.as_dict()


async def _standing(request: Request, caller: Caller, unit_id: str, period: str) -> dict[str, Any]:
    """The standing after a step, for the one who took it (the leader one level up)."""
    async with cycle_for(request, caller) as cycle:
        standing = await closing.unit_standing(cycle, unit_id, period)
    return standing.as_dict()


@router.post("/{unit_id}/periods/{period}/close", responses=errors(404, 409))
async def close(
    request: Request,
    caller: Authenticated,
    unit_id: UnitId,
    period: PeriodPath,
    body: PeriodCloseIn,
) -> dict[str, Any]:
    """Publish PerformanceRated for every ASN of the unit; refused with a report when the
    ratings are incomplete or (annual, per setting) the distribution breaks the quotas. By the
    unit's head or the leader one level up."""
    acting_nip(caller, body.actor_nip, "actor_nip")
    async with cycle_for(request, caller) as cycle:
        return await closing.close_period(cycle, caller, unit_id, period)
