"""The annual document's hand-over and signatures, and the overdue report (PP 30/2019 Pasal
49-50)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from asn_shared.catalog.vocabulary import Nip, Period

from ..usecases import documents
from ..usecases.documents import Act
from .common import ERRORS, cycle_for
from .schemas import DocumentStepIn

router = APIRouter(tags=["documents"], responses=ERRORS)
DOCUMENT = "/api/v1/employees/{nip}/periods/{period}/document"
NipPath = Annotated[Nip, Path()]
PeriodPath = Annotated[Period, Path()]


@router.get(DOCUMENT)
async def document(request: Request, nip: NipPath, period: PeriodPath) -> dict[str, Any]:
    """Whose move it is, by when, and whether it is overdue."""
    async with cycle_for(request) as cycle:
        return await documents.document_view(cycle, nip, period)


@router.post(f"{DOCUMENT}/signatures")
async def sign(
    request: Request, nip: NipPath, period: PeriodPath, body: DocumentStepIn
) -> dict[str, Any]:
    """The evaluator, the ASN, or (a signature being late) the evaluator's superior signs."""
    async with cycle_for(request) as cycle:
        return await documents.take_step(cycle, nip, period, Act.SIGN, body.actor_nip, body.on)


@router.post(f"{DOCUMENT}/delivery")
async def deliver(
    request: Request, nip: NipPath, period: PeriodPath, body: DocumentStepIn
) -> dict[str, Any]:
    """The evaluator hands the signed document to the ASN (within 14 days of signing)."""
    async with cycle_for(request) as cycle:
        return await documents.take_step(cycle, nip, period, Act.DELIVER, body.actor_nip, body.on)


@router.get("/api/v1/units/{unit_id}/periods/{period}/documents")
async def unit_documents(
    request: Request,
    unit_id: Annotated[str, Path(min_length=1, max_length=100)],
    period: PeriodPath,
    overdue: Annotated[bool, Query(description="Only the overdue ones.")] = False,
) -> dict[str, Any]:
    """The unit's annual documents: step, who must act, due date, days overdue."""
    async with cycle_for(request) as cycle:
        return await documents.unit_documents(cycle, unit_id, period, overdue)
