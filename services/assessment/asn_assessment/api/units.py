"""A unit's period: organisation predicate, standing, and close (SE MenPANRB 3/2023)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from asn_shared.catalog.vocabulary import Period

from ..usecases import closing
from .common import ERRORS, cycle_for
from .schemas import OrganizationRatingIn, PeriodCloseIn

router = APIRouter(prefix="/api/v1/units", tags=["units"], responses=ERRORS)
UnitId = Annotated[str, Path(min_length=1, max_length=100)]
PeriodPath = Annotated[Period, Path()]


@router.put("/{unit_id}/periods/{period}/organization-rating")
async def rate_organization(
    request: Request, unit_id: UnitId, period: PeriodPath, body: OrganizationRatingIn
) -> dict[str, Any]:
    async with cycle_for(request) as cycle:
        await closing.rate_organization(
            cycle, unit_id, period, body.predikat_organisasi, body.rated_by_nip
        )
    return await summary(request, unit_id, period)


@router.get("/{unit_id}/periods/{period}")
async def summary(request: Request, unit_id: UnitId, period: PeriodPath) -> dict[str, Any]:
    """Who is rated, who is missing, and the distribution against the quotas."""
    async with cycle_for(request) as cycle:
        standing = await closing.unit_standing(cycle, unit_id, period)
    return standing.as_dict()


@router.post("/{unit_id}/periods/{period}/close")
async def close(
    request: Request, unit_id: UnitId, period: PeriodPath, body: PeriodCloseIn
) -> dict[str, Any]:
    """Publish PerformanceRated for every ASN of the unit; refused with a report when the
    ratings are incomplete or (annual, per setting) the distribution breaks the quotas."""
    async with cycle_for(request) as cycle:
        return await closing.close_period(cycle, unit_id, period, body.actor_nip)
