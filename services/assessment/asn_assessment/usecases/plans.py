"""The SKP: drafted by the ASN, approved by the evaluator, changed only for Pasal 28 reasons."""

from __future__ import annotations

import uuid

from asn_shared.catalog.assessment_events import PendekatanSkp, PerformancePlanApproved
from asn_shared.catalog.vocabulary import PositionType
from asn_shared.identity.caller import Caller

from ..adapters.records import Employee, Plan
from ..adapters.unit_of_work import Cycle
from ..domain.permissions import may_decide_plan, may_revise_plan, may_write_plan
from ..domain.plans import (
    JenisRhk,
    PlanStatus,
    PlanTransitionError,
    editable,
    transition,
)
from ..errors import Conflict, Invalid, NotFound
from .access import authorise_employee_read, person, require
from .commands import IkiIn, PlanContent, PlanCreate, RhkIn


async def create_plan(cycle: Cycle, caller: Caller, request: PlanCreate) -> str:
    require(may_write_plan(caller, request.nip))
    if await cycle.plans.for_period(request.nip, request.period):
        raise Conflict(f"ASN {request.nip} already has an SKP for {request.period}")
    plan_id = str(uuid.uuid4())
    await cycle.plans.add(
        id=plan_id,
        nip=request.nip,
        period=request.period,
        pendekatan=request.pendekatan.value,
        status=PlanStatus.DRAFT.value,
        revision=0,
        created_at=cycle.now(),
    )
    await _write_items(cycle, plan_id, request.nip, request)
    return plan_id


async def read_plan(cycle: Cycle, caller: Caller, plan_id: str) -> Plan:
    plan = await load_plan(cycle, plan_id)
    await authorise_employee_read(cycle, caller, plan.nip)
    return plan


async def update_plan(cycle: Cycle, caller: Caller, plan_id: str, content: PlanContent) -> None:
    plan = await load_plan(cycle, plan_id)
    require(may_write_plan(caller, plan.nip))
    if not editable(PlanStatus(plan.status)):
        raise Conflict(f"the SKP is {plan.status}: only a DRAFT is edited")
    await cycle.plans.update(plan_id, pendekatan=content.pendekatan.value)
    await _write_items(cycle, plan_id, plan.nip, content)


async def submit_plan(cycle: Cycle, caller: Caller, plan_id: str) -> None:
    plan = await load_plan(cycle, plan_id)
    require(may_write_plan(caller, plan.nip))
    await cycle.plans.update(plan_id, status=_step("submit", plan), submitted_at=cycle.now())


async def return_plan(cycle: Cycle, caller: Caller, plan_id: str, note: str) -> None:
    plan = await load_plan(cycle, plan_id)
    require(may_decide_plan(caller, await person(cycle, plan.nip)))
    await cycle.plans.update(plan_id, status=_step("return", plan))


async def approve_plan(cycle: Cycle, caller: Caller, plan_id: str) -> None:
    plan = await load_plan(cycle, plan_id)
    require(may_decide_plan(caller, await person(cycle, plan.nip)))
    await cycle.plans.update(
        plan_id,
        status=_step("approve", plan),
        approver_nip=caller.nip,
        approved_at=cycle.now(),
    )
    rhk_rows, iki_rows = await cycle.plans.items(plan_id)
    await cycle.emit(
        PerformancePlanApproved(
            skp_id=plan_id,
            nip=plan.nip,
            period=plan.period,
            approver_nip=caller.nip,
            pendekatan=PendekatanSkp(plan.pendekatan),
            rhk_utama_count=sum(r.jenis == JenisRhk.UTAMA for r in rhk_rows),
            rhk_tambahan_count=sum(r.jenis == JenisRhk.TAMBAHAN for r in rhk_rows),
            indicator_ids=[i.id for i in iki_rows],
            revision=plan.revision,
            approved_at=cycle.now(),
        )
    )


