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
from asn_shared.timers.scheduler import TimerContext, TimerHandler

from ..domain import jakarta_date
from .intake import EXAMINER_CHECK_TIMER, examiner_check
from .remedies import OBJECTION_TIMER
from .repository import DisciplineRepository
from .steps import DELIVERY_TIMER, EFFECTIVE_TIMER, HEARING_TIMER, SECOND_SUMMONS_TIMER
from .workflow import CaseStatus, Step, next_status

log = get_logger(__name__)


async def _case(ctx: TimerContext) -> tuple[DisciplineRepository, Any]:
    repo = DisciplineRepository(ctx.session)
    return repo, await repo.case(uuid.UUID(ctx.timer.payload["case_id"]), lock=True)


async def _flag(
    repo: DisciplineRepository,
    ctx: TimerContext,
    case: Any,
    duty: str,
    official: str | None,
    due_on: date,
    article: str,
) -> None:
    if await repo.flag(
        case_id=case.case_id,
        duty=duty,
        official_nip=official,
        due_on=due_on,
        article=article,
        flagged_at=ctx.now,
    ):
        await repo.add_step(
            case_id=case.case_id,
            step=Step.DUTY_MISSED.value,
            status=case.status,
            actor_nip=None,
            details={"duty": duty, "official_nip": official, "article": article},
            taken_at=ctx.now,
        )
        log.warning(
            "discipline.duty_missed",
            case_id=str(case.case_id),
            duty=duty,
            due_on=due_on.isoformat(),
        )


async def hearing_unrecorded(ctx: TimerContext) -> None:
    repo, case = await _case(ctx)
    if case.status == CaseStatus.SUMMONED.value and case.summons == ctx.timer.payload["summons"]:
        await _flag(
            repo,
            ctx,
            case,
            "EXAMINATION",
            case.examiner_nip,
            jakarta_date(case.scheduled_at),
            "PP 94/2021 Pasal 27 ayat (1), Pasal 28",
        )


async def second_summons_missing(ctx: TimerContext) -> None:
    repo, case = await _case(ctx)
    if case.status == CaseStatus.NO_SHOW.value and case.summons == 1:
        await _flag(
            repo,
            ctx,
            case,
            "SECOND_SUMMONS",
            case.examiner_nip,
            date.fromisoformat(ctx.timer.payload["due_on"]),
            "PP 94/2021 Pasal 26 ayat (3), Pasal 28",
        )


async def delivery_missing(ctx: TimerContext) -> None:
    repo, case = await _case(ctx)
    if case.status == CaseStatus.DECIDED.value:
        await _flag(
            repo,
            ctx,
            case,
            "DELIVERY",
            case.imposed_by_nip,
            case.delivery_due,
            "PP 94/2021 Pasal 37 ayat (3), Pasal 24",
        )


async def take_effect(ctx: TimerContext) -> None:
    repo, case = await _case(ctx)
    if case.status != CaseStatus.DELIVERED.value:
        return  # an objection was filed meanwhile: the remedy's decision rules (Pasal 38(2))
    status = next_status(case.status, Step.TAKE_EFFECT)
    await repo.update_case(case.case_id, status=status.value, updated_at=ctx.now)
    await repo.add_step(
        case_id=case.case_id,
        step=Step.TAKE_EFFECT.value,
        status=status.value,
        actor_nip=None,
        details={"effective_on": case.effective_on.isoformat()},
        taken_at=ctx.now,
    )
    log.info("discipline.in_force", case_id=str(case.case_id))


async def objection_undecided(ctx: TimerContext) -> None:
    repo, case = await _case(ctx)
    objection = await repo.objection(uuid.UUID(ctx.timer.payload["objection_id"]))
    if objection is not None and objection.outcome is None:
        await _flag(
            repo,
            ctx,
            case,
            "OBJECTION_DECISION",
            None,
            objection.decision_due,
            "PP 79/2021 Pasal 5, 8 ayat (4), 13 ayat (4)",
        )


TIMER_HANDLERS: dict[str, TimerHandler] = {
    EXAMINER_CHECK_TIMER: examiner_check,
    HEARING_TIMER: hearing_unrecorded,
    SECOND_SUMMONS_TIMER: second_summons_missing,
    DELIVERY_TIMER: delivery_missing,
    EFFECTIVE_TIMER: take_effect,
    OBJECTION_TIMER: objection_undecided,
}
