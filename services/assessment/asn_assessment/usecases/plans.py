"""The SKP: drafted by the ASN, approved by the evaluator, changed only for Pasal 28 reasons.

Each command checks who may and whether the step is possible now, records its act on the log
(PerformancePlanDrafted, PerformancePlanEdited, PerformancePlanSubmitted, PerformancePlanReturned,
PerformancePlanApproved, PerformancePlanRevised) and applies it with the `apply_*` use case below,
which the act's handler runs when a rebuild replays it: what it writes depends on the act and the
state before it only (ids from the act, times the act's).
"""

from __future__ import annotations

import uuid

from asn_shared.catalog.assessment_acts import (
    AlasanPerubahanSkp,
    PerformancePlanDrafted,
    PerformancePlanEdited,
    PerformancePlanReturned,
    PerformancePlanRevised,
    PerformancePlanSubmitted,
    RencanaHasilKerja,
)
from asn_shared.catalog.assessment_events import PendekatanSkp, PerformancePlanApproved
from asn_shared.catalog.vocabulary import PositionType
from asn_shared.envelope import InvalidMessage
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
from .commands import IkiIn, PlanContent, PlanCreate

PLANNING = ["PermenPANRB 6/2022 Pasal 5"]  # perencanaan kinerja (docs/regulation.md 1.1-1.2)
PASAL_28 = ["PP 30/2019 Pasal 28"]


async def create_plan(cycle: Cycle, caller: Caller, request: PlanCreate) -> str:
    require(may_write_plan(caller, request.nip))
    if await cycle.plans.for_period(request.nip, request.period):
        raise Conflict(f"ASN {request.nip} already has an SKP for {request.period}")
    plan_id = str(uuid.uuid4())  # chosen here, carried by the act: a rebuild keeps it
    await _check_items(cycle, plan_id, request.nip, request)
    drafted = PerformancePlanDrafted(
        skp_id=plan_id,
        nip=request.nip,
        period=request.period,
        pendekatan=request.pendekatan,
        rhk=_content(request),
        actor_nip=caller.nip,
        legal_basis=PLANNING,
    )
    acting, _ = await cycle.record_act(drafted)
    await apply_drafted(acting, drafted)
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
    await _check_items(cycle, plan_id, plan.nip, content)
    edited = PerformancePlanEdited(
        **_about(plan),
        revision=plan.revision,
        pendekatan=content.pendekatan,
        rhk=_content(content),
        actor_nip=caller.nip,
        legal_basis=PLANNING,
    )
    acting, _ = await cycle.record_act(edited)
    await apply_edited(acting, edited)


async def submit_plan(cycle: Cycle, caller: Caller, plan_id: str) -> None:
    plan = await load_plan(cycle, plan_id)
    require(may_write_plan(caller, plan.nip))
    _step("submit", plan)
    submitted = PerformancePlanSubmitted(
        **_about(plan), revision=plan.revision, actor_nip=caller.nip, legal_basis=PLANNING
    )
    acting, _ = await cycle.record_act(submitted)
    await apply_submitted(acting, submitted)


async def return_plan(cycle: Cycle, caller: Caller, plan_id: str, note: str) -> None:
    plan = await load_plan(cycle, plan_id)
    require(may_decide_plan(caller, await person(cycle, plan.nip)))
    _step("return", plan)
    returned = PerformancePlanReturned(
        **_about(plan),
        revision=plan.revision,
        note=note,
        actor_nip=caller.nip,
        legal_basis=PLANNING,
    )
    acting, _ = await cycle.record_act(returned)
    await apply_returned(acting, returned)


