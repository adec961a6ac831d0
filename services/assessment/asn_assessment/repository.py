"""Reads and writes of the assessment tables, inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .models import assessments, ratings


class AssessmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_assessment(self, **values: Any) -> int:
        result = await self._session.execute(assessments.insert().values(**values))
        return int(result.inserted_primary_key[0])

    async def current_rating(self, nip: str, period: str) -> Any | None:
        result = await self._session.execute(
            select(ratings)
            .where(ratings.c.nip == nip, ratings.c.period == period, ratings.c.superseded_by.is_(None))
            .order_by(ratings.c.id.desc())
            .limit(1)
        )
        return result.first()

    async def add_rating(self, **values: Any) -> None:
        await self._session.execute(ratings.insert().values(**values))

    async def supersede(self, rating_id: int, by_event_id: str) -> None:
        await self._session.execute(
            update(ratings).where(ratings.c.id == rating_id).values(superseded_by=by_event_id)
        )

    async def history(self, nip: str) -> list[Any]:
        result = await self._session.execute(
            select(ratings).where(ratings.c.nip == nip).order_by(ratings.c.period, ratings.c.id)
        )
        return list(result.all())
