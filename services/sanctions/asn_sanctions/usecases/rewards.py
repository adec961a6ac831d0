"""Rewards and training recommendations of one (nip, period) brought in line with the decision
on its newest rating (PP 30/2019 Pasal 53-55; followups.py has the rules of supersession).

A superseding rating that no longer calls for a reward or recommendation cancels it without an
event (the catalog has no withdrawal event; the HTTP query shows it); one still called for is
revised in place; one newly called for is granted and announced.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from asn_shared.catalog.sanctions_events import RewardGranted, RewardType, TrainingRecommended
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import SanctionsUnitOfWork
from ..domain.follow_up import (
    RatingApplied,
    RewardDecision,
    RewardStatus,
    TrainingDecision,
    TrainingStatus,
    record_id,
)

log = get_logger(__name__)


# -- rewards -------------------------------------------------------------------------------------


async def reconcile_rewards(
    uow: SanctionsUnitOfWork, rating: RatingApplied, wanted: tuple[RewardDecision, ...]
) -> None:
    repo, now = uow.follow_ups, uow.now
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
            await _grant_reward(uow, rating, reward)
            continue
        await repo.update_reward(row.reward_id, **_revised(rating, reward.legal_basis, now))
        log.info("reward.revised_by_supersession", **_ids("reward_id", row, rating))


async def _grant_reward(
    uow: SanctionsUnitOfWork, rating: RatingApplied, reward: RewardDecision
) -> None:
    # The penghargaan keeps the id form it was first published with; other types add theirs.
    if reward.reward_type is RewardType.PENGHARGAAN:
        key = f"reward:{rating.event_id}"
    else:
        key = f"reward:{reward.reward_type.value}:{rating.event_id}"
    reward_id = record_id(key)
    await uow.follow_ups.add_reward(
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
        updated_at=uow.now,
    )
    await uow.emit(
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


async def reconcile_trainings(
    uow: SanctionsUnitOfWork, rating: RatingApplied, wanted: tuple[TrainingDecision, ...]
) -> None:
    repo, now = uow.follow_ups, uow.now
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
            await _recommend_training(uow, rating, training)
            continue
        values = _revised(rating, training.legal_basis, now)
        await repo.update_training(row.recommendation_id, **values)
        log.info("training.revised_by_supersession", **_ids("recommendation_id", row, rating))


async def _recommend_training(
    uow: SanctionsUnitOfWork, rating: RatingApplied, training: TrainingDecision
) -> None:
    recommendation_id = record_id(f"training:{training.kind.value}:{rating.event_id}")
    await uow.follow_ups.add_training(
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
        updated_at=uow.now,
    )
    await uow.emit(
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


def _revised(rating: RatingApplied, legal_basis: tuple[str, ...], now: datetime) -> dict[str, Any]:
    # Still warranted: the record now reflects the newer rating; the grant date and id stay.
    return {
        "predikat": rating.predikat.value,
        "legal_basis": list(legal_basis),
        "rated_event_id": rating.event_id,
        "updated_at": now,
    }


def _cancelled(rating: RatingApplied, now: datetime) -> dict[str, Any]:
    return {
        "status": RewardStatus.CANCELLED_BY_SUPERSESSION.value,
        "cancelled_by_event_id": rating.event_id,
        "updated_at": now,
    }


def _ids(id_column: str, row: Any, rating: RatingApplied) -> dict[str, str]:
    return {id_column: str(getattr(row, id_column)), "period": rating.period}
