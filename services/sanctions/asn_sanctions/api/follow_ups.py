"""Read-only HTTP queries of the sanctions service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from asn_shared.catalog.vocabulary import Nip

from .repository import SanctionsRepository

router = APIRouter(prefix="/api/v1", tags=["follow-ups"])


@router.get("/employees/{nip}/follow-ups")
async def follow_ups(request: Request, nip: Annotated[Nip, Path()]) -> dict[str, object]:
    """The ratings sanctions has received for an ASN (which are in force), and its coaching
    cases, rewards and training recommendations by period, cancelled ones included.

    An unknown NIP answers with empty lists, not 404: no follow-up is a valid state. (`Nip`
    inside Annotated, not `nip: Nip = Path()`: with the default form FastAPI drops the 18-digit
    pattern and accepts any string.)
    """
    async with request.app.state.runtime.sessions() as session:
        repo = SanctionsRepository(session)
        ratings = await repo.ratings_of(nip)
        cases = await repo.cases_of(nip)
        granted = await repo.rewards_of(nip)
        trainings = await repo.trainings_of(nip)
    return {
        "nip": nip,
        "ratings": _ratings(ratings),
        "coaching_cases": [_case(c) for c in cases],
        "rewards": [_reward(r) for r in granted],
        "training_recommendations": [_training(t) for t in trainings],
    }


def _ratings(rows: list[Any]) -> list[dict[str, object]]:
    # Not in force: superseded after a keberatan, or arrived after the rating that superseded it.
    superseded = {row.supersedes for row in rows if row.supersedes}
    return [
        {
            "rated_event_id": row.rated_event_id,
            "period": row.period,
            "predikat": row.predikat,
            "rated_at": row.rated_at.isoformat(),
            "supersedes": row.supersedes,
            "in_force": row.applied and row.rated_event_id not in superseded,
        }
        for row in rows
    ]


def _case(row: Any) -> dict[str, object]:
    return {
        "case_id": str(row.case_id),
        "period": row.period,
        "predikat": row.predikat,
        "coaching_type": row.coaching_type,
        "status": row.status,
        "started_on": row.started_on.isoformat(),
        "improvement_deadline": row.improvement_deadline.isoformat(),
        "legal_basis": list(row.legal_basis),
        "rated_event_id": row.rated_event_id,
        "cancelled_by_event_id": row.cancelled_by_event_id,
    }


def _reward(row: Any) -> dict[str, object]:
    return {
        "reward_id": str(row.reward_id),
        "period": row.period,
        "predikat": row.predikat,
        "reward_type": row.reward_type,
        "status": row.status,
        "granted_on": row.granted_on.isoformat(),
        "recommendation": row.recommendation,
        "legal_basis": list(row.legal_basis),
        "rated_event_id": row.rated_event_id,
        "cancelled_by_event_id": row.cancelled_by_event_id,
    }


def _training(row: Any) -> dict[str, object]:
    return {
        "recommendation_id": str(row.recommendation_id),
        "period": row.period,
        "kind": row.kind,
        "predikat": row.predikat,
        "status": row.status,
        "recommended_on": row.recommended_on.isoformat(),
        "competencies": list(row.competencies),
        "legal_basis": list(row.legal_basis),
        "rated_event_id": row.rated_event_id,
        "cancelled_by_event_id": row.cancelled_by_event_id,
    }
