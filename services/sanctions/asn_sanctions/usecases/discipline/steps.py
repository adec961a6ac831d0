"""The officials' steps in a case: summons, examination, delivery (PP 94/2021 Pasal 26-38).

Each step checks who may take it (domain/permissions.py: the caller against the case and the
directory, before anything about the case is answered) and the statutory deadline, records the
act (an event naming the caller, on the audit log), then applies it: moves the case, records the
step with the actor, publishes what the contract names, and sets the timer that notices the next
step not taken. The `apply_*` half is what the act's handler runs when a rebuild replays it.
The decision itself is in decision.py; keberatan and banding in remedies.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from asn_shared.catalog.sanctions_acts import (
    DisciplinaryDecisionDelivered,
    DisciplinaryHearingRecorded,
    DisciplinarySummonsIssued,
)
from asn_shared.catalog.sanctions_events import HearingScheduled, ModePemeriksaan
from asn_shared.catalog.vocabulary import TingkatHukuman
from asn_shared.identity.caller import Caller
from asn_shared.logging import get_logger

from ...adapters.unit_of_work import SanctionsUnitOfWork
from ...domain import permissions
from ...domain.dates import jakarta_date, passed, starts
from ...domain.discipline import deadlines
from ...domain.discipline.workflow import CaseStatus, Step, StepRefused, next_status
from ...errors import NotFound, NotPermitted
from ..access import require
from ..overdue import fire_overdue
from ..past import happened

log = get_logger(__name__)

HEARING_TIMER = "discipline.hearing_unrecorded"
SECOND_SUMMONS_TIMER = "discipline.second_summons"
DELIVERY_TIMER = "discipline.delivery"
EFFECTIVE_TIMER = "discipline.effective"
TIM_PEMERIKSA_MINIMUM = 3  # atasan langsung, unsur pengawasan, unsur kepegawaian (Pasal 29(3))


@dataclass(frozen=True)
class Summons:
    summoned_on: date
    scheduled_at: datetime
    mode: ModePemeriksaan
    examiner_nips: tuple[str, ...]
    tim_pemeriksa: bool
    location: str | None = None


async def load(uow: SanctionsUnitOfWork, case_id: uuid.UUID) -> Any:
    case = await uow.discipline.case(case_id, lock=True)
    if case is None:
        raise NotFound(f"no disciplinary case {case_id}")
    return case


async def load_now(uow: SanctionsUnitOfWork, case_id: uuid.UUID) -> Any:
    """The case as its deadlines passed by now left it (usecases/overdue.py), locked."""
    await fire_overdue(uow, case_id)
    return await load(uow, case_id)


async def record(
    uow: SanctionsUnitOfWork,
    case: Any,
    step: Step,
    status: CaseStatus,
    actor: str | None,
    details: dict[str, Any],
    **changes: Any,
) -> None:
    await uow.discipline.update_case(
        case.case_id, status=status.value, updated_at=uow.now, **changes
    )
    await uow.discipline.add_step(
        case_id=case.case_id,
        step=step.value,
        status=status.value,
        actor_nip=actor,
        details=details,
        taken_at=uow.now,
    )
    log.info("discipline.step", case_id=str(case.case_id), step=step.value, status=status.value)


async def summon(
    uow: SanctionsUnitOfWork, case_id: uuid.UUID, summons: Summons, caller: Caller
) -> HearingScheduled:
    """A written summons by the direct superior (Pasal 26); the examination within 7 working
    days of it. A second summons is due within 7 working days after the first date (Pasal
    26(3)); one issued later is still taken and its lateness flagged by the timer."""
    case = await load_now(uow, case_id)
    require(permissions.examiner(caller, case.examiner_nip, "summon (Pasal 26(1))"))
    next_status(case.status, Step.SUMMON, summons=case.summons)
    happened(uow, "summoned_on", summons.summoned_on, "a summons given")
    _check_examiners(case, summons)
    _hearing_day(uow, summons)
    act = DisciplinarySummonsIssued(
        case_id=str(case.case_id),
        nip=case.nip,
        actor_nip=caller.nip,
        legal_basis=_summons_basis(summons.tim_pemeriksa),
        summons=case.summons + 1,
        summoned_on=summons.summoned_on,
        scheduled_at=summons.scheduled_at,
        mode=summons.mode,
        location=summons.location,
        examiner_nips=list(summons.examiner_nips),
        tim_pemeriksa=summons.tim_pemeriksa,
    )
    await uow.record_act(act)
    return await apply_summons(uow, act)


async def apply_summons(
    uow: SanctionsUnitOfWork, act: DisciplinarySummonsIssued
) -> HearingScheduled:
    """The summons on the case, the timer that notices an examination not recorded, and
    HearingScheduled: live after the checks, and again when a rebuild replays the act."""
    case = await load_now(uow, uuid.UUID(act.case_id))
    status = next_status(case.status, Step.SUMMON, summons=case.summons)
    number = case.summons + 1
    await record(
        uow,
        case,
        Step.SUMMON,
        status,
        act.actor_nip,
        {
            "summons": number,
            "scheduled_at": act.scheduled_at.isoformat(),
            "mode": act.mode.value,
        },
        summons=number,
        summoned_on=act.summoned_on,
        scheduled_at=act.scheduled_at,
    )
    await uow.schedule(
        HEARING_TIMER,
        f"{case.case_id}:{number}",
        passed(jakarta_date(act.scheduled_at)),
        {"case_id": str(case.case_id), "summons": number},
    )
    event = _hearing_scheduled(case, number, act)
    await uow.emit(event)
    return event


def _summons_basis(tim_pemeriksa: bool) -> list[str]:
    basis = ["PP 94/2021 Pasal 26", "PP 94/2021 Pasal 27"]
    return [*basis, "PP 94/2021 Pasal 29"] if tim_pemeriksa else basis


def _hearing_scheduled(case: Any, number: int, act: DisciplinarySummonsIssued) -> HearingScheduled:
    return HearingScheduled(
        case_id=str(case.case_id),
        nip=case.nip,
        legal_basis=["PP 94/2021 Pasal 26", "Pasal 27"],
        summons=number,
        summoned_on=act.summoned_on,
        scheduled_at=act.scheduled_at,
        mode=act.mode,
        location=act.location,
        examiner_nips=list(act.examiner_nips),
        tim_pemeriksa=act.tim_pemeriksa,
    )


def _hearing_day(uow: SanctionsUnitOfWork, summons: Summons) -> date:
    """The examination's day, within 7 working days of the summons (Pasal 26(2))."""
    hearing_day = jakarta_date(summons.scheduled_at)
    latest = deadlines.examination_due(summons.summoned_on, uow.calendar)
    if not summons.summoned_on <= hearing_day <= latest:
        raise StepRefused(
            f"the examination must be between the summons and {latest.isoformat()}, 7 working "
            "days after it (PP 94/2021 Pasal 26(2))"
        )
    return hearing_day


