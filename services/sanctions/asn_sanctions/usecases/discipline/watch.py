"""What the discipline timers do when they come due.

A deadline timer that finds its step taken does nothing (the step cancels it, but a step and a
firing may cross). One that finds it not taken flags the official who had to act: the duty to
punish (PP 94/2021 Pasal 24) and to summon and examine (Pasal 28); a remedy left undecided is
flagged for the record (the ASN may go to the PTUN, PP 79/2021 Pasal 5). The effect timer puts
a delivered decision in force on its 15th day (Pasal 38).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from asn_shared.logging import get_logger

from ...adapters.unit_of_work import SanctionsUnitOfWork
from ...domain.dates import jakarta_date
from ...domain.discipline.workflow import CaseStatus, Step, next_status

log = get_logger(__name__)


async def _case(uow: SanctionsUnitOfWork, case_id: uuid.UUID) -> Any:
    case = await uow.discipline.case(case_id, lock=True)
    if case is None:  # cases are never deleted: a timer without its case is a broken database
        raise LookupError(f"no disciplinary case {case_id} for its timer")
    return case


async def _flag(
    uow: SanctionsUnitOfWork,
    case: Any,
    duty: str,
    official: str | None,
    due_on: date,
    article: str,
) -> None:
    if await uow.discipline.flag(
        case_id=case.case_id,
        duty=duty,
        official_nip=official,
        due_on=due_on,
        article=article,
        flagged_at=uow.now,
    ):
        await uow.discipline.add_step(
            case_id=case.case_id,
            step=Step.DUTY_MISSED.value,
            status=case.status,
            actor_nip=None,
            details={"duty": duty, "official_nip": official, "article": article},
            taken_at=uow.now,
        )
        log.warning(
            "discipline.duty_missed",
            case_id=str(case.case_id),
            duty=duty,
            due_on=due_on.isoformat(),
        )


async def hearing_unrecorded(uow: SanctionsUnitOfWork, case_id: uuid.UUID, summons: int) -> None:
    case = await _case(uow, case_id)
    if case.status == CaseStatus.SUMMONED.value and case.summons == summons:
        await _flag(
            uow,
            case,
            "EXAMINATION",
            case.examiner_nip,
            jakarta_date(case.scheduled_at),
            "PP 94/2021 Pasal 27 ayat (1), Pasal 28",
        )


async def second_summons_missing(
    uow: SanctionsUnitOfWork, case_id: uuid.UUID, due_on: date
) -> None:
    case = await _case(uow, case_id)
    if case.status == CaseStatus.NO_SHOW.value and case.summons == 1:
        await _flag(
            uow,
            case,
            "SECOND_SUMMONS",
            case.examiner_nip,
            due_on,
            "PP 94/2021 Pasal 26 ayat (3), Pasal 28",
        )


async def delivery_missing(uow: SanctionsUnitOfWork, case_id: uuid.UUID) -> None:
    case = await _case(uow, case_id)
    if case.status == CaseStatus.DECIDED.value:
        await _flag(
            uow,
            case,
            "DELIVERY",
            case.imposed_by_nip,
            case.delivery_due,
            "PP 94/2021 Pasal 37 ayat (3), Pasal 24",
        )


async def take_effect(uow: SanctionsUnitOfWork, case_id: uuid.UUID) -> None:
    repo = uow.discipline
    case = await _case(uow, case_id)
    if case.status != CaseStatus.DELIVERED.value:
        return  # an objection was filed meanwhile: the remedy's decision rules (Pasal 38(2))
    status = next_status(case.status, Step.TAKE_EFFECT)
    await repo.update_case(case.case_id, status=status.value, updated_at=uow.now)
    await repo.add_step(
        case_id=case.case_id,
        step=Step.TAKE_EFFECT.value,
        status=status.value,
        actor_nip=None,
        details={"effective_on": case.effective_on.isoformat()},
        taken_at=uow.now,
    )
    log.info("discipline.in_force", case_id=str(case.case_id))


async def objection_undecided(
    uow: SanctionsUnitOfWork, case_id: uuid.UUID, objection_id: uuid.UUID
) -> None:
    case = await _case(uow, case_id)
    objection = await uow.discipline.objection(objection_id)
    if objection is not None and objection.outcome is None:
        await _flag(
            uow,
            case,
            "OBJECTION_DECISION",
            None,
            objection.decision_due,
            "PP 79/2021 Pasal 5, 8 ayat (4), 13 ayat (4)",
        )
