"""Stored follow-ups of one (nip, period) brought in line with the decision on its newest rating.

A period has at most one coaching case (cancelled ones aside), one granted reward of each type
and one granted training recommendation of each kind. A superseding rating (after a keberatan,
PP 30/2019 Pasal 59) that still calls for a record revises it in place and announces nothing new;
one that no longer calls for it cancels the record (a live coaching case with CoachingCompleted);
what it newly calls for is started and announced.

An ASN has one improvement window at a time: a rating that calls for coaching while a case of
another period is still under way (window, re-test or placement) opens no second case; the
running one judges them (coaching/window.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from asn_shared.catalog import EventData
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.sanctions_events import (
    CoachingStarted,
    RewardGranted,
    RewardType,
    TrainingRecommended,
)
from asn_shared.catalog.vocabulary import Predikat
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger
from asn_shared.timers.store import TimerStore

from . import domain
from .coaching import window
from .coaching.chain import LIVE, Stage
from .coaching.repository import CoachingRepository
from .domain import (
    CoachingDecision,
    Decision,
    RewardDecision,
    RewardStatus,
    TrainingDecision,
    TrainingStatus,
)
from .repository import SanctionsRepository

log = get_logger(__name__)

Emit = Callable[[EventData], Awaitable[CloudEvent]]
Repo = SanctionsRepository

# Ids derive from the rating that opened the record, so rebuilding this database by replaying the
# audit stream gives every case, reward and recommendation the id already published.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "/asn-kinerja/sanctions")


@dataclass(frozen=True)
class RatingApplied:
    """The rating a follow-up is decided on."""

    event_id: str
    nip: str
    period: str
    predikat: Predikat
    rated_on: date

    @classmethod
    def of(cls, event_id: str, data: PerformanceRated) -> RatingApplied:
        rated_on = domain.jakarta_date(data.rated_at)
        return cls(event_id, data.nip, data.period, data.predikat, rated_on)


@dataclass(frozen=True)
class Effects:
    """Where a follow-up's consequences go: the outbox, the durable timers, and their cause."""

    emit: Emit
    timers: TimerStore
    cause: CloudEvent
    now: datetime


async def reconcile(repo: Repo, rating: RatingApplied, decision: Decision, fx: Effects) -> None:
    emit, now = fx.emit, fx.now
    await _reconcile_case(repo, rating, decision.coaching, fx)
    await _reconcile_rewards(repo, rating, decision.rewards, emit, now)
    await _reconcile_trainings(repo, rating, decision.trainings, emit, now)


# -- coaching ------------------------------------------------------------------------------------


async def _reconcile_case(
    repo: Repo, rating: RatingApplied, coaching: CoachingDecision | None, fx: Effects
) -> None:
    case = await repo.current_case(rating.nip, rating.period)
    if case is not None and Stage(case.status) not in LIVE:
        # Past its chain (completed, re-tested, moved): a late keberatan changes the record of
        # the rating, not the steps taken on it.
        log.info("coaching.superseded_after_chain", case_id=str(case.case_id), period=rating.period)
    elif coaching is None:
        if case is not None:
            judged = window.Judgement(rating.predikat, rating.event_id, rating.rated_on)
            await window.cancel_by_supersession(
                CoachingRepository(repo.session), fx.timers, case, judged, fx.emit, fx.now
            )
    elif case is not None:
        await _revise_case(repo, case, rating, coaching, fx.now)
    elif running := await repo.live_cases(rating.nip):
        log.info("coaching.window_already_running", case_id=str(running[0].case_id))
    else:
        await _open_case(repo, rating, coaching, fx)


