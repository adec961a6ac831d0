"""HTTP for the officials who act after a coaching window (PP 30/2019 Pasal 57-58): record the
uji kompetensi kembali and a post found during a temporary placement; read a case's chain and a
unit's rotation recommendations.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request

from ..usecases.coaching import retest
from . import views
from .common import acting, reading
from .schemas import PostFoundBody, RetestBody

router = APIRouter(prefix="/api/v1", tags=["coaching"])
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such case"},
    409: {"description": "Not allowed now (the body cites the article)"},
    422: {"description": "Invalid request"},
}
CaseId = Annotated[uuid.UUID, Path()]


@router.post("/coaching/cases/{case_id}/competency-test", responses=ERRORS)
async def competency_test(request: Request, case_id: CaseId, body: RetestBody) -> dict[str, Any]:
    """The uji kompetensi kembali's result; a move publishes RotationRecommended."""
    async with acting(request) as uow:
        return await retest.record_retest(uow, case_id, retest.Retest(**body.model_dump()))


@router.post("/coaching/cases/{case_id}/post-found", responses=ERRORS)
async def post_found(request: Request, case_id: CaseId, body: PostFoundBody) -> dict[str, Any]:
    """A matching or lower post found within the temporary placement's year (Pasal 58(4))."""
    async with acting(request) as uow:
        found = retest.PostFound(**body.model_dump())
        return await retest.record_post_found(uow, case_id, found)


@router.get("/coaching/cases/{case_id}", responses=ERRORS)
async def case(request: Request, case_id: CaseId) -> dict[str, Any]:
    """The case's chain: stage, window, judgement, re-test, placement, deadlines to come."""
    async with reading(request) as store:
        row = await store.coaching.case(case_id)
        if row is None:
            raise HTTPException(404, detail={"message": f"no coaching case {case_id}"})
        pending = await store.timers.pending(key_prefix=str(case_id))
        rotations = await store.coaching.rotations(nip=row.nip)
    return views.coaching_chain(row, pending, rotations)


@router.get("/units/{unit_id}/rotations")
async def unit_rotations(request: Request, unit_id: str) -> dict[str, Any]:
    """Rotation recommendations for the unit's ASN, unpublished ones (no head known) included."""
    async with reading(request) as store:
        rows = await store.coaching.rotations(unit_id=unit_id)
    return {"unit_id": unit_id, "rotations": [views.plain_row(r) for r in rows]}
