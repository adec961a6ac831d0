"""Reads and writes of a rating's follow-ups (ratings received, coaching cases, rewards,
training recommendations), inside the caller's transaction."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.locks import lock_row

from ..domain.coaching.chain import LIVE, Stage
from ..domain.follow_up import RewardStatus, TrainingStatus
from .tables import (
    coaching_cases,
    employee_locks,
    ratings_received,
    rewards,
    training_recommendations,
)


class FollowUpRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    # -- ratings received -----------------------------------------------------------------------

    async def lock_employee(self, nip: str) -> None:
        """Hold the ASN until commit: their ratings, of any period, apply one at a time."""
        await lock_row(self._session, employee_locks, {"nip": nip})

    async def rating(self, rated_event_id: str) -> Any | None:
        result = await self._session.execute(
            select(ratings_received).where(ratings_received.c.rated_event_id == rated_event_id)
        )
        return result.first()

    async def superseding(self, rated_event_id: str, nip: str, period: str) -> Any | None:
        """A rating already received that names this one in its `supersedes`."""
        result = await self._session.execute(
            select(ratings_received)
            .where(
                ratings_received.c.supersedes == rated_event_id,
                ratings_received.c.nip == nip,
                ratings_received.c.period == period,
            )
            .limit(1)
        )
        return result.first()

    async def newest_applied(self, nip: str, period: str) -> Any | None:
        result = await self._session.execute(
            select(ratings_received)
            .where(
                ratings_received.c.nip == nip,
                ratings_received.c.period == period,
                ratings_received.c.applied.is_(True),
            )
            .order_by(ratings_received.c.rated_at.desc())
            .limit(1)
        )
        return result.first()

    async def add_rating(self, **values: Any) -> None:
        await self._session.execute(ratings_received.insert().values(**values))

    # -- coaching cases -------------------------------------------------------------------------

    async def current_case(self, nip: str, period: str) -> Any | None:
        """The case of (nip, period) that no keberatan cancelled, whatever its stage."""
        result = await self._session.execute(
            select(coaching_cases).where(
                coaching_cases.c.nip == nip,
                coaching_cases.c.period == period,
                coaching_cases.c.status != Stage.CANCELLED_BY_SUPERSESSION.value,
            )
        )
        return result.first()

    async def live_cases(self, nip: str) -> list[Any]:
        """The ASN's cases still under way (window, re-evaluation, re-test or placement)."""
        result = await self._session.execute(
            select(coaching_cases)
            .where(
                coaching_cases.c.nip == nip,
                coaching_cases.c.status.in_([stage.value for stage in LIVE]),
            )
            .order_by(coaching_cases.c.started_on)
        )
        return list(result.all())

    async def add_case(self, **values: Any) -> None:
        await self._session.execute(coaching_cases.insert().values(**values))

    async def update_case(self, case_id: uuid.UUID, **values: Any) -> None:
        await self._session.execute(
            update(coaching_cases).where(coaching_cases.c.case_id == case_id).values(**values)
        )

    # -- rewards --------------------------------------------------------------------------------

    async def granted_rewards(self, nip: str, period: str) -> list[Any]:
        """The live rewards of a period, at most one of each type."""
        result = await self._session.execute(
            select(rewards).where(
                rewards.c.nip == nip,
                rewards.c.period == period,
                rewards.c.status == RewardStatus.GRANTED.value,
            )
        )
        return list(result.all())

    async def add_reward(self, **values: Any) -> None:
        await self._session.execute(rewards.insert().values(**values))

    async def update_reward(self, reward_id: uuid.UUID, **values: Any) -> None:
        await self._session.execute(
            update(rewards).where(rewards.c.reward_id == reward_id).values(**values)
        )

    # -- training recommendations ---------------------------------------------------------------

    async def granted_trainings(self, nip: str, period: str) -> list[Any]:
        """The live training recommendations of a period, at most one of each kind."""
        table = training_recommendations
        result = await self._session.execute(
            select(table).where(
                table.c.nip == nip,
                table.c.period == period,
                table.c.status == TrainingStatus.GRANTED.value,
            )
        )
        return list(result.all())

    async def add_training(self, **values: Any) -> None:
        await self._session.execute(training_recommendations.insert().values(**values))

    async def update_training(self, recommendation_id: uuid.UUID, **values: Any) -> None:
        table = training_recommendations
        await self._session.execute(
            update(table).where(table.c.recommendation_id == recommendation_id).values(**values)
        )

    # -- queries --------------------------------------------------------------------------------

    async def cases_of(self, nip: str) -> list[Any]:
        result = await self._session.execute(
            select(coaching_cases)
            .where(coaching_cases.c.nip == nip)
            .order_by(coaching_cases.c.period, coaching_cases.c.started_on)
        )
        return list(result.all())

    async def ratings_of(self, nip: str) -> list[Any]:
        result = await self._session.execute(
            select(ratings_received)
            .where(ratings_received.c.nip == nip)
            .order_by(ratings_received.c.period, ratings_received.c.rated_at)
        )
        return list(result.all())

    async def rewards_of(self, nip: str) -> list[Any]:
        result = await self._session.execute(
            select(rewards)
            .where(rewards.c.nip == nip)
            .order_by(rewards.c.period, rewards.c.granted_on, rewards.c.reward_type)
        )
        return list(result.all())

    async def trainings_of(self, nip: str) -> list[Any]:
        table = training_recommendations
        result = await self._session.execute(
            select(table)
            .where(table.c.nip == nip)
            .order_by(table.c.period, table.c.recommended_on, table.c.kind)
        )
        return list(result.all())
