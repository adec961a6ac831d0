"""HTTP for the officials who act in a disciplinary case, and the views of cases and deadlines.

Each step is one transaction: the case moves, the step is recorded, the events go through the
outbox and the next deadline's timer is set, or nothing happens and the body says why.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request

from ..adapters.unit_of_work import SanctionsRepositories
from ..usecases.discipline import decision as deciding
from ..usecases.discipline import remedies, steps
from . import views
from .common import acting, reading
from .schemas import (
    DecisionBody,
    DeliveryBody,
    HearingBody,
    NotProvenBody,
    ObjectionBody,
    ObjectionDecisionBody,
    SummonsBody,
)

router = APIRouter(prefix="/api/v1", tags=["discipline"])
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such case"},
    403: {"description": "Not this official's step"},
    409: {"description": "Not allowed now (the body cites the article)"},
    422: {"description": "Invalid request"},
}
CaseId = Annotated[uuid.UUID, Path()]


@router.post("/discipline/cases/{case_id}/summons", status_code=201, responses=ERRORS)
async def summon(request: Request, case_id: CaseId, body: SummonsBody) -> dict[str, Any]:
    """A written summons to examination (Pasal 26); publishes HearingScheduled."""
    summons = steps.Summons(**{**body.model_dump(), "examiner_nips": tuple(body.examiner_nips)})
    async with acting(request) as uow:
        event = await steps.summon(uow, case_id, summons)
    return event.model_dump(mode="json")


@router.post("/discipline/cases/{case_id}/hearing", responses=ERRORS)
async def hearing(request: Request, case_id: CaseId, body: HearingBody) -> dict[str, str]:
    """The examination was held (BAP) or the ASN did not come."""
    async with acting(request) as uow:
        status = await steps.record_hearing(uow, case_id, **body.model_dump())
    return {"status": status.value}


@router.post("/discipline/cases/{case_id}/decision", status_code=201, responses=ERRORS)
async def decide(request: Request, case_id: CaseId, body: DecisionBody) -> dict[str, Any]:
    """The punishment (Pasal 33); publishes SanctionImposed."""
    decision = deciding.Decision(**{**body.model_dump(), "line": tuple(body.line)})
    async with acting(request) as uow:
        event = await deciding.decide(uow, case_id, decision)
    return event.model_dump(mode="json")


@router.post("/discipline/cases/{case_id}/not-proven", responses=ERRORS)
async def not_proven(request: Request, case_id: CaseId, body: NotProvenBody) -> dict[str, str]:
    async with acting(request) as uow:
        await deciding.not_proven(uow, case_id, **body.model_dump())
    return {"status": "NOT_PROVEN"}


@router.post("/discipline/cases/{case_id}/delivery", responses=ERRORS)
async def delivery(request: Request, case_id: CaseId, body: DeliveryBody) -> dict[str, str]:
    """The ASN received the decision: effective on the 15th day (Pasal 38)."""
    async with acting(request) as uow:
        effective = await steps.deliver(uow, case_id, **body.model_dump())
    return {"status": "DELIVERED", "effective_on": effective.isoformat()}


@router.post("/discipline/cases/{case_id}/objections", status_code=201, responses=ERRORS)
async def file_objection(request: Request, case_id: CaseId, body: ObjectionBody) -> dict[str, Any]:
    """A keberatan or banding administratif (PP 79/2021), the kind the decision allows."""
    async with acting(request) as uow:
        return await remedies.file_objection(uow, case_id, filed_on=body.filed_on)


@router.post("/discipline/objections/{objection_id}/decision", responses=ERRORS)
async def decide_objection(
    request: Request, objection_id: Annotated[uuid.UUID, Path()], body: ObjectionDecisionBody
) -> dict[str, Any]:
    """Publishes ObjectionDecided; the punishment in force follows the outcome."""
    async with acting(request) as uow:
        event = await remedies.decide_objection(
            uow, objection_id, remedies.ObjectionDecision(**body.model_dump())
        )
    return event.model_dump(mode="json")


@router.get("/discipline/cases/{case_id}", responses=ERRORS)
async def case(request: Request, case_id: CaseId) -> dict[str, Any]:
    """The whole file: status, every step, objections, deadlines to come, flags."""
    async with reading(request) as store:
        repo = store.discipline
        row = await repo.case(case_id)
        if row is None:
            raise HTTPException(404, detail={"message": f"no disciplinary case {case_id}"})
        case_steps = await repo.steps_of(case_id)
        objections = await repo.objections_of(case_id)
        deadlines = await _deadlines(store, [case_id])
        flags = await repo.flags_of([case_id])
    return views.case_file(row, case_steps, objections, deadlines[str(case_id)], flags)


@router.get("/units/{unit_id}/discipline")
async def unit(
    request: Request, unit_id: str, status: Annotated[list[str] | None, Query()] = None
) -> dict[str, Any]:
    """A unit's cases with their coming deadlines and the duties officials let pass."""
    async with reading(request) as store:
        rows = await store.discipline.cases_of_unit(unit_id, status)
        ids = [r.case_id for r in rows]
        deadlines = await _deadlines(store, ids)
        flags = await store.discipline.flags_of(ids)
    return views.unit_cases(unit_id, rows, deadlines, flags)


async def _deadlines(
    store: SanctionsRepositories, case_ids: list[uuid.UUID]
) -> dict[str, list[dict[str, Any]]]:
    """Pending timers per case: every discipline timer's key starts with its case id."""
    return {
        str(c): [views.deadline(t) for t in await store.timers.pending(key_prefix=str(c))]
        for c in case_ids
    }