def _check_examiners(case: Any, summons: Summons) -> None:
    if case.examiner_nip not in summons.examiner_nips:
        raise NotPermitted("the direct superior examines (Pasal 27(1)): name them as examiner")
    if case.estimated_tingkat == TingkatHukuman.BERAT.value:
        if not summons.tim_pemeriksa or len(summons.examiner_nips) < TIM_PEMERIKSA_MINIMUM:
            raise StepRefused(
                "a violation that may be punished BERAT is examined by a tim pemeriksa of at "
                "least the direct superior, the inspectorate and HR (Pasal 29(2)-(3))"
            )


async def record_hearing(
    uow: SanctionsUnitOfWork,
    case_id: uuid.UUID,
    caller: Caller,
    *,
    attended: bool,
    held_on: date,
    bap_number: str | None,
) -> CaseStatus:
    """The examination took place (BAP, Pasal 27, 32) or the ASN did not come (Pasal 26(3))."""
    case = await load_now(uow, case_id)
    require(permissions.examiner(caller, case.examiner_nip, "record the hearing (Pasal 27)"))
    step = Step.HEARING_HELD if attended else Step.HEARING_MISSED
    next_status(case.status, step)
    happened(uow, "held_on", held_on, "a hearing held")
    if attended and not bap_number:
        raise StepRefused("an examination is recorded in a Berita Acara Pemeriksaan (Pasal 32)")
    second_due = None
    if not attended and case.summons == 1:
        # A late second summons is still taken (the case must go on); the timer flags it.
        second_due = deadlines.second_summons_due(jakarta_date(case.scheduled_at), uow.calendar)
    act = DisciplinaryHearingRecorded(
        case_id=str(case.case_id),
        nip=case.nip,
        actor_nip=caller.nip,
        legal_basis=["PP 94/2021 Pasal 27", "PP 94/2021 Pasal 32"]
        if attended
        else ["PP 94/2021 Pasal 26 ayat (3)", "PP 94/2021 Pasal 26 ayat (4)"],
        summons=case.summons,
        attended=attended,
        held_on=held_on,
        bap_number=bap_number if attended else None,
        second_summons_due=second_due,
    )
    await uow.record_act(act)
    return await apply_hearing(uow, act)


