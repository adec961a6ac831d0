"""Reads and writes of assessments and ratings, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.records import inserted_id, optional_record, record

from ..domain.statuses import PUBLISHED, SUPERSEDED
from .records import Assessment, Rating
from .tables import assessments, ratings


class AssessmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_assessment(self, **values: object) -> int:
        return await inserted_id(self._session, assessments.insert().values(**values))

    async def assessments_of(self, nip: str, period: str, roles: Iterable[str]) -> list[Assessment]:
        result = await self._session.execute(
            select(assessments)
            .where(
                assessments.c.nip == nip,
                assessments.c.period == period,
                assessments.c.assessor_role.in_(list(roles)),
            )
            .order_by(assessments.c.submitted_at, assessments.c.id)
        )
        return [record(Assessment, row) for row in result.all()]

    async def current_rating(self, nip: str, period: str) -> Rating | None:
        """The rating in force or waiting to be published: never a superseded one."""
        result = await self._session.execute(
            select(ratings)
            .where(
                ratings.c.nip == nip,
                ratings.c.period == period,
                ratings.c.status != SUPERSEDED,
            )
            .order_by(ratings.c.id.desc())
            .limit(1)
        )
        return optional_record(Rating, result.first())

    async def rating(self, rating_id: int) -> Rating | None:
        query = select(ratings).where(ratings.c.id == rating_id)
        return optional_record(Rating, (await self._session.execute(query)).first())

    async def add_rating(self, **values: object) -> int:
        return await inserted_id(self._session, ratings.insert().values(**values))

    async def update_rating(self, rating_id: int, **values: object) -> None:
        await self._session.execute(
            update(ratings).where(ratings.c.id == rating_id).values(**values)
        )

    async def supersede(self, rating_id: int, by_event_id: str | None) -> None:
        await self.update_rating(rating_id, status=SUPERSEDED, superseded_by=by_event_id)

    async def current_ratings_for(self, nips: Iterable[str], period: str) -> dict[str, Rating]:
        result = await self._session.execute(
            select(ratings).where(
                ratings.c.nip.in_(list(nips)),
                ratings.c.period == period,
                ratings.c.status != SUPERSEDED,
            )
        )
        return {row.nip: record(Rating, row) for row in result.all()}

    async def published_annual(self, nip: str) -> dict[int, str]:
        """{year: predikat} of the ASN's annual ratings in force."""
        result = await self._session.execute(
            select(ratings.c.period, ratings.c.predikat).where(
                ratings.c.nip == nip, ratings.c.status == PUBLISHED
            )
        )
        return {int(p): predikat for p, predikat in result.all() if len(p) == 4}

    async def history(self, nip: str) -> list[Rating]:
        result = await self._session.execute(
            select(ratings).where(ratings.c.nip == nip).order_by(ratings.c.period, ratings.c.id)
        )
        return [record(Rating, row) for row in result.all()]
