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
from datetime import date, datetime
from typing import Any

from asn_shared.catalog.sanctions_events import CoachingCompleted
from asn_shared.catalog.vocabulary import PositionType, Predikat
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger
from asn_shared.timers.scheduler import TimerContext
from asn_shared.timers.store import TimerStore

from ..discipline.context import Emit, passed
from ..domain import jakarta_date
from ..repository import SanctionsRepository
from . import chain
from .chain import Stage
from .repository import CoachingRepository

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


async def schedule_window(
    timers: TimerStore, case_id: uuid.UUID, deadline: date, cause: CloudEvent
) -> None:
    await timers.schedule(
        WINDOW_TIMER,
        timer_key(case_id, "window"),
        passed(deadline),
        {"case_id": str(case_id)},
        cause=cause,
    )


async def window_ended(ctx: TimerContext) -> None:
    repo = CoachingRepository(ctx.session)
    case = await repo.case(uuid.UUID(ctx.timer.payload["case_id"]), lock=True)
    if case is None or case.status != Stage.OPEN.value:
        return  # cancelled by a keberatan meanwhile
    since = await repo.rated_at(case.rated_event_id)
    latest = await repo.newest_rating_after(case.nip, case.period, since) if since else None
    if latest is None:
        await repo.update_case(case.case_id, status=Stage.AWAITING_RATING.value, updated_at=ctx.now)
        log.info("coaching.awaiting_rating", case_id=str(case.case_id), period=case.period)
        return
    judged = Judgement(Predikat(latest.predikat), latest.rated_event_id, jakarta_date(ctx.now))
    await complete(repo, case, judged, ctx.emit, ctx.now)


async def reevaluate(
    session: Any, nip: str, period: str, judged: Judgement, emit: Emit, now: datetime
) -> None:
    """A rating of `period` judges the ASN's cases of other periods that wait for one."""
    repo = CoachingRepository(session)
    for case in await repo.awaiting_rating(nip, period):
        await complete(repo, case, judged, emit, now)


async def complete(
    repo: CoachingRepository, case: Any, judged: Judgement, emit: Emit, now: datetime
) -> Stage:
    employee = await SanctionsRepository(repo.session).employee(case.nip)
    position = PositionType(employee.position_type) if employee else None
    # The track is read now, not when the case opened: a profile may have come after the rating.
    track = chain.track_for(Predikat(case.predikat), position)
    better = chain.improved(track, judged.predikat)
    stage = chain.after_window(track, better)
    await repo.update_case(
        case.case_id,
        status=stage.value,
        track=track.value,
        completed_on=judged.on,
        improved=better,
        latest_predikat=judged.predikat.value,
        reevaluated_by_event_id=judged.event_id,
        updated_at=now,
    )
    await emit(
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


async def cancel_by_supersession(
    repo: CoachingRepository,
    timers: TimerStore,
    case: Any,
    judged: Judgement,
    emit: Emit,
    now: datetime,
) -> None:
    await repo.update_case(
        case.case_id,
        status=Stage.CANCELLED_BY_SUPERSESSION.value,
        cancelled_by_event_id=judged.event_id,
        completed_on=judged.on,
        improved=True,
        latest_predikat=judged.predikat.value,
        updated_at=now,
    )
    for kind, what in ((WINDOW_TIMER, "window"), (PLACEMENT_TIMER, "placement")):
        await timers.cancel(kind, timer_key(case.case_id, what), now)
    await emit(
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
