"""Keberatan against a rating (PP 30/2019 Pasal 59)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated, acting_nip

from ..usecases import objections
from .common import ROUTER_ERRORS, cycle_for, errors
from .schemas import ObjectionDecisionIn, ObjectionIn

router = APIRouter(
    prefix="/api/v1/objections",
    tags=["objections"],
    dependencies=AUTHENTICATED,
    responses={**ROUTER_ERRORS, **AUTH_ERRORS},
)


@router.post("", status_code=201, responses=errors(404, 409))
async def file(request: Request, caller: Authenticated, body: ObjectionIn) -> dict[str, Any]:
    """Filed by the ASN rated (`nip` is the caller) within the deadline; goes to the evaluator's
    superior."""
    async with cycle_for(request, caller) as cycle:
        return await objections.file_objection(cycle, caller, body)


@router.post("/{objection_id}/decision", responses=errors(404, 409))
async def decide(
    request: Request,
    caller: Authenticated,
    objection_id: Annotated[str, Path(max_length=64)],
    body: ObjectionDecisionIn,
) -> dict[str, Any]:
    """By the evaluator's superior the objection went to. Final. MENGUBAH publishes a
    PerformanceRated that supersedes the old one."""
    acting_nip(caller, body.decided_by_nip, "decided_by_nip")
    async with cycle_for(request, caller) as cycle:
        return await objections.decide_objection(cycle, caller, objection_id, body)
