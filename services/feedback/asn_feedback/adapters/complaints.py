"""Reads and writes of the complaint tables, inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.records import inserted_id, optional_record

from .records import Complaint
from .tables import complaints


class ComplaintRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find(self, channel: str, complaint_id: str) -> Complaint | None:
        result = await self._session.execute(
            select(complaints).where(
                complaints.c.channel == channel, complaints.c.complaint_id == complaint_id
            )
        )
        return optional_record(Complaint, result.first())

    async def add(self, **values: object) -> int:
        return await inserted_id(self._session, complaints.insert().values(**values))

    async def count_by_status(self, unit_id: str) -> dict[str, int]:
        result = await self._session.execute(
            select(complaints.c.status, func.count())
            .where(complaints.c.unit_id == unit_id)
            .group_by(complaints.c.status)
        )
        return {status: int(count) for status, count in result.all()}
