"""Upaya administratif against a punishment (PP 79/2021): keberatan and banding to BPASN.

Filing suspends the decision's own effect: it takes effect as the remedy decides (PP 94/2021
Pasal 38(2)). A late filing is recorded and can only be decided TIDAK_DAPAT_DITERIMA (Pasal 4,
12); a decision not given in time is flagged (the ASN may then go to the PTUN, Pasal 5).

Filed by the punished ASN; decided by the superior of the official who decided (from the
directory) or the PPK (the token's role `ppk`), who also records BPASN's decision on a banding
(domain/permissions.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from asn_shared.catalog.sanctions_acts import (
    DisciplinaryObjectionDecisionRecorded,
    DisciplinaryObjectionFiled,
)
from asn_shared.catalog.sanctions_events import ObjectionDecided
from asn_shared.catalog.vocabulary import (
    JenisHukuman,
    KeputusanUpayaAdministratif,
    UpayaAdministratif,
)
from asn_shared.identity.caller import Caller

from ...adapters.unit_of_work import SanctionsUnitOfWork
from ...domain import permissions
from ...domain.dates import passed
from ...domain.discipline import deadlines
from ...domain.discipline.workflow import Step, StepRefused, next_status
from ...errors import NotFound
from ..access import require, superior_of
from ..past import happened
from .steps import EFFECTIVE_TIMER, load_now, record

OBJECTION_TIMER = "discipline.objection_decision"
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "/asn-kinerja/sanctions/objections")
_BASIS = {
    UpayaAdministratif.KEBERATAN_PPK: ["PP 79/2021 Pasal 4-6"],
    UpayaAdministratif.KEBERATAN_PEJABAT: ["PP 79/2021 Pasal 7-9"],
    UpayaAdministratif.BANDING_BPASN: ["PP 79/2021 Pasal 10-16"],
}


def objection_timer_key(case_id: uuid.UUID, objection_id: uuid.UUID) -> str:
    # Every timer of a case has a key starting with its id, so a case's deadlines are one lookup.
    return f"{case_id}:objection:{objection_id}"


def decision_due(upaya: UpayaAdministratif, filed_on: date, uow: SanctionsUnitOfWork) -> date:
    if upaya is UpayaAdministratif.BANDING_BPASN:
        return deadlines.bpasn_decision_due(filed_on, uow.calendar)
    if upaya is UpayaAdministratif.KEBERATAN_PEJABAT:
        return deadlines.atasan_decision_due(filed_on, uow.calendar)
    return deadlines.keberatan_decision_due(filed_on, uow.calendar)


async def file_objection(
    uow: SanctionsUnitOfWork, case_id: uuid.UUID, caller: Caller, *, filed_on: date
) -> dict[str, Any]:
    case = await load_now(uow, case_id)
    require(permissions.objector(caller, case.nip))
    next_status(case.status, Step.FILE_OBJECTION)
    happened(uow, "filed_on", filed_on, "an objection filed")
    upaya = UpayaAdministratif(case.upaya_administratif)
    in_time = _filed_in_time(uow, case, upaya, filed_on)
    objection_id = uuid.uuid5(_ID_NAMESPACE, f"{case.case_id}:{filed_on.isoformat()}")
    if await uow.discipline.objection(objection_id) is not None:
        raise StepRefused("this objection is already filed")
    act = DisciplinaryObjectionFiled(
        case_id=str(case.case_id),
        nip=case.nip,
        actor_nip=caller.nip,
        legal_basis=[*_BASIS[upaya], "PP 94/2021 Pasal 38 ayat (2)"],
        objection_id=str(objection_id),
        upaya_administratif=upaya,
        filed_on=filed_on,
        filed_in_time=in_time,
        decision_due=decision_due(upaya, filed_on, uow),
    )
    await uow.record_act(act)
    await apply_objection(uow, act)
    return {
        "objection_id": act.objection_id,
        "upaya": upaya.value,
        "filed_in_time": in_time,
        "decision_due": act.decision_due.isoformat(),
    }


async def apply_objection(uow: SanctionsUnitOfWork, act: DisciplinaryObjectionFiled) -> None:
    """The objection on the case, the decision's effect suspended, the remedy's deadline."""
    case = await load_now(uow, uuid.UUID(act.case_id))
    status = next_status(case.status, Step.FILE_OBJECTION)
    objection_id = uuid.UUID(act.objection_id)
    await uow.discipline.add_objection(
        objection_id=objection_id,
        case_id=case.case_id,
        upaya=act.upaya_administratif.value,
        filed_on=act.filed_on,
        filed_in_time=act.filed_in_time,
        decision_due=act.decision_due,
        updated_at=uow.now,
    )
    await uow.timers.cancel(EFFECTIVE_TIMER, str(case.case_id), uow.now)
    await record(
        uow,
        case,
        Step.FILE_OBJECTION,
        status,
        act.actor_nip,
        {"objection_id": act.objection_id, "in_time": act.filed_in_time},
    )
    await _watch_decision(uow, case.case_id, objection_id, act.decision_due)


def _filed_in_time(
    uow: SanctionsUnitOfWork, case: Any, upaya: UpayaAdministratif, filed_on: date
) -> bool:
    if filed_on < case.received_on:
        raise StepRefused("an objection is filed after the decision was received")
    return deadlines.filed_in_time(
        case.received_on,
        filed_on,
        upaya,
        uow.calendar,
        pejabat_filing_days=uow.rules.keberatan_pejabat_filing_days,
    )


async def _watch_decision(
    uow: SanctionsUnitOfWork, case_id: uuid.UUID, objection_id: uuid.UUID, due: date
) -> None:
    """A timer at the remedy's decision deadline (PP 79/2021 Pasal 5, 8(4), 13(4))."""
    await uow.schedule(
        OBJECTION_TIMER,
        objection_timer_key(case_id, objection_id),
        passed(due),
        {
            "case_id": str(case_id),
            "objection_id": str(objection_id),
            "due_on": due.isoformat(),
        },
    )