async def _open_case(
    repo: Repo, rating: RatingApplied, coaching: CoachingDecision, fx: Effects
) -> None:
    emit, now = fx.emit, fx.now
    case_id = uuid.uuid5(_ID_NAMESPACE, f"coaching:{rating.event_id}")
    await repo.add_case(
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
        updated_at=now,
    )
    await emit(
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
    await window.schedule_window(fx.timers, case_id, coaching.improvement_deadline, fx.cause)
    log.info("coaching.opened", case_id=str(case_id), period=rating.period)


async def _revise_case(
    repo: Repo, case: Any, rating: RatingApplied, coaching: CoachingDecision, now: datetime
) -> None:
    # The improvement window keeps running from the first rating: an objection that confirms
    # coaching does not buy six more months, and the ASN was already told the deadline.
    await repo.update_case(
        case.case_id,
        predikat=rating.predikat.value,
        coaching_type=coaching.coaching_type.value,
        legal_basis=list(coaching.legal_basis),
        rated_event_id=rating.event_id,
        updated_at=now,
    )
    log.info("coaching.revised_by_supersession", case_id=str(case.case_id), period=rating.period)


# -- rewards -------------------------------------------------------------------------------------


async def _reconcile_rewards(
    repo: Repo, rating: RatingApplied, wanted: tuple[RewardDecision, ...], emit: Emit, now: datetime
) -> None:
    granted = {r.reward_type: r for r in await repo.granted_rewards(rating.nip, rating.period)}
    types = {reward.reward_type.value for reward in wanted}
    for reward_type, row in granted.items():
        if reward_type not in types:
            # The catalog has no event for a withdrawn reward; it shows in the HTTP query.
            await repo.update_reward(row.reward_id, **_cancelled(rating, now))
            log.info("reward.cancelled_by_supersession", **_ids("reward_id", row, rating))
    for reward in wanted:
        row = granted.get(reward.reward_type.value)
        if row is None:
            await _grant_reward(repo, rating, reward, emit, now)
            continue
        await repo.update_reward(row.reward_id, **_revised(rating, reward.legal_basis, now))
        log.info("reward.revised_by_supersession", **_ids("reward_id", row, rating))


async def _grant_reward(
    repo: Repo, rating: RatingApplied, reward: RewardDecision, emit: Emit, now: datetime
) -> None:
    # The penghargaan keeps the id form it was first published with; other types add theirs.
    if reward.reward_type is RewardType.PENGHARGAAN:
        key = f"reward:{rating.event_id}"
    else:
        key = f"reward:{reward.reward_type.value}:{rating.event_id}"
    reward_id = uuid.uuid5(_ID_NAMESPACE, key)
    await repo.add_reward(
        reward_id=reward_id,
        nip=rating.nip,
        period=rating.period,
        predikat=rating.predikat.value,
        reward_type=reward.reward_type.value,
        granted_on=rating.rated_on,
        recommendation=reward.recommendation,
        status=RewardStatus.GRANTED.value,
        rated_event_id=rating.event_id,
        legal_basis=list(reward.legal_basis),
        updated_at=now,
    )
    await emit(
        RewardGranted(
            reward_id=str(reward_id),
            nip=rating.nip,
            period=rating.period,
            predikat=rating.predikat,
            reward_type=reward.reward_type,
            granted_on=rating.rated_on,
            recommendation=reward.recommendation,
            legal_basis=list(reward.legal_basis),
        )
    )
    log.info("reward.granted", reward_id=str(reward_id), period=rating.period)


# -- training recommendations --------------------------------------------------------------------


async def _reconcile_trainings(
    repo: Repo,
    rating: RatingApplied,
    wanted: tuple[TrainingDecision, ...],
    emit: Emit,
    now: datetime,
) -> None:
    granted = {t.kind: t for t in await repo.granted_trainings(rating.nip, rating.period)}
    kinds = {training.kind.value for training in wanted}
    for kind, row in granted.items():
        if kind not in kinds:
            # The catalog has no event for a withdrawn recommendation; it shows in the HTTP query.
            await repo.update_training(row.recommendation_id, **_cancelled(rating, now))
            log.info("training.cancelled_by_supersession", **_ids("recommendation_id", row, rating))
    for training in wanted:
        row = granted.get(training.kind.value)
        if row is None:
            await _recommend_training(repo, rating, training, emit, now)
            continue
        values = _revised(rating, training.legal_basis, now)
        await repo.update_training(row.recommendation_id, **values)
        log.info("training.revised_by_supersession", **_ids("recommendation_id", row, rating))


async def _recommend_training(
    repo: Repo, rating: RatingApplied, training: TrainingDecision, emit: Emit, now: datetime
) -> None:
    recommendation_id = uuid.uuid5(
        _ID_NAMESPACE, f"training:{training.kind.value}:{rating.event_id}"
    )
    await repo.add_training(
        recommendation_id=recommendation_id,
        nip=rating.nip,
        period=rating.period,
        kind=training.kind.value,
        predikat=rating.predikat.value,
        competencies=list(training.competencies),
        recommended_on=rating.rated_on,
        status=TrainingStatus.GRANTED.value,
        rated_event_id=rating.event_id,
        legal_basis=list(training.legal_basis),
        updated_at=now,
    )
    await emit(
        TrainingRecommended(
            recommendation_id=str(recommendation_id),
            nip=rating.nip,
            period=rating.period,
            predikat=rating.predikat,
            competencies=list(training.competencies),
            recommended_on=rating.rated_on,
            legal_basis=list(training.legal_basis),
        )
    )
    log.info("training.recommended", recommendation_id=str(recommendation_id), period=rating.period)


# -- shared --------------------------------------------------------------------------------------


def _revised(rating: RatingApplied, legal_basis: tuple[str, ...], now: datetime) -> dict:
    # Still warranted: the record now reflects the newer rating; the grant date and id stay.
    return {
        "predikat": rating.predikat.value,
        "legal_basis": list(legal_basis),
        "rated_event_id": rating.event_id,
        "updated_at": now,
    }


def _cancelled(rating: RatingApplied, now: datetime) -> dict:
    return {
        "status": RewardStatus.CANCELLED_BY_SUPERSESSION.value,
        "cancelled_by_event_id": rating.event_id,
        "updated_at": now,
    }


def _ids(id_column: str, row: Any, rating: RatingApplied) -> dict[str, str]:
    return {id_column: str(getattr(row, id_column)), "period": rating.period}
