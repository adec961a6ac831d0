"""The improvement window's end and the rating that judges it (PP 30/2019 Pasal 57-58).

The window ends at midnight after `improvement_deadline` (a durable timer). The newest rating of
a later period, set after the case's own, judges it; when none has come yet the case waits and
the next PerformanceRated of the ASN completes it. Either way CoachingCompleted says whether the
ASN improved; not improved under Pasal 57 or 58 makes the re-test due (retest.py).

A keberatan that changes the case's own predikat so that it no longer calls for coaching
(Pasal 59) ends a live case too: CoachingCompleted with improved=true and the corrected
predikat, since nothing follows from it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from asn_shared.catalog.sanctions_events import CoachingCompleted
from asn_shared.catalog.vocabulary import PositionType, Predikat
from asn_shared.logging import get_logger

from ...adapters.unit_of_work import SanctionsUnitOfWork
from ...domain.coaching import chain
from ...domain.coaching.chain import Stage
from ...domain.dates import passed

log = get_logger(__name__)

WINDOW_TIMER = "coaching.window"
PLACEMENT_TIMER = "coaching.placement"


@dataclass(frozen=True)
class Judgement:
    """The rating that judges a window: its predikat, its event and the day it counts from."""

    predikat: Predikat
    event_id: str
    on: date


def timer_key(case_id: uuid.UUID | str, what: str) -> str:
    # The case id first: a case's pending timers are read by key prefix.
    return f"{case_id}:{what}"


async def schedule_window(uow: SanctionsUnitOfWork, case_id: uuid.UUID, deadline: date) -> None:
    """The window's end, caused by the rating that opened the case."""
    await uow.schedule(
        WINDOW_TIMER, timer_key(case_id, "window"), passed(deadline), {"case_id": str(case_id)}
    )


async def window_ended(uow: SanctionsUnitOfWork, case_id: uuid.UUID) -> None:
    """The window timer: judge the case by a later rating, or wait for one."""
    repo = uow.coaching
    case = await repo.case(case_id, lock=True)
    if case is None or case.status != Stage.OPEN.value:
        return  # cancelled by a keberatan meanwhile
    since = await repo.rated_at(case.rated_event_id)
    latest = await repo.newest_rating_after(case.nip, case.period, since) if since else None
    if latest is None:
        await repo.update_case(case.case_id, status=Stage.AWAITING_RATING.value, updated_at=uow.now)
        log.info("coaching.awaiting_rating", case_id=str(case.case_id), period=case.period)
        return
    judged = Judgement(Predikat(latest.predikat), latest.rated_event_id, uow.today)
    await complete(uow, case, judged)


async def reevaluate(uow: SanctionsUnitOfWork, nip: str, period: str, judged: Judgement) -> None:
    """A rating of `period` judges the ASN's cases of other periods that wait for one."""
    for case in await uow.coaching.awaiting_rating(nip, period):
        await complete(uow, case, judged)


async def complete(uow: SanctionsUnitOfWork, case: Any, judged: Judgement) -> Stage:
    employee = await uow.employees.employee(case.nip)
    position = PositionType(employee.position_type) if employee else None
    # The track is read now, not when the case opened: a profile may have come after the rating.
    track = chain.track_for(Predikat(case.predikat), position)
    better = chain.improved(track, judged.predikat)
    stage = chain.after_window(track, better)
    await uow.coaching.update_case(
        case.case_id,
        status=stage.value,
        track=track.value,
        completed_on=judged.on,
        improved=better,
        latest_predikat=judged.predikat.value,
        reevaluated_by_event_id=judged.event_id,
        updated_at=uow.now,
    )
    await uow.emit(
        CoachingCompleted(
            case_id=str(case.case_id),
            nip=case.nip,
            period=case.period,
            coaching_type=case.coaching_type,
            completed_on=judged.on,
            improved=better,
            latest_predikat=judged.predikat,
            legal_basis=list(chain.window_basis(track)),
        )
    )
    log.info(
        "coaching.completed",
        case_id=str(case.case_id),
        period=case.period,
        improved=better,
        stage=stage.value,
    )
    return stage


async def cancel_by_supersession(uow: SanctionsUnitOfWork, case: Any, judged: Judgement) -> None:
    await uow.coaching.update_case(
        case.case_id,
        status=Stage.CANCELLED_BY_SUPERSESSION.value,
        cancelled_by_event_id=judged.event_id,
        completed_on=judged.on,
        improved=True,
        latest_predikat=judged.predikat.value,
        updated_at=uow.now,
    )
    for kind, what in ((WINDOW_TIMER, "window"), (PLACEMENT_TIMER, "placement")):
        await uow.timers.cancel(kind, timer_key(case.case_id, what), uow.now)
    await uow.emit(
        CoachingCompleted(
            case_id=str(case.case_id),
            nip=case.nip,
            period=case.period,
            coaching_type=case.coaching_type,
            completed_on=judged.on,
            improved=True,
            latest_predikat=judged.predikat,
            legal_basis=[chain.OBJECTION_59],
        )
    )
    log.info("coaching.cancelled_by_supersession", case_id=str(case.case_id), period=case.period)