async def revise_plan(
    cycle: Cycle, caller: Caller, plan_id: str, reason: str, note: str | None
) -> int:
    """Reopen an approved SKP as a new revision, recording the Pasal 28 reason."""
    plan = await load_plan(cycle, plan_id)
    require(may_revise_plan(caller, plan.nip, await person(cycle, plan.nip)))
    status = _step("revise", plan)
    revision = plan.revision + 1
    await cycle.plans.update(plan_id, status=status, revision=revision, approved_at=None)
    await cycle.plans.add_change(
        plan_id=plan_id,
        revision=revision,
        reason=reason,
        note=note,
        changed_by_nip=caller.nip,
        changed_at=cycle.now(),
    )
    return revision


async def _write_items(cycle: Cycle, plan_id: str, nip: str, content: PlanContent) -> None:
    person = await cycle.evidence.employee(nip)
    iki_ids = [i.id for r in content.rhk for i in r.indicators]
    taken = {i: p for i, p in (await cycle.plans.indicator_owners(iki_ids)).items() if p != plan_id}
    if taken:
        raise Conflict("IKI ids already used by another SKP", indicator_ids=sorted(taken))
    rhk_rows: list[dict[str, object]] = []
    iki_rows: list[dict[str, object]] = []
    for position, r in enumerate(content.rhk):
        if r.supports_rhk_id and not await cycle.plans.rhk_exists(r.supports_rhk_id):
            raise Invalid("no such RHK to support", field=f"rhk.{position}.supports_rhk_id")
        rhk_rows.append(_rhk_row(plan_id, r, position))
        for index, i in enumerate(r.indicators):
            _check_dimension(person, i, f"rhk.{position}.indicators.{index}")
            iki_rows.append(_iki_row(plan_id, r.id, i))
    await cycle.plans.replace_items(plan_id, rhk_rows, iki_rows)


def _rhk_row(plan_id: str, r: RhkIn, position: int) -> dict[str, object]:
    return {
        "id": r.id,
        "plan_id": plan_id,
        "jenis": r.jenis.value,
        "description": r.description,
        "supports_rhk_id": r.supports_rhk_id,
        "position": position,
    }


def _iki_row(plan_id: str, rhk_id: str, i: IkiIn) -> dict[str, object]:
    return {
        "id": i.id,
        "plan_id": plan_id,
        "rhk_id": rhk_id,
        "description": i.description,
        "target": i.target,
        "unit_of_measure": i.unit_of_measure,
        "aspek": i.aspek.value if i.aspek else None,
        "perspektif": i.perspektif.value if i.perspektif else None,
        "direction": i.direction.value,
    }


def _check_dimension(person: Employee | None, iki: IkiIn, where: str) -> None:
    """A JPT's IKI has a perspektif; other positions' IKI an aspek (docs/regulation.md 1.2).
    `where`: the IKI's place in the body (by position: a refusal never echoes what was sent)."""
    if person is not None and person.position_type == PositionType.JPT and iki.perspektif is None:
        raise Invalid("a JPT's IKI needs a perspektif", field=f"{where}.perspektif")
    if person is not None and person.position_type != PositionType.JPT and iki.aspek is None:
        raise Invalid(
            "an IKI needs an aspek (KUANTITAS, KUALITAS, WAKTU, BIAYA)",
            field=f"{where}.aspek",
        )
    if iki.aspek is None and iki.perspektif is None:
        raise Invalid("an IKI needs an aspek or, for a JPT, a perspektif", field=where)


async def load_plan(cycle: Cycle, plan_id: str) -> Plan:
    plan = await cycle.plans.get(plan_id, for_update=True)
    if plan is None:
        raise NotFound(f"no SKP {plan_id}")
    return plan


def _step(step: str, plan: Plan) -> str:
    try:
        return transition(step, PlanStatus(plan.status)).value
    except PlanTransitionError as exc:
        raise Conflict(str(exc)) from None
