"""Reads and writes of complaint handling: steps, missed deadlines, officials."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .lifecycle import FINAL
from .models import (
    complaint_deadlines_missed,
    complaint_steps,
    complaints,
    unit_officials,
)


class HandlingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def complaint(self, channel: str, complaint_id: str) -> Any | None:
        query = (
            select(complaints)
            .where(complaints.c.channel == channel, complaints.c.complaint_id == complaint_id)
            .with_for_update()
        )
        return (await self._session.execute(query)).first()

    async def open_complaints(self) -> list[Any]:
        query = select(complaints).where(complaints.c.status.not_in([s.value for s in FINAL]))
        return list((await self._session.execute(query.order_by(complaints.c.id))).all())

    async def update(self, pk: int, **values: Any) -> None:
        await self._session.execute(
            update(complaints).where(complaints.c.id == pk).values(**values)
        )

    async def add_step(self, **values: Any) -> None:
        await self._session.execute(complaint_steps.insert().values(**values))

    async def missed_recorded(self, pk: int) -> set[tuple[str, date]]:
        query = select(
            complaint_deadlines_missed.c.deadline, complaint_deadlines_missed.c.due_date
        ).where(complaint_deadlines_missed.c.complaint_pk == pk)
        return {(d, due) for d, due in (await self._session.execute(query)).all()}

    async def record_missed(self, **values: Any) -> None:
        await self._session.execute(complaint_deadlines_missed.insert().values(**values))

    async def officials(self, unit_id: str) -> Any | None:
        query = select(unit_officials).where(unit_officials.c.unit_id == unit_id)
        return (await self._session.execute(query)).first()

    async def save_officials(self, **values: Any) -> None:
        await self._session.execute(
            delete(unit_officials).where(unit_officials.c.unit_id == values["unit_id"])
        )
        await self._session.execute(unit_officials.insert().values(**values))
