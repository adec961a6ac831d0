"""A unit's service over periods: its SKM results and its substantiated complaints."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.inserts import insert_once
from asn_shared.persistence.newest import keep_newest

from .tables import substantiated_complaints, unit_service_measures


class UnitServiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_substantiated_complaint(self, **values: Any) -> None:
        """Count a complaint once, however often its resolution is delivered."""
        table = substantiated_complaints
        await insert_once(self._session, table, values, ["channel", "complaint_id"])

    async def save_measure(self, key: dict[str, Any], **values: Any) -> bool:
        """Keep the newest measure of (unit, service, period); False when it is older."""
        return await keep_newest(
            self._session, unit_service_measures, key, values, time_column="measured_at"
        )

    async def measures(self, unit_id: str, service_key: str) -> list[Any]:
        """The unit's SKM results of one service ("" for all of them), in no order."""
        table = unit_service_measures
        rows = await self._session.execute(
            select(table).where(table.c.unit_id == unit_id, table.c.service_key == service_key)
        )
        return list(rows)

    async def substantiated_between(self, unit_id: str, start: date, end: date) -> int:
        table = substantiated_complaints
        query = select(func.count()).where(
            table.c.unit_id == unit_id, table.c.decided_on.between(start, end)
        )
        return int((await self._session.execute(query)).scalar_one())
