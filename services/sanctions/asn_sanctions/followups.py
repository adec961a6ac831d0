"""Stored follow-ups of one (nip, period) brought in line with the decision on its newest rating.

A period has at most one open coaching case and one granted reward. A superseding rating (after a
keberatan, PP 30/2019 Pasal 59) that calls for the same kind of follow-up revises the record in
place and announces nothing new; one that no longer calls for it cancels the record; one that
calls for another kind cancels the old record and starts the new one.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from asn_shared.catalog import EventData
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.sanctions_events import CoachingStarted, RewardGranted
from asn_shared.catalog.vocabulary import Predikat
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger

from . import domain
from .domain import CaseStatus, Decision, FollowUp, RewardStatus
from .repository import SanctionsRepository

log = get_logger(__name__)

Emit = Callable[[EventData], Awaitable[CloudEvent]]

# Ids derive from the rating that opened the record, so rebuilding this database by replaying the
# audit stream gives every case and reward the id already published.
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


async def reconcile(
    repo: SanctionsRepository, rating: RatingApplied, decision: Decision, emit: Emit, now: datetime
) -> None:
    case = await repo.open_case(rating.nip, rating.period)
    reward = await repo.granted_reward(rating.nip, rating.period)
    if case is not None and decision.kind is not FollowUp.COACHING:
        await _cancel_case(repo, case, rating, now)
    if reward is not None and decision.kind is not FollowUp.REWARD:
        await _cancel_reward(repo, reward, rating, now)
    if decision.kind is FollowUp.COACHING:
        if case is None:
            await _open_case(repo, rating, decision, emit, now)
        else:
            await _revise_case(repo, case, rating, decision, now)
    elif decision.kind is FollowUp.REWARD:
        if reward is None:
            await _grant_reward(repo, rating, decision, emit, now)
        else:
            await _revise_reward(repo, reward, rating, decision, now)


async def _open_case(
    repo: SanctionsRepository, rating: RatingApplied, decision: Decision, emit: Emit, now: datetime
) -> None:
    assert decision.coaching_type and decision.improvement_deadline  # set for COACHING
    case_id = uuid.uuid5(_ID_NAMESPACE, f"coaching:{rating.event_id}")
    await repo.add_case(
        case_id=case_id,
        nip=rating.nip,
        period=rating.period,
        predikat=rating.predikat.value,
        coaching_type=decision.coaching_type.value,
        started_on=rating.rated_on,
        improvement_deadline=decision.improvement_deadline,
        status=CaseStatus.OPEN.value,
        rated_event_id=rating.event_id,
        legal_basis=list(decision.legal_basis),
        updated_at=now,
    )
    await emit(
        CoachingStarted(
            case_id=str(case_id),
            nip=rating.nip,
            period=rating.period,
            predikat=rating.predikat,
            coaching_type=decision.coaching_type,
            started_on=rating.rated_on,
            improvement_deadline=decision.improvement_deadline,
            legal_basis=list(decision.legal_basis),
        )
    )
    log.info("coaching.opened", case_id=str(case_id), period=rating.period)


async def _revise_case(
    repo: SanctionsRepository, case: Any, rating: RatingApplied, decision: Decision, now: datetime
) -> None:
    # The improvement window keeps running from the first rating: an objection that confirms
    # coaching does not buy six more months, and the ASN was already told the deadline.
    assert decision.coaching_type
    await repo.update_case(
        case.case_id,
        predikat=rating.predikat.value,
        coaching_type=decision.coaching_type.value,
        legal_basis=list(decision.legal_basis),
        rated_event_id=rating.event_id,
        updated_at=now,
    )
    log.info("coaching.revised_by_supersession", case_id=str(case.case_id), period=rating.period)


async def _cancel_case(
    repo: SanctionsRepository, case: Any, rating: RatingApplied, now: datetime
) -> None:
    # No event announces the cancellation yet: closing a case is CoachingCompleted, which comes
    # with the improvement-window timers (issue 5). Until then it shows only in the HTTP query.
    await repo.update_case(
        case.case_id,
        status=CaseStatus.CANCELLED_BY_SUPERSESSION.value,
        cancelled_by_event_id=rating.event_id,
        updated_at=now,
    )
    log.info("coaching.cancelled_by_supersession", case_id=str(case.case_id), period=rating.period)


async def _grant_reward(
    repo: SanctionsRepository, rating: RatingApplied, decision: Decision, emit: Emit, now: datetime
) -> None:
    assert decision.reward_type and decision.recommendation  # set for REWARD
    reward_id = uuid.uuid5(_ID_NAMESPACE, f"reward:{rating.event_id}")
    await repo.add_reward(
        reward_id=reward_id,
        nip=rating.nip,
        period=rating.period,
        predikat=rating.predikat.value,
        reward_type=decision.reward_type.value,
        granted_on=rating.rated_on,
        recommendation=decision.recommendation,
        status=RewardStatus.GRANTED.value,
        rated_event_id=rating.event_id,
        legal_basis=list(decision.legal_basis),
        updated_at=now,
    )
    await emit(
        RewardGranted(
            reward_id=str(reward_id),
            nip=rating.nip,
            period=rating.period,
            predikat=rating.predikat,
            reward_type=decision.reward_type,
            granted_on=rating.rated_on,
            recommendation=decision.recommendation,
            legal_basis=list(decision.legal_basis),
        )
    )
    log.info("reward.granted", reward_id=str(reward_id), period=rating.period)


async def _revise_reward(
    repo: SanctionsRepository, reward: Any, rating: RatingApplied, decision: Decision, now: datetime
) -> None:
    await repo.update_reward(
        reward.reward_id,
        predikat=rating.predikat.value,
        legal_basis=list(decision.legal_basis),
        rated_event_id=rating.event_id,
        updated_at=now,
    )
    log.info(
        "reward.revised_by_supersession", reward_id=str(reward.reward_id), period=rating.period
    )


async def _cancel_reward(
    repo: SanctionsRepository, reward: Any, rating: RatingApplied, now: datetime
) -> None:
    # The catalog has no event for a withdrawn reward; the cancellation shows in the HTTP query.
    await repo.update_reward(
        reward.reward_id,
        status=RewardStatus.CANCELLED_BY_SUPERSESSION.value,
        cancelled_by_event_id=rating.event_id,
        updated_at=now,
    )
    log.info(
        "reward.cancelled_by_supersession", reward_id=str(reward.reward_id), period=rating.period
    )