async def approve_plan(cycle: Cycle, caller: Caller, plan_id: str) -> None:
    """PerformancePlanApproved is itself the act: it names the approver and the time."""
    plan = await load_plan(cycle, plan_id)
    require(may_decide_plan(caller, await person(cycle, plan.nip)))
    _step("approve", plan)
    rhk_rows, iki_rows = await cycle.plans.items(plan_id)
    approved = PerformancePlanApproved(
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
    acting, _ = await cycle.record_act(approved)
    await apply_approved(acting, approved)


async def revise_plan(
    cycle: Cycle, caller: Caller, plan_id: str, reason: AlasanPerubahanSkp, note: str | None
) -> int:
    """Reopen an approved SKP as a new revision, recording the Pasal 28 reason."""
    plan = await load_plan(cycle, plan_id)
    require(may_revise_plan(caller, plan.nip, await person(cycle, plan.nip)))
    _step("revise", plan)
    revised = PerformancePlanRevised(
        **_about(plan),
        revision=plan.revision + 1,
        reason=reason,
        note=note,
        actor_nip=caller.nip,
        legal_basis=PASAL_28,
    )
    acting, _ = await cycle.record_act(revised)
    await apply_revised(acting, revised)
    return revised.revision


# --- the acts applied: by the command that recorded them, and by their handlers in a rebuild ---


async def apply_drafted(cycle: Cycle, act: PerformancePlanDrafted) -> None:
    await cycle.plans.add(
        id=act.skp_id,
        nip=act.nip,
        period=act.period,
        pendekatan=act.pendekatan.value,
        status=PlanStatus.DRAFT.value,
        revision=0,
        created_at=cycle.now(),
    )
    await _write_items(cycle, act.skp_id, act.rhk)


async def apply_edited(cycle: Cycle, act: PerformancePlanEdited) -> None:
    await _held(cycle, act.skp_id, act.event_type)
    await cycle.plans.update(act.skp_id, pendekatan=act.pendekatan.value)
    await _write_items(cycle, act.skp_id, act.rhk)


async def apply_submitted(cycle: Cycle, act: PerformancePlanSubmitted) -> None:
    await _held(cycle, act.skp_id, act.event_type)
    await cycle.plans.update(
        act.skp_id, status=PlanStatus.SUBMITTED.value, submitted_at=cycle.now()
    )


async def apply_returned(cycle: Cycle, act: PerformancePlanReturned) -> None:
    await _held(cycle, act.skp_id, act.event_type)
    await cycle.plans.update(act.skp_id, status=PlanStatus.DRAFT.value)


async def apply_approved(cycle: Cycle, act: PerformancePlanApproved) -> None:
    await _held(cycle, act.skp_id, act.event_type)
    await cycle.plans.update(
        act.skp_id,
        status=PlanStatus.APPROVED.value,
        approver_nip=act.approver_nip,
        approved_at=act.approved_at,
    )


async def apply_revised(cycle: Cycle, act: PerformancePlanRevised) -> None:
    await _held(cycle, act.skp_id, act.event_type)
    await cycle.plans.update(
        act.skp_id, status=PlanStatus.DRAFT.value, revision=act.revision, approved_at=None
    )
    await cycle.plans.add_change(
        plan_id=act.skp_id,
        revision=act.revision,
        reason=act.reason.value,
        note=act.note,
        changed_by_nip=act.actor_nip,
        changed_at=cycle.now(),
    )


async def _held(cycle: Cycle, plan_id: str, event_type: str) -> None:
    """A rebuild from a log older than the plan acts (issue 15) may name an SKP whose draft
    never travelled: refused, so the rebuild counts it, rather than half applied."""
    if await cycle.plans.get(plan_id) is None:
        raise InvalidMessage(f"{event_type} names an SKP this service does not hold")


def _about(plan: Plan) -> dict[str, str]:
    return {"skp_id": plan.id, "nip": plan.nip, "period": plan.period}


def _content(content: PlanContent) -> list[RencanaHasilKerja]:
    """The SKP's content as the act carries it."""
    return [RencanaHasilKerja.model_validate(r.model_dump()) for r in content.rhk]


async def _check_items(cycle: Cycle, plan_id: str, nip: str, content: PlanContent) -> None:
    """What a draft's content must satisfy given the state: IKI ids not another SKP's, the RHK
    supported exists, each IKI has the dimension of the ASN's position."""
    person = await cycle.evidence.employee(nip)
    iki_ids = [i.id for r in content.rhk for i in r.indicators]
    taken = {i: p for i, p in (await cycle.plans.indicator_owners(iki_ids)).items() if p != plan_id}
    if taken:
        raise Conflict("IKI ids already used by another SKP", indicator_ids=sorted(taken))
    for position, r in enumerate(content.rhk):
        if r.supports_rhk_id and not await cycle.plans.rhk_exists(r.supports_rhk_id):
            raise Invalid("no such RHK to support", field=f"rhk.{position}.supports_rhk_id")
        for index, i in enumerate(r.indicators):
            _check_dimension(person, i, f"rhk.{position}.indicators.{index}")


async def _write_items(cycle: Cycle, plan_id: str, content: list[RencanaHasilKerja]) -> None:
    rhk_rows: list[dict[str, object]] = []
    iki_rows: list[dict[str, object]] = []
    for position, r in enumerate(content):
        rhk_rows.append(
            {
                "id": r.id,
                "plan_id": plan_id,
                "jenis": r.jenis.value,
                "description": r.description,
                "supports_rhk_id": r.supports_rhk_id,
                "position": position,
            }
        )
        iki_rows += [
            {
                "id": i.id,
                "plan_id": plan_id,
                "rhk_id": r.id,
                "description": i.description,
                "target": i.target,
                "unit_of_measure": i.unit_of_measure,
                "aspek": i.aspek.value if i.aspek else None,
                "perspektif": i.perspektif.value if i.perspektif else None,
                "direction": i.direction.value,
            }
            for i in r.indicators
        ]
    await cycle.plans.replace_items(plan_id, rhk_rows, iki_rows)


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
