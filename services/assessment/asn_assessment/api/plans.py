"""SKP plans: draft, edit, submit, approve or return, and revise for a Pasal 28 reason."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from asn_shared.identity.caller import Caller
from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated, acting_nip

from ..adapters.records import Indicator, Plan, PlanChange, Rhk
from ..usecases import plans
from .common import ROUTER_ERRORS, cycle_for, errors
from .schemas import Actor, PlanContent, PlanCreate, PlanReturn, PlanRevision

router = APIRouter(
    prefix="/api/v1/plans",
    tags=["plans"],
    dependencies=AUTHENTICATED,
    responses={**ROUTER_ERRORS, **AUTH_ERRORS},
)
PlanId = Annotated[str, Path(max_length=64)]
IKI_FIELDS = (
    "id",
    "description",
    "target",
    "unit_of_measure",
    "aspek",
    "perspektif",
    "direction",
)


@router.post("", status_code=201, responses=errors(409))
async def create(request: Request, caller: Authenticated, body: PlanCreate) -> dict[str, Any]:
    """Drafted by the ASN themselves (`nip` is the caller)."""
    async with cycle_for(request, caller) as cycle:
        plan_id = await plans.create_plan(cycle, caller, body)
    return await _after(request, caller, plan_id)


@router.get("/{plan_id}", responses=errors(404))
async def read(request: Request, caller: Authenticated, plan_id: PlanId) -> dict[str, Any]:
    """The ASN, their evaluator, the evaluator's superior, the unit's head, or an auditor."""
    async with cycle_for(request, caller) as cycle:
        plan = await plans.read_plan(cycle, caller, plan_id)
        rhk_rows, iki_rows = await cycle.plans.items(plan_id)
        changes = await cycle.plans.changes(plan_id)
    return _plan_view(plan, rhk_rows, iki_rows, changes)


async def _after(request: Request, caller: Caller, plan_id: str) -> dict[str, Any]:
    """The plan as a step left it, for the one who took the step."""
    async with cycle_for(request, caller) as cycle:
        plan = await plans.load_plan(cycle, plan_id)
        rhk_rows, iki_rows = await cycle.plans.items(plan_id)
        changes = await cycle.plans.changes(plan_id)
    return _plan_view(plan, rhk_rows, iki_rows, changes)


def _plan_view(
    plan: Plan, rhk_rows: list[Rhk], iki_rows: list[Indicator], changes: list[PlanChange]
) -> dict[str, Any]:
    by_rhk: dict[str, list[dict[str, Any]]] = {}
    for i in iki_rows:
        by_rhk.setdefault(i.rhk_id, []).append({k: getattr(i, k) for k in IKI_FIELDS})
    return {
        "id": plan.id,
        "nip": plan.nip,
        "period": plan.period,
        "pendekatan": plan.pendekatan,
        "status": plan.status,
        "revision": plan.revision,
        "approver_nip": plan.approver_nip,
        "rhk": [
            {
                "id": r.id,
                "jenis": r.jenis,
                "description": r.description,
                "supports_rhk_id": r.supports_rhk_id,
                "indicators": by_rhk.get(r.id, []),
            }
            for r in rhk_rows
        ],
        "changes": [
            {
                "revision": c.revision,
                "reason": c.reason,
                "note": c.note,
                "changed_by_nip": c.changed_by_nip,
                "changed_at": c.changed_at.isoformat(),
            }
            for c in changes
        ],
    }


@router.put("/{plan_id}", responses=errors(404, 409))
async def update(
    request: Request, caller: Authenticated, plan_id: PlanId, body: PlanContent
) -> dict[str, Any]:
    """The ASN edits their DRAFT."""
    async with cycle_for(request, caller) as cycle:
        await plans.update_plan(cycle, caller, plan_id, body)
    return await _after(request, caller, plan_id)


@router.post("/{plan_id}/submit", responses=errors(404, 409))
async def submit(
    request: Request, caller: Authenticated, plan_id: PlanId, body: Actor
) -> dict[str, Any]:
    """The ASN submits their SKP to the evaluator."""
    acting_nip(caller, body.actor_nip, "actor_nip")
    async with cycle_for(request, caller) as cycle:
        await plans.submit_plan(cycle, caller, plan_id)
    return await _after(request, caller, plan_id)


@router.post("/{plan_id}/approve", responses=errors(404, 409))
async def approve(
    request: Request, caller: Authenticated, plan_id: PlanId, body: Actor
) -> dict[str, Any]:
    """The evaluator approves: PerformancePlanApproved is published."""
    acting_nip(caller, body.actor_nip, "actor_nip")
    async with cycle_for(request, caller) as cycle:
        await plans.approve_plan(cycle, caller, plan_id)
    return await _after(request, caller, plan_id)


@router.post("/{plan_id}/return", responses=errors(404, 409))
async def return_to_draft(
    request: Request, caller: Authenticated, plan_id: PlanId, body: PlanReturn
) -> dict[str, Any]:
    """The evaluator returns a submitted SKP to the ASN, with a note."""
    acting_nip(caller, body.actor_nip, "actor_nip")
    async with cycle_for(request, caller) as cycle:
        await plans.return_plan(cycle, caller, plan_id, body.note)
    return await _after(request, caller, plan_id)


@router.post("/{plan_id}/revisions", responses=errors(404, 409))
async def revise(
    request: Request, caller: Authenticated, plan_id: PlanId, body: PlanRevision
) -> dict[str, Any]:
    """The ASN or the evaluator reopens an approved SKP for a reason of PP 30/2019 Pasal 28."""
    acting_nip(caller, body.actor_nip, "actor_nip")
    async with cycle_for(request, caller) as cycle:
        await plans.revise_plan(cycle, caller, plan_id, body.reason, body.note)
    return await _after(request, caller, plan_id)
