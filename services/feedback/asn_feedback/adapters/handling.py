"""Reads and writes of complaint handling: steps, missed deadlines, officials."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.records import optional_record, record
from asn_shared.persistence.timestamps import as_utc

from ..domain.complaints import local_date
from ..domain.lifecycle import FINAL, Clock
from .records import Complaint, Officials
from .tables import (
    complaint_deadlines_missed,
    complaint_steps,
    complaints,
    unit_officials,
)


def received_on(row: Complaint) -> date:
    """The Jakarta date a stored complaint was received (SQLite hands the time back naive)."""
    return local_date(as_utc(row.received_at))


def clock_of(row: Complaint) -> Clock:
    """The dates a stored complaint's handling reached, as the domain's deadlines read them."""
    return Clock(
        received_on=received_on(row),
        responded_on=row.responded_on,
        complete_on=row.complete_on,
        disposed_on=row.disposed_on,
        followed_up_on=row.followed_up_on,
        decided_on=row.decided_on,
        notified_on=row.notified_on,
        incomplete_on=row.incomplete_on,
    )


class HandlingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def complaint(self, channel: str, complaint_id: str) -> Complaint | None:
        """The complaint, locked for the step being taken."""
        query = (
            select(complaints)
            .where(complaints.c.channel == channel, complaints.c.complaint_id == complaint_id)
            .with_for_update()
        )
        return optional_record(Complaint, (await self._session.execute(query)).first())

    async def open_complaints(self) -> list[Complaint]:
        query = select(complaints).where(complaints.c.status.not_in([s.value for s in FINAL]))
        rows = (await self._session.execute(query.order_by(complaints.c.id))).all()
        return [record(Complaint, r) for r in rows]

    async def update(self, pk: int, **values: object) -> None:
        await self._session.execute(
            update(complaints).where(complaints.c.id == pk).values(**values)
        )

    async def add_step(self, **values: object) -> None:
        await self._session.execute(complaint_steps.insert().values(**values))

    async def missed_recorded(self, pk: int) -> set[tuple[str, date]]:
        query = select(
            complaint_deadlines_missed.c.deadline, complaint_deadlines_missed.c.due_date
        ).where(complaint_deadlines_missed.c.complaint_pk == pk)
        return {(d, due) for d, due in (await self._session.execute(query)).all()}

    async def record_missed(self, **values: object) -> None:
        await self._session.execute(complaint_deadlines_missed.insert().values(**values))

    async def officials(self, unit_id: str) -> Officials | None:
        query = select(unit_officials).where(unit_officials.c.unit_id == unit_id)
        return optional_record(Officials, (await self._session.execute(query)).first())

    async def save_officials(self, **values: object) -> None:
        await self._session.execute(
            delete(unit_officials).where(unit_officials.c.unit_id == values["unit_id"])
        )
        await self._session.execute(unit_officials.insert().values(**values))
