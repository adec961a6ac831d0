"""SKP plans: draft, edit, submit, approve or return, and revise for a Pasal 28 reason."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from ..adapters.records import Indicator, Plan, PlanChange, Rhk
from ..usecases import plans
from .common import ERRORS, cycle_for
from .schemas import Actor, PlanContent, PlanCreate, PlanReturn, PlanRevision

router = APIRouter(prefix="/api/v1/plans", tags=["plans"], responses=ERRORS)
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


@router.post("", status_code=201)
async def create(request: Request, body: PlanCreate) -> dict[str, Any]:
    async with cycle_for(request) as cycle:
        plan_id = await plans.create_plan(cycle, body)
    return await read(request, plan_id)


@router.get("/{plan_id}")
async def read(request: Request, plan_id: PlanId) -> dict[str, Any]:
    async with cycle_for(request) as cycle:
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


@router.put("/{plan_id}")
async def update(request: Request, plan_id: PlanId, body: PlanContent) -> dict[str, Any]:
    async with cycle_for(request) as cycle:
        await plans.update_plan(cycle, plan_id, body)
    return await read(request, plan_id)


@router.post("/{plan_id}/submit")
async def submit(request: Request, plan_id: PlanId, body: Actor) -> dict[str, Any]:
    async with cycle_for(request) as cycle:
        await plans.submit_plan(cycle, plan_id, body.actor_nip)
    return await read(request, plan_id)


@router.post("/{plan_id}/approve")
async def approve(request: Request, plan_id: PlanId, body: Actor) -> dict[str, Any]:
    """The evaluator approves: PerformancePlanApproved is published."""
    async with cycle_for(request) as cycle:
        await plans.approve_plan(cycle, plan_id, body.actor_nip)
    return await read(request, plan_id)


@router.post("/{plan_id}/return")
async def return_to_draft(request: Request, plan_id: PlanId, body: PlanReturn) -> dict[str, Any]:
    async with cycle_for(request) as cycle:
        await plans.return_plan(cycle, plan_id, body.actor_nip, body.note)
    return await read(request, plan_id)


@router.post("/{plan_id}/revisions")
async def revise(request: Request, plan_id: PlanId, body: PlanRevision) -> dict[str, Any]:
    """Reopen an approved SKP for one of the reasons of PP 30/2019 Pasal 28."""
    async with cycle_for(request) as cycle:
        await plans.revise_plan(cycle, plan_id, body.actor_nip, body.reason.value, body.note)
    return await read(request, plan_id)
