"""HTTP for the officials who act after a coaching window (PP 30/2019 Pasal 57-58): record the
uji kompetensi kembali and a post found during a temporary placement; read a case's chain and a
unit's rotation recommendations.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from asn_shared.catalog.sanctions_events import JenisMutasi
from asn_shared.catalog.vocabulary import Nip
from asn_shared.timers.store import TimerStore

from ..models import timers
from . import retest as steps
from .repository import CoachingRepository

router = APIRouter(prefix="/api/v1", tags=["coaching"])
ERRORS = {
    404: {"description": "No such case"},
    409: {"description": "Not allowed now (the body cites the article)"},
    422: {"description": "Invalid request"},
}
_STATUS = {steps.NotFound: 404, steps.Refused: 409}
CaseId = Annotated[uuid.UUID, Path()]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RetestBody(_Body):
    recorded_by_nip: Nip
    tested_on: date
    meets_standard: bool
    placement: JenisMutasi | None = Field(
        default=None,
        description="Below the standard: the post found, or PENEMPATAN_SEMENTARA for no vacancy.",
    )
    current_position: str | None = Field(
        default=None, min_length=1, description="Only when no profile has named the jabatan."
    )


class PostFoundBody(_Body):
    recorded_by_nip: Nip
    found_on: date
    placement: JenisMutasi
    current_position: str | None = Field(default=None, min_length=1)


@asynccontextmanager
async def acting(request: Request) -> AsyncIterator[steps.CoachingAct]:
    runtime = request.app.state.runtime
    clock = getattr(request.app.state, "clock", None) or (lambda: datetime.now(UTC))
    try:
        async with runtime.unit_of_work() as uow:
            yield steps.CoachingAct(
                CoachingRepository(uow.session), TimerStore(uow.session, timers), uow.emit, clock()
            )
    except tuple(_STATUS) as exc:  # raised inside the transaction: rolled back
        raise HTTPException(_STATUS[type(exc)], detail={"message": str(exc)}) from None


@router.post("/coaching/cases/{case_id}/competency-test", responses=ERRORS)
async def competency_test(request: Request, case_id: CaseId, body: RetestBody) -> dict:
    """The uji kompetensi kembali's result; a move publishes RotationRecommended."""
    async with acting(request) as act:
        return await steps.record_retest(act, case_id, steps.Retest(**body.model_dump()))


@router.post("/coaching/cases/{case_id}/post-found", responses=ERRORS)
async def post_found(request: Request, case_id: CaseId, body: PostFoundBody) -> dict:
    """A matching or lower post found within the temporary placement's year (Pasal 58(4))."""
    async with acting(request) as act:
        return await steps.record_post_found(act, case_id, steps.PostFound(**body.model_dump()))


@router.get("/coaching/cases/{case_id}", responses=ERRORS)
async def case(request: Request, case_id: CaseId) -> dict[str, Any]:
    """The case's chain: stage, window, judgement, re-test, placement, deadlines to come."""
    async with request.app.state.runtime.sessions() as session:
        repo = CoachingRepository(session)
        row = await repo.case(case_id)
        if row is None:
            raise HTTPException(404, detail={"message": f"no coaching case {case_id}"})
        pending = await TimerStore(session, timers).pending(key_prefix=str(case_id))
        rotations = await repo.rotations(nip=row.nip)
    view = {key: _plain(value) for key, value in row._mapping.items()}
    view["deadlines"] = [{"kind": t.kind, "due_at": t.due_at.isoformat()} for t in pending]
    view["rotations"] = [rotation_view(r) for r in rotations if r.case_id == case_id]
    return view


@router.get("/units/{unit_id}/rotations")
async def unit_rotations(request: Request, unit_id: str) -> dict[str, Any]:
    """Rotation recommendations for the unit's ASN, unpublished ones (no head known) included."""
    async with request.app.state.runtime.sessions() as session:
        rows = await CoachingRepository(session).rotations(unit_id=unit_id)
    return {"unit_id": unit_id, "rotations": [rotation_view(r) for r in rows]}


def rotation_view(row: Any) -> dict[str, Any]:
    return {key: _plain(value) for key, value in row._mapping.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else value
