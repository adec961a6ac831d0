"""Read-only HTTP queries of a rating's follow-ups: for the ASN, their line of superiors, and
the roles auditor and ppk (domain/permissions.py `person_reader`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from asn_shared.catalog.vocabulary import Nip
from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated

from ..domain import permissions
from ..usecases.access import line_of, require
from . import views
from .common import read_errors, reading

router = APIRouter(
    prefix="/api/v1", tags=["follow-ups"], dependencies=AUTHENTICATED, responses=AUTH_ERRORS
)


@router.get("/employees/{nip}/follow-ups", responses=read_errors())
async def follow_ups(
    request: Request, nip: Annotated[Nip, Path()], caller: Authenticated
) -> dict[str, object]:
    """The ratings sanctions has received for an ASN (which are in force), and its coaching
    cases, rewards and training recommendations by period, cancelled ones included.

    An unknown NIP answers with empty lists, not 404: no follow-up is a valid state. (`Nip`
    inside Annotated, not `nip: Nip = Path()`: with the default form FastAPI drops the 18-digit
    pattern and accepts any string.)
    """
    async with reading(request) as store:
        require(permissions.person_reader(caller, await line_of(store, nip)))
        repo = store.follow_ups
        ratings = await repo.ratings_of(nip)
        cases = await repo.cases_of(nip)
        granted = await repo.rewards_of(nip)
        trainings = await repo.trainings_of(nip)
    return {
        "nip": nip,
        "ratings": views.ratings(ratings),
        "coaching_cases": [views.coaching_case(c) for c in cases],
        "rewards": [views.reward(r) for r in granted],
        "training_recommendations": [views.training(t) for t in trainings],
    }
