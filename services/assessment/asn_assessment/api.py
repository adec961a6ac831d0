"""Read-only HTTP queries of the assessment service."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from asn_shared.catalog.vocabulary import Nip

from .repository import AssessmentRepository

router = APIRouter(prefix="/api/v1", tags=["ratings"])


@router.get("/employees/{nip}/ratings")
async def rating_history(request: Request, nip: Annotated[Nip, Path()]) -> list[dict[str, object]]:
    """An ASN's ratings, oldest first; superseded ratings name the event that replaced them."""
    sessions = request.app.state.runtime.sessions
    async with sessions() as session:
        rows = await AssessmentRepository(session).history(nip)
    return [
        {
            "period": r.period,
            "rating_hasil_kerja": r.rating_hasil_kerja,
            "rating_perilaku_kerja": r.rating_perilaku_kerja,
            "predikat": r.predikat,
            "rated_event_id": r.rated_event_id,
            "superseded_by": r.superseded_by,
            "rated_at": r.rated_at.isoformat(),
        }
        for r in rows
    ]
