"""Stored follow-ups of one (nip, period) brought in line with the decision on its newest rating.

A period has at most one coaching case (cancelled ones aside), one granted reward of each type
and one granted training recommendation of each kind (rewards.py). A superseding rating (after a
keberatan, PP 30/2019 Pasal 59) that still calls for a record revises it in place and announces
nothing new; one that no longer calls for it cancels the record (a live coaching case with
CoachingCompleted); what it newly calls for is started and announced.

An ASN has one improvement window at a time: a rating that calls for coaching while a case of
another period is still under way (window, re-test or placement) opens no second case; the
running one judges them (coaching/window.py).
"""

from __future__ import annotations

from typing import Any

from asn_shared.catalog.sanctions_events import CoachingStarted
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import SanctionsUnitOfWork
from ..domain.coaching.chain import LIVE, Stage
from ..domain.follow_up import CoachingDecision, Decision, RatingApplied, record_id
from . import rewards
from .coaching import window

log = get_logger(__name__)


async def reconcile(uow: SanctionsUnitOfWork, rating: RatingApplied, decision: Decision) -> None:
    await _reconcile_case(uow, rating, decision.coaching)
    await rewards.reconcile_rewards(uow, rating, decision.rewards)
    await rewards.reconcile_trainings(uow, rating, decision.trainings)


# -- coaching ------------------------------------------------------------------------------------


async def _reconcile_case(
    uow: SanctionsUnitOfWork, rating: RatingApplied, coaching: CoachingDecision | None
) -> None:
    case = await uow.follow_ups.current_case(rating.nip, rating.period)
    if case is not None and Stage(case.status) not in LIVE:
        # Past its chain (completed, re-tested, moved): a late keberatan changes the record of
        # the rating, not the steps taken on it.
        log.info("coaching.superseded_after_chain", case_id=str(case.case_id), period=rating.period)
    elif coaching is None:
        if case is not None:
            judged = window.Judgement(rating.predikat, rating.event_id, rating.rated_on)
            await window.cancel_by_supersession(uow, case, judged)
    elif case is not None:
        await _revise_case(uow, case, rating, coaching)
    elif running := await uow.follow_ups.live_cases(rating.nip):
        log.info("coaching.window_already_running", case_id=str(running[0].case_id))
    else:
        await _open_case(uow, rating, coaching)


async def _open_case(
    uow: SanctionsUnitOfWork, rating: RatingApplied, coaching: CoachingDecision
) -> None:
    case_id = record_id(f"coaching:{rating.event_id}")
    await uow.follow_ups.add_case(
        case_id=case_id,
        nip=rating.nip,
        period=rating.period,
        predikat=rating.predikat.value,
        coaching_type=coaching.coaching_type.value,
        started_on=rating.rated_on,
        improvement_deadline=coaching.improvement_deadline,
        status=Stage.OPEN.value,
        rated_event_id=rating.event_id,
        legal_basis=list(coaching.legal_basis),
        updated_at=uow.now,
    )
    await uow.emit(
        CoachingStarted(
            case_id=str(case_id),
            nip=rating.nip,
            period=rating.period,
            predikat=rating.predikat,
            coaching_type=coaching.coaching_type,
            started_on=rating.rated_on,
            improvement_deadline=coaching.improvement_deadline,
            legal_basis=list(coaching.legal_basis),
        )
    )
    await window.schedule_window(uow, case_id, coaching.improvement_deadline)
    log.info("coaching.opened", case_id=str(case_id), period=rating.period)


async def _revise_case(
    uow: SanctionsUnitOfWork, case: Any, rating: RatingApplied, coaching: CoachingDecision
) -> None:
    # The improvement window keeps running from the first rating: an objection that confirms
    # coaching does not buy six more months, and the ASN was already told the deadline.
    await uow.follow_ups.update_case(
        case.case_id,
        predikat=rating.predikat.value,
        coaching_type=coaching.coaching_type.value,
        legal_basis=list(coaching.legal_basis),
        rated_event_id=rating.event_id,
        updated_at=uow.now,
    )
    log.info("coaching.revised_by_supersession", case_id=str(case.case_id), period=rating.period)
