"""Reads and writes of the complaint tables, inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import complaints


class ComplaintRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find(self, channel: str, complaint_id: str) -> Any | None:
        result = await self._session.execute(
            select(complaints).where(
                complaints.c.channel == channel, complaints.c.complaint_id == complaint_id
            )
        )
        return result.first()

    async def add(self, **values: Any) -> int:
        result = await self._session.execute(complaints.insert().values(**values))
        return int(result.inserted_primary_key[0])

    async def count_by_status(self, unit_id: str) -> dict[str, int]:
        result = await self._session.execute(
            select(complaints.c.status, func.count())
            .where(complaints.c.unit_id == unit_id)
            .group_by(complaints.c.status)
        )
        return {status: int(count) for status, count in result.all()}
