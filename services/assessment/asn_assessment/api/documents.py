"""The annual document's hand-over and signatures, and the overdue report (PP 30/2019 Pasal
49-50)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from asn_shared.catalog.vocabulary import Nip, Period
from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated, acting_nip

from ..domain.documents import Act
from ..usecases import documents
from .common import ROUTER_ERRORS, cycle_for, errors
from .schemas import DocumentStepIn

router = APIRouter(
    tags=["documents"], dependencies=AUTHENTICATED, responses={**ROUTER_ERRORS, **AUTH_ERRORS}
)
DOCUMENT = "/api/v1/employees/{nip}/periods/{period}/document"
NipPath = Annotated[Nip, Path()]
PeriodPath = Annotated[Period, Path()]


@router.get(DOCUMENT, responses=errors(404))
async def document(
    request: Request, caller: Authenticated, nip: NipPath, period: PeriodPath
) -> dict[str, Any]:
    """Whose move it is, by when, and whether it is overdue."""
    async with cycle_for(request, caller) as cycle:
        return await documents.document_view(cycle, caller, nip, period)


@router.post(f"{DOCUMENT}/signatures", responses=errors(404, 409))
async def sign(
    request: Request, caller: Authenticated, nip: NipPath, period: PeriodPath, body: DocumentStepIn
) -> dict[str, Any]:
    """The evaluator, the ASN, or (a signature being late) the evaluator's superior signs."""
    acting_nip(caller, body.actor_nip, "actor_nip")
    async with cycle_for(request, caller) as cycle:
        return await documents.take_step(cycle, caller, nip, period, Act.SIGN, body.on)


@router.post(f"{DOCUMENT}/delivery", responses=errors(404, 409))
async def deliver(
    request: Request, caller: Authenticated, nip: NipPath, period: PeriodPath, body: DocumentStepIn
) -> dict[str, Any]:
    """The evaluator hands the signed document to the ASN (within 14 days of signing)."""
    acting_nip(caller, body.actor_nip, "actor_nip")
    async with cycle_for(request, caller) as cycle:
        return await documents.take_step(cycle, caller, nip, period, Act.DELIVER, body.on)


@router.get("/api/v1/units/{unit_id}/periods/{period}/documents")
async def unit_documents(
    request: Request,
    caller: Authenticated,
    unit_id: Annotated[str, Path(min_length=1, max_length=100)],
    period: PeriodPath,
    overdue: Annotated[bool, Query(description="Only the overdue ones.")] = False,
) -> dict[str, Any]:
    """The unit's annual documents: step, who must act, due date, days overdue."""
    async with cycle_for(request, caller) as cycle:
        return await documents.unit_documents(cycle, caller, unit_id, period, overdue)