@dataclass(frozen=True)
class ObjectionDecision:
    outcome: KeputusanUpayaAdministratif
    decided_on: date
    changed_to: JenisHukuman | None = None


async def decide_objection(
    uow: SanctionsUnitOfWork,
    objection_id: uuid.UUID,
    decision: ObjectionDecision,
    caller: Caller,
) -> ObjectionDecided:
    """Decided by the caller; for a banding, BPASN decided and the caller (the PPK) records it:
    the event names no decider then (`decided_by_nip` is BPASN's, not a NIP)."""
    objection = await _found(uow, objection_id)
    case = await load_now(uow, objection.case_id)
    upaya = UpayaAdministratif(objection.upaya)
    imposer_superior = await superior_of(uow, case.imposed_by_nip)
    require(permissions.objection_decider(caller, upaya, imposer_superior))
    _undecided(objection)
    happened(uow, "decided_on", decision.decided_on, "an objection decided")
    _check_admissible(decision, objection.filed_in_time)
    original = JenisHukuman(case.jenis)
    resulting = _resulting(original, decision)
    act = DisciplinaryObjectionDecisionRecorded(
        case_id=str(case.case_id),
        nip=case.nip,
        actor_nip=caller.nip,
        legal_basis=_BASIS[upaya],
        objection_id=str(objection_id),
        upaya_administratif=upaya,
        outcome=decision.outcome,
        decided_on=decision.decided_on,
        decided_by_nip=None if upaya is UpayaAdministratif.BANDING_BPASN else caller.nip,
        changed_to=decision.changed_to,
        original_jenis=original,
        resulting_jenis=resulting,
    )
    await uow.record_act(act)
    return await apply_objection_decision(uow, act)


async def apply_objection_decision(
    uow: SanctionsUnitOfWork, act: DisciplinaryObjectionDecisionRecorded
) -> ObjectionDecided:
    """The remedy's outcome on the objection and the case, and ObjectionDecided: live after the
    checks, and again when a rebuild replays the act."""
    case = await load_now(uow, uuid.UUID(act.case_id))
    objection_id = uuid.UUID(act.objection_id)
    resulting = act.resulting_jenis
    step = Step.REVOKE if resulting is None else Step.OBJECTION_DECIDED
    effective = max(act.decided_on, case.effective_on or act.decided_on)
    await _settle(uow, case.case_id, objection_id, act)
    await record(
        uow,
        case,
        step,
        next_status(case.status, step),
        act.actor_nip,
        {"objection_id": act.objection_id, "outcome": act.outcome.value},
        jenis=resulting.value if resulting else case.jenis,
        effective_on=effective if resulting else None,
    )
    event = ObjectionDecided(
        case_id=str(case.case_id),
        nip=case.nip,
        legal_basis=_BASIS[act.upaya_administratif],
        objection_id=act.objection_id,
        upaya_administratif=act.upaya_administratif,
        outcome=act.outcome,
        decided_by_nip=act.decided_by_nip,
        decided_on=act.decided_on,
        original_jenis=act.original_jenis,
        resulting_tingkat=resulting.tingkat if resulting else None,
        resulting_jenis=resulting,
    )
    await uow.emit(event)
    return event


async def _settle(
    uow: SanctionsUnitOfWork,
    case_id: uuid.UUID,
    objection_id: uuid.UUID,
    act: DisciplinaryObjectionDecisionRecorded,
) -> None:
    """Record the objection's outcome and stop its deadline's timer."""
    resulting = act.resulting_jenis
    await uow.discipline.update_objection(
        objection_id,
        outcome=act.outcome.value,
        resulting_jenis=resulting.value if resulting else None,
        decided_by_nip=act.decided_by_nip,
        decided_on=act.decided_on,
        updated_at=uow.now,
    )
    await uow.timers.cancel(OBJECTION_TIMER, objection_timer_key(case_id, objection_id), uow.now)


async def _found(uow: SanctionsUnitOfWork, objection_id: uuid.UUID) -> Any:
    objection = await uow.discipline.objection(objection_id)
    if objection is None:
        raise NotFound(f"no objection {objection_id}")
    return objection


def _undecided(objection: Any) -> None:
    if objection.outcome is not None:
        raise StepRefused("this objection is already decided; its decision is final")


def _resulting(original: JenisHukuman, decision: ObjectionDecision) -> JenisHukuman | None:
    """The punishment the outcome leaves (None: revoked or annulled)."""
    try:
        return deadlines.apply_outcome(original, decision.outcome, decision.changed_to)
    except ValueError as exc:
        raise StepRefused(str(exc)) from None


def _check_admissible(decision: ObjectionDecision, in_time: bool) -> None:
    if not in_time and decision.outcome is not KeputusanUpayaAdministratif.TIDAK_DAPAT_DITERIMA:
        raise StepRefused(
            "filed after the deadline: it can only be TIDAK_DAPAT_DITERIMA (PP 79/2021 Pasal 4, 12)"
        )
