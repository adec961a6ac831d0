"""HTTP for the officials who act in a disciplinary case, and the views of cases and deadlines.

Each step is one transaction: the case moves, the step is recorded, the events go through the
outbox and the next deadline's timer is set, or nothing happens and the body says why. Every
route needs a bearer token; the actor is the token's NIP, and who may take each step or read
each view is domain/permissions.py over this service's directory (403 with the rule).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request

from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated, acting_nip

from ..adapters.unit_of_work import SanctionsRepositories
from ..domain import permissions
from ..domain.discipline.workflow import CaseStatus
from ..usecases.access import head_of_unit, line_of, require
from ..usecases.discipline import decision as deciding
from ..usecases.discipline import remedies, steps
from . import views
from .common import acting, read_errors, reading, step_errors
from .schemas import (
    DecisionBody,
    DeliveryBody,
    HearingBody,
    NotProvenBody,
    ObjectionBody,
    ObjectionDecisionBody,
    SummonsBody,
)

router = APIRouter(
    prefix="/api/v1", tags=["discipline"], dependencies=AUTHENTICATED, responses=AUTH_ERRORS
)
ERRORS = step_errors("No such case")
READ = read_errors("No such case")
CaseId = Annotated[uuid.UUID, Path()]


@router.post("/discipline/cases/{case_id}/summons", status_code=201, responses=ERRORS)
async def summon(
    request: Request, case_id: CaseId, body: SummonsBody, caller: Authenticated
) -> dict[str, Any]:
    """A written summons to examination by the ASN's direct superior (Pasal 26); publishes
    HearingScheduled."""
    acting_nip(caller, body.summoned_by_nip, "summoned_by_nip")
    fields = body.model_dump(exclude={"summoned_by_nip"})
    summons = steps.Summons(**{**fields, "examiner_nips": tuple(body.examiner_nips)})
    async with acting(request, caller) as uow:
        event = await steps.summon(uow, case_id, summons, caller)
    return event.model_dump(mode="json")


@router.post("/discipline/cases/{case_id}/hearing", responses=ERRORS)
async def hearing(
    request: Request, case_id: CaseId, body: HearingBody, caller: Authenticated
) -> dict[str, str]:
    """The examination was held (BAP) or the ASN did not come; by the examining superior."""
    acting_nip(caller, body.recorded_by_nip, "recorded_by_nip")
    async with acting(request, caller) as uow:
        status = await steps.record_hearing(
            uow, case_id, caller, **body.model_dump(exclude={"recorded_by_nip"})
        )
    return {"status": status.value}


@router.post("/discipline/cases/{case_id}/decision", status_code=201, responses=ERRORS)
async def decide(
    request: Request, case_id: CaseId, body: DecisionBody, caller: Authenticated
) -> dict[str, Any]:
    """The punishment (Pasal 33) by the caller, competent at their place in the ASN's line
    (Pasal 17-25); publishes SanctionImposed."""
    acting_nip(caller, body.imposed_by_nip, "imposed_by_nip")
    fields = body.model_dump(exclude={"imposed_by_nip"})
    decision = deciding.Decision(**{**fields, "line": tuple(body.line)})
    async with acting(request, caller) as uow:
        event = await deciding.decide(uow, case_id, decision, caller)
    return event.model_dump(mode="json")


@router.post("/discipline/cases/{case_id}/not-proven", responses=ERRORS)
async def not_proven(
    request: Request, case_id: CaseId, body: NotProvenBody, caller: Authenticated
) -> dict[str, str]:
    """The examining superior found no violation: the case closes (Pasal 27)."""
    acting_nip(caller, body.decided_by_nip, "decided_by_nip")
    async with acting(request, caller) as uow:
        await deciding.not_proven(uow, case_id, caller, reason=body.reason)
    return {"status": "NOT_PROVEN"}


@router.post("/discipline/cases/{case_id}/delivery", responses=ERRORS)
async def delivery(
    request: Request, case_id: CaseId, body: DeliveryBody, caller: Authenticated
) -> dict[str, str]:
    """The ASN received the decision: effective on the 15th day (Pasal 38)."""
    acting_nip(caller, body.recorded_by_nip, "recorded_by_nip")
    async with acting(request, caller) as uow:
        effective = await steps.deliver(uow, case_id, caller, received_on=body.received_on)
    return {"status": "DELIVERED", "effective_on": effective.isoformat()}


@router.post("/discipline/cases/{case_id}/objections", status_code=201, responses=ERRORS)
async def file_objection(
    request: Request, case_id: CaseId, body: ObjectionBody, caller: Authenticated
) -> dict[str, Any]:
    """A keberatan or banding administratif (PP 79/2021), the kind the decision allows, filed by
    the punished ASN (the caller)."""
    async with acting(request, caller) as uow:
        return await remedies.file_objection(uow, case_id, caller, filed_on=body.filed_on)


@router.post(
    "/discipline/objections/{objection_id}/decision",
    responses=step_errors("No such objection"),
)
async def decide_objection(
    request: Request,
    objection_id: Annotated[uuid.UUID, Path()],
    body: ObjectionDecisionBody,
    caller: Authenticated,
) -> dict[str, Any]:
    """Publishes ObjectionDecided; the punishment in force follows the outcome."""
    acting_nip(caller, body.decided_by_nip, "decided_by_nip")
    decision = remedies.ObjectionDecision(**body.model_dump(exclude={"decided_by_nip"}))
    async with acting(request, caller) as uow:
        event = await remedies.decide_objection(uow, objection_id, decision, caller)
    return event.model_dump(mode="json")


@router.get("/discipline/cases/{case_id}", responses=READ)
async def case(request: Request, case_id: CaseId, caller: Authenticated) -> dict[str, Any]:
    """The whole file: status, every step, objections, deadlines to come, flags. For the ASN,
    their line of superiors, the case's officials, and the roles auditor and ppk."""
    async with reading(request) as store:
        repo = store.discipline
        row = await repo.case(case_id)
        if row is None:
            raise HTTPException(404, detail={"message": f"no disciplinary case {case_id}"})
        line = await line_of(store, row.nip)
        require(permissions.person_reader(caller, line, (row.examiner_nip, row.imposed_by_nip)))
        case_steps = await repo.steps_of(case_id)
        objections = await repo.objections_of(case_id)
        deadlines = await _deadlines(store, [case_id])
        flags = await repo.flags_of([case_id])
    return views.case_file(row, case_steps, objections, deadlines[str(case_id)], flags)


@router.get("/units/{unit_id}/discipline", responses=read_errors())
async def unit(
    request: Request,
    unit_id: str,
    caller: Authenticated,
    status: Annotated[list[CaseStatus] | None, Query()] = None,
) -> dict[str, Any]:
    """A unit's cases with their coming deadlines and the duties officials let pass. For the
    unit's head and the head's superiors, and the roles auditor and ppk."""
    async with reading(request) as store:
        require(permissions.unit_reader(caller, await head_of_unit(store, unit_id)))
        wanted = [s.value for s in status] if status else None
        rows = await store.discipline.cases_of_unit(unit_id, wanted)
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