async def apply_hearing(uow: SanctionsUnitOfWork, act: DisciplinaryHearingRecorded) -> CaseStatus:
    """The hearing on the case; after a first no-show, the timer of the second summons."""
    case = await load_now(uow, uuid.UUID(act.case_id))
    step = Step.HEARING_HELD if act.attended else Step.HEARING_MISSED
    status = next_status(case.status, step)
    await uow.timers.cancel(HEARING_TIMER, f"{case.case_id}:{case.summons}", uow.now)
    changes = {"examined_on": act.held_on} if act.attended else {}
    await record(
        uow,
        case,
        step,
        status,
        act.actor_nip,
        {"held_on": act.held_on.isoformat(), "bap_number": act.bap_number},
        **changes,
    )
    if act.second_summons_due is not None:
        await uow.schedule(
            SECOND_SUMMONS_TIMER,
            str(case.case_id),
            passed(act.second_summons_due),
            {"case_id": str(case.case_id), "due_on": act.second_summons_due.isoformat()},
        )
    return status


async def deliver(
    uow: SanctionsUnitOfWork, case_id: uuid.UUID, caller: Caller, *, received_on: date
) -> date:
    """The ASN received the decision (Pasal 37); it takes effect on the 15th day (Pasal 38)."""
    case = await load_now(uow, case_id)
    require(permissions.deliverer(caller, case.examiner_nip, case.imposed_by_nip))
    next_status(case.status, Step.DELIVER)
    happened(uow, "received_on", received_on, "a decision received")
    if received_on < case.decided_on:
        raise StepRefused("a decision is received after it is set")
    act = DisciplinaryDecisionDelivered(
        case_id=str(case.case_id),
        nip=case.nip,
        actor_nip=caller.nip,
        legal_basis=["PP 94/2021 Pasal 37", "PP 94/2021 Pasal 38"],
        received_on=received_on,
        effective_on=deadlines.effective_on(received_on),
    )
    await uow.record_act(act)
    await apply_delivery(uow, act)
    return act.effective_on


async def apply_delivery(uow: SanctionsUnitOfWork, act: DisciplinaryDecisionDelivered) -> None:
    """The delivery on the case, and the timer that puts the decision in force."""
    case = await load_now(uow, uuid.UUID(act.case_id))
    status = next_status(case.status, Step.DELIVER)
    await uow.timers.cancel(DELIVERY_TIMER, str(case.case_id), uow.now)
    await record(
        uow,
        case,
        Step.DELIVER,
        status,
        act.actor_nip,
        {"received_on": act.received_on.isoformat(), "effective_on": act.effective_on.isoformat()},
        received_on=act.received_on,
        effective_on=act.effective_on,
    )
    await uow.schedule(
        EFFECTIVE_TIMER,
        str(case.case_id),
        starts(act.effective_on),
        {"case_id": str(case.case_id)},
    )
