"""Reads and writes of the complaint tables, inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import CursorResult, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .records import Complaint, optional_record
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
        result = await self._session.execute(complaints.insert().values(**values))
        # execute() is typed as returning Result; an INSERT's is a CursorResult, with the new key.
        assert isinstance(result, CursorResult), type(result)
        key = result.inserted_primary_key
        if key is None:  # only for an executemany or a table without a primary key
            raise RuntimeError("the complaint's insert returned no primary key")
        return int(key[0])

    async def count_by_status(self, unit_id: str) -> dict[str, int]:
        result = await self._session.execute(
            select(complaints.c.status, func.count())
            .where(complaints.c.unit_id == unit_id)
            .group_by(complaints.c.status)
        )
        return {status: int(count) for status, count in result.all()}
