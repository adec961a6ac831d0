"""HTTP for the officials who act after a coaching window (PP 30/2019 Pasal 57-58): record the
uji kompetensi kembali and a post found during a temporary placement; read a case's chain and a
unit's rotation recommendations. Every route needs a bearer token; who may act or read is
domain/permissions.py over this service's directory (403 with the rule).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request

from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated, acting_nip

from ..domain import permissions
from ..usecases.access import head_of_unit, line_of, require
from ..usecases.coaching import retest
from . import views
from .common import acting, read_errors, reading, step_errors
from .schemas import PostFoundBody, RetestBody

router = APIRouter(
    prefix="/api/v1", tags=["coaching"], dependencies=AUTHENTICATED, responses=AUTH_ERRORS
)
ERRORS = step_errors("No such coaching case")
CaseId = Annotated[uuid.UUID, Path()]


@router.post("/coaching/cases/{case_id}/competency-test", responses=ERRORS)
async def competency_test(
    request: Request, case_id: CaseId, body: RetestBody, caller: Authenticated
) -> dict[str, Any]:
    """The uji kompetensi kembali's result; a move publishes RotationRecommended."""
    acting_nip(caller, body.recorded_by_nip, "recorded_by_nip")
    step = retest.Retest(**body.model_dump(exclude={"recorded_by_nip"}))
    async with acting(request, caller) as uow:
        return await retest.record_retest(uow, case_id, step, caller)


@router.post("/coaching/cases/{case_id}/post-found", responses=ERRORS)
async def post_found(
    request: Request, case_id: CaseId, body: PostFoundBody, caller: Authenticated
) -> dict[str, Any]:
    """A matching or lower post found within the temporary placement's year (Pasal 58(4))."""
    acting_nip(caller, body.recorded_by_nip, "recorded_by_nip")
    found = retest.PostFound(**body.model_dump(exclude={"recorded_by_nip"}))
    async with acting(request, caller) as uow:
        return await retest.record_post_found(uow, case_id, found, caller)


@router.get("/coaching/cases/{case_id}", responses=read_errors("No such coaching case"))
async def case(request: Request, case_id: CaseId, caller: Authenticated) -> dict[str, Any]:
    """The case's chain: stage, window, judgement, re-test, placement, deadlines to come. For
    the ASN, their line of superiors, and the roles auditor and ppk."""
    async with reading(request) as store:
        row = await store.coaching.case(case_id)
        if row is None:
            raise HTTPException(404, detail={"message": f"no coaching case {case_id}"})
        require(permissions.person_reader(caller, await line_of(store, row.nip)))
        pending = await store.timers.pending(key_prefix=str(case_id))
        rotations = await store.coaching.rotations(nip=row.nip)
    return views.coaching_chain(row, pending, rotations)


@router.get("/units/{unit_id}/rotations", responses=read_errors())
async def unit_rotations(request: Request, unit_id: str, caller: Authenticated) -> dict[str, Any]:
    """Rotation recommendations for the unit's ASN, unpublished ones (no head known) included.
    For the unit's head and the head's superiors, and the roles auditor and ppk."""
    async with reading(request) as store:
        require(permissions.unit_reader(caller, await head_of_unit(store, unit_id)))
        rows = await store.coaching.rotations(unit_id=unit_id)
    return {"unit_id": unit_id, "rotations": [views.plain_row(r) for r in rows]}
