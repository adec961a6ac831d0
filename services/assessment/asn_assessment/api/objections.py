"""Keberatan against a rating (PP 30/2019 Pasal 59)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from ..usecases import objections
from .common import ERRORS, cycle_for
from .schemas import ObjectionDecisionIn, ObjectionIn

router = APIRouter(prefix="/api/v1/objections", tags=["objections"], responses=ERRORS)


@router.post("", status_code=201)
async def file(request: Request, body: ObjectionIn) -> dict[str, Any]:
    """Filed by the ASN within the deadline; goes to the evaluator's superior."""
    async with cycle_for(request) as cycle:
        return await objections.file_objection(cycle, body)


@router.post("/{objection_id}/decision")
async def decide(
    request: Request,
    objection_id: Annotated[str, Path(max_length=64)],
    body: ObjectionDecisionIn,
) -> dict[str, Any]:
    """Final. MENGUBAH publishes a PerformanceRated that supersedes the old one."""
    async with cycle_for(request) as cycle:
        return await objections.decide_objection(cycle, objection_id, body)
