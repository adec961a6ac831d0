"""Organisation ratings, period closes, objections and annual documents."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.records import optional_record, record

from ..domain.statuses import FILED
from .records import AnnualDocumentRecord, Objection, OrganizationRating, PeriodClose
from .tables import annual_documents, objections, organization_ratings, period_closes


class CycleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def organization_rating(self, unit_id: str, period: str) -> OrganizationRating | None:
        key = (organization_ratings.c.unit_id == unit_id) & (
            organization_ratings.c.period == period
        )
        row = (await self._session.execute(select(organization_ratings).where(key))).first()
        return optional_record(OrganizationRating, row)

    async def save_organization_rating(self, unit_id: str, period: str, **values: object) -> None:
        if await self.organization_rating(unit_id, period) is None:
            await self._session.execute(
                organization_ratings.insert().values(unit_id=unit_id, period=period, **values)
            )
            return
        key = (organization_ratings.c.unit_id == unit_id) & (
            organization_ratings.c.period == period
        )
        await self._session.execute(update(organization_ratings).where(key).values(**values))

    async def period_close(self, unit_id: str, period: str) -> PeriodClose | None:
        key = (period_closes.c.unit_id == unit_id) & (period_closes.c.period == period)
        row = (await self._session.execute(select(period_closes).where(key))).first()
        return optional_record(PeriodClose, row)

    async def add_period_close(self, **values: object) -> None:
        await self._session.execute(period_closes.insert().values(**values))

    async def objection(self, objection_id: str, *, for_update: bool = False) -> Objection | None:
        query = select(objections).where(objections.c.id == objection_id)
        if for_update:
            query = query.with_for_update()
        return optional_record(Objection, (await self._session.execute(query)).first())

    async def open_objection(self, nip: str, period: str) -> Objection | None:
        query = select(objections).where(
            objections.c.nip == nip,
            objections.c.period == period,
            objections.c.status == FILED,
        )
        return optional_record(Objection, (await self._session.execute(query)).first())

    async def add_objection(self, **values: object) -> None:
        await self._session.execute(objections.insert().values(**values))

    async def decide_objection(self, objection_id: str, **values: object) -> None:
        await self._session.execute(
            update(objections).where(objections.c.id == objection_id).values(**values)
        )

    async def annual_document(
        self, nip: str, period: str, *, for_update: bool = False
    ) -> AnnualDocumentRecord | None:
        key = (annual_documents.c.nip == nip) & (annual_documents.c.period == period)
        query = select(annual_documents).where(key)
        if for_update:
            query = query.with_for_update()
        return optional_record(AnnualDocumentRecord, (await self._session.execute(query)).first())

    async def add_annual_document(self, **values: object) -> None:
        await self._session.execute(annual_documents.insert().values(**values))

    async def update_annual_document(self, nip: str, period: str, **values: object) -> None:
        key = (annual_documents.c.nip == nip) & (annual_documents.c.period == period)
        await self._session.execute(update(annual_documents).where(key).values(**values))

    async def unit_documents(self, unit_id: str, period: str) -> list[AnnualDocumentRecord]:
        query = (
            select(annual_documents)
            .where(annual_documents.c.unit_id == unit_id, annual_documents.c.period == period)
            .order_by(annual_documents.c.nip)
        )
        rows = (await self._session.execute(query)).all()
        return [record(AnnualDocumentRecord, row) for row in rows]
