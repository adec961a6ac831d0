"""An ASN's ratings over time and the evidence of one period.

Read by the ASN, their evaluator, the evaluator's superior, the head of their unit and the
auditor role (domain/permissions.py may_read_employee).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from asn_shared.catalog.vocabulary import Nip, Period
from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated

from ..usecases.access import authorise_employee_read
from ..usecases.proposals import propose
from .common import ROUTER_ERRORS, cycle_for

router = APIRouter(
    prefix="/api/v1/employees",
    tags=["ratings"],
    dependencies=AUTHENTICATED,
    responses={**ROUTER_ERRORS, **AUTH_ERRORS},
)
NipPath = Annotated[Nip, Path()]


@router.get("/{nip}/ratings")
async def rating_history(
    request: Request, caller: Authenticated, nip: NipPath
) -> list[dict[str, Any]]:
    """Oldest first; superseded ratings name the event that replaced them."""
    async with cycle_for(request, caller) as cycle:
        await authorise_employee_read(cycle, caller, nip)
        rows = await cycle.ratings.history(nip)
    return [
        {
            "period": r.period,
            "status": r.status,
            "rating_hasil_kerja": r.rating_hasil_kerja,
            "rating_perilaku_kerja": r.rating_perilaku_kerja,
            "predikat": r.predikat,
            "proposed_hasil_kerja": r.proposed_hasil_kerja,
            "proposed_perilaku_kerja": r.proposed_perilaku_kerja,
            "differs_from_proposal": r.differs_from_proposal,
            "hasil_kerja_basis": r.hasil_kerja_basis,
            "consecutive_years": r.consecutive_years,
            "rated_event_id": r.rated_event_id,
            "superseded_by": r.superseded_by,
            "rated_at": r.rated_at.isoformat(),
        }
        for r in rows
    ]


@router.get("/{nip}/periods/{period}")
async def period_evidence(
    request: Request, caller: Authenticated, nip: NipPath, period: Annotated[Period, Path()]
) -> dict[str, Any]:
    """What the evaluator weighs: indicators and their capaian, feedback, citizen feedback,
    peers' means per BerAKHLAK value (never per assessor, and only from enough assessors), the
    proposal, and the official rating."""
    async with cycle_for(request, caller) as cycle:
        await authorise_employee_read(cycle, caller, nip)
        rating = await cycle.ratings.current_rating(nip, period)
        supervisor = await cycle.ratings.assessments_of(nip, period, ["SUPERVISOR"])
        evaluator_scores = supervisor[-1].perilaku if supervisor else None
        suggested = await propose(cycle, nip, period, evaluator_scores)
        notes = await cycle.evidence.feedback_notes_of(nip, period)
        citizens = await cycle.evidence.citizen_feedback_of(nip, period)
    minimum = cycle.settings.peer_min_assessors
    return {
        "nip": nip,
        "period": period,
        "indicators": suggested.indicators,
        "feedback": [
            {
                "author_nip": n.author_nip,
                "rhk_id": n.rhk_id,
                "nilai": n.nilai,
                "text": n.text,
                "created_at": n.created_at.isoformat(),
            }
            for n in notes
        ],
        "citizen_feedback": None
        if citizens is None
        else {
            "ratings_count": citizens.ratings_count,
            "average_score": citizens.average_score,
            "complaints_received": citizens.complaints_received,
            "complaints_substantiated": citizens.complaints_substantiated,
        },
        "peers": {
            value.value: {"mean": mean, "assessors": count}
            if count >= minimum
            else {"mean": None, "assessors": count}
            for value, (mean, count) in suggested.peer_means.items()
        },
        "proposal": {
            "rating_hasil_kerja": suggested.hasil_kerja,
            "rating_perilaku_kerja": suggested.perilaku_kerja,
        },
        "rating": None
        if rating is None
        else {
            "status": rating.status,
            "rating_hasil_kerja": rating.rating_hasil_kerja,
            "rating_perilaku_kerja": rating.rating_perilaku_kerja,
            "predikat": rating.predikat,
        },
    }
