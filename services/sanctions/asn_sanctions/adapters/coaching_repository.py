"""Reads and writes of coaching cases past their window and of rotation recommendations."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.inserts import insert_once

from ..domain.coaching.chain import Stage
from .tables import coaching_cases, ratings_received, rotation_recommendations


class CoachingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def case(self, case_id: uuid.UUID, *, lock: bool = False) -> Any | None:
        query = select(coaching_cases).where(coaching_cases.c.case_id == case_id)
        if lock:
            query = query.with_for_update()
        return (await self._session.execute(query)).first()

    async def update_case(self, case_id: uuid.UUID, **values: Any) -> None:
        await self._session.execute(
            update(coaching_cases).where(coaching_cases.c.case_id == case_id).values(**values)
        )

    async def awaiting_rating(self, nip: str, other_than_period: str) -> list[Any]:
        """The ASN's cases whose window ended with no later rating, of other periods."""
        result = await self._session.execute(
            select(coaching_cases)
            .where(
                coaching_cases.c.nip == nip,
                coaching_cases.c.period != other_than_period,
                coaching_cases.c.status == Stage.AWAITING_RATING.value,
            )
            .with_for_update()
        )
        return list(result.all())

    async def rated_at(self, rated_event_id: str) -> datetime | None:
        result = await self._session.execute(
            select(ratings_received.c.rated_at).where(
                ratings_received.c.rated_event_id == rated_event_id
            )
        )
        return result.scalar()

    async def newest_rating_after(self, nip: str, period: str, after: datetime) -> Any | None:
        """The newest applied rating of another period set after `after`: the re-evaluation."""
        result = await self._session.execute(
            select(ratings_received)
            .where(
                ratings_received.c.nip == nip,
                ratings_received.c.period != period,
                ratings_received.c.applied.is_(True),
                ratings_received.c.rated_at > after,
            )
            .order_by(ratings_received.c.rated_at.desc())
            .limit(1)
        )
        return result.first()

    async def add_rotation(self, **values: Any) -> bool:
        """Record a recommendation once (its id derives from its cause); True if new."""
        return await insert_once(
            self._session, rotation_recommendations, values, ["recommendation_id"]
        )

    async def rotations(self, *, nip: str | None = None, unit_id: str | None = None) -> list[Any]:
        table = rotation_recommendations
        query = select(table).order_by(table.c.recommended_on, table.c.created_at)
        if nip is not None:
            query = query.where(table.c.nip == nip)
        if unit_id is not None:
            query = query.where(table.c.unit_id == unit_id)
        return list((await self._session.execute(query)).all())
