"""Reads and writes of SKP plans, their RHK and IKI, and the record of their changes."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.records import optional_record, record

from .records import Indicator, Plan, PlanChange, PlannedIndicator, Rhk
from .tables import indicators, plan_changes, plans, rhk

Row = dict[str, object]


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, plan_id: str, *, for_update: bool = False) -> Plan | None:
        query = select(plans).where(plans.c.id == plan_id)
        if for_update:
            query = query.with_for_update()
        return optional_record(Plan, (await self._session.execute(query)).first())

    async def for_period(self, nip: str, period: str) -> Plan | None:
        query = select(plans).where(plans.c.nip == nip, plans.c.period == period)
        return optional_record(Plan, (await self._session.execute(query)).first())

    async def add(self, **values: object) -> None:
        await self._session.execute(plans.insert().values(**values))

    async def update(self, plan_id: str, **values: object) -> None:
        await self._session.execute(update(plans).where(plans.c.id == plan_id).values(**values))

    async def replace_items(
        self, plan_id: str, rhk_rows: list[Row], indicator_rows: list[Row]
    ) -> None:
        await self._session.execute(delete(indicators).where(indicators.c.plan_id == plan_id))
        await self._session.execute(delete(rhk).where(rhk.c.plan_id == plan_id))
        if rhk_rows:
            await self._session.execute(rhk.insert(), rhk_rows)
        if indicator_rows:
            await self._session.execute(indicators.insert(), indicator_rows)

    async def items(self, plan_id: str) -> tuple[list[Rhk], list[Indicator]]:
        rhk_rows = await self._session.execute(
            select(rhk).where(rhk.c.plan_id == plan_id).order_by(rhk.c.position)
        )
        iki_rows = await self._session.execute(
            select(indicators).where(indicators.c.plan_id == plan_id).order_by(indicators.c.id)
        )
        return (
            [record(Rhk, row) for row in rhk_rows.all()],
            [record(Indicator, row) for row in iki_rows.all()],
        )

    async def indicator_owners(self, indicator_ids: list[str]) -> dict[str, str]:
        """{indicator id: plan id} of ids already used by any plan."""
        result = await self._session.execute(
            select(indicators.c.id, indicators.c.plan_id).where(indicators.c.id.in_(indicator_ids))
        )
        return {indicator_id: plan_id for indicator_id, plan_id in result.all()}

    async def rhk_exists(self, rhk_id: str) -> bool:
        return (
            await self._session.execute(select(rhk.c.id).where(rhk.c.id == rhk_id))
        ).first() is not None

    async def indicator(self, indicator_id: str) -> PlannedIndicator | None:
        query = (
            select(indicators, rhk.c.jenis, plans.c.nip, plans.c.period, plans.c.status)
            .join(rhk, rhk.c.id == indicators.c.rhk_id)
            .join(plans, plans.c.id == indicators.c.plan_id)
            .where(indicators.c.id == indicator_id)
        )
        return optional_record(PlannedIndicator, (await self._session.execute(query)).first())

    async def add_change(self, **values: object) -> None:
        await self._session.execute(plan_changes.insert().values(**values))

    async def changes(self, plan_id: str) -> list[PlanChange]:
        result = await self._session.execute(
            select(plan_changes)
            .where(plan_changes.c.plan_id == plan_id)
            .order_by(plan_changes.c.id)
        )
        return [record(PlanChange, row) for row in result.all()]
