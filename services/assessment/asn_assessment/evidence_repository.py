"""People and evidence: profiles, indicator measurements, continuous feedback, citizen summaries.

Upserts are select-then-write so they run the same on SQLite and PostgreSQL; a concurrent insert
of the same key fails with IntegrityError, which the consumer retries.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.timestamps import as_utc

from .models import citizen_feedback, employees, feedback_notes, measurements


class EvidenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def employee(self, nip: str) -> Any | None:
        return (
            await self._session.execute(select(employees).where(employees.c.nip == nip))
        ).first()

    async def unit_members(self, unit_id: str) -> list[Any]:
        result = await self._session.execute(
            select(employees).where(employees.c.unit_id == unit_id).order_by(employees.c.nip)
        )
        return list(result.all())

    async def save_employee(self, values: dict[str, Any], profile_time: datetime) -> bool:
        """Keep the newest profile; False when an older one arrived late and was ignored."""
        current = await self.employee(values["nip"])
        if current is None:
            await self._session.execute(
                employees.insert().values(**values, profile_time=profile_time)
            )
            return True
        if as_utc(current.profile_time) > as_utc(profile_time):
            return False
        await self._session.execute(
            update(employees)
            .where(employees.c.nip == values["nip"])
            .values(**values, profile_time=profile_time)
        )
        return True

    async def add_measurement(self, **values: Any) -> None:
        await self._session.execute(measurements.insert().values(**values))

    async def measurements_in(self, nip: str, periods: list[str]) -> list[Any]:
        """Oldest first, so the last row per indicator is its latest realisation."""
        result = await self._session.execute(
            select(measurements)
            .where(measurements.c.nip == nip, measurements.c.period.in_(periods))
            .order_by(measurements.c.measured_at, measurements.c.id)
        )
        return list(result.all())

    async def add_feedback_note(self, **values: Any) -> int:
        result = await self._session.execute(feedback_notes.insert().values(**values))
        return int(result.inserted_primary_key[0])

    async def feedback_notes_of(self, nip: str, period: str) -> list[Any]:
        result = await self._session.execute(
            select(feedback_notes)
            .where(feedback_notes.c.nip == nip, feedback_notes.c.period == period)
            .order_by(feedback_notes.c.created_at, feedback_notes.c.id)
        )
        return list(result.all())

    async def save_citizen_feedback(self, values: dict[str, Any]) -> bool:
        key = (citizen_feedback.c.nip == values["nip"]) & (
            citizen_feedback.c.period == values["period"]
        )
        current = (await self._session.execute(select(citizen_feedback).where(key))).first()
        if current is None:
            await self._session.execute(citizen_feedback.insert().values(**values))
            return True
        if as_utc(current.summarized_at) > as_utc(values["summarized_at"]):
            return False
        await self._session.execute(update(citizen_feedback).where(key).values(**values))
        return True

    async def citizen_feedback_of(self, nip: str, period: str) -> Any | None:
        key = (citizen_feedback.c.nip == nip) & (citizen_feedback.c.period == period)
        return (await self._session.execute(select(citizen_feedback).where(key))).first()
