"""People and evidence: profiles, indicator measurements, continuous feedback, citizen summaries.

Profiles and summaries keep the newest by event time (asn_shared.persistence.newest), safe
against the consumer's concurrent deliveries on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.newest import keep_newest
from asn_shared.persistence.records import inserted_id, optional_record, record

from .records import CitizenFeedback, Employee, FeedbackNote, Measurement
from .tables import citizen_feedback, employees, feedback_notes, measurements


class EvidenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def employee(self, nip: str) -> Employee | None:
        query = select(employees).where(employees.c.nip == nip)
        return optional_record(Employee, (await self._session.execute(query)).first())

    async def unit_members(self, unit_id: str) -> list[Employee]:
        result = await self._session.execute(
            select(employees).where(employees.c.unit_id == unit_id).order_by(employees.c.nip)
        )
        return [record(Employee, row) for row in result.all()]

    async def save_employee(self, values: Mapping[str, object], profile_time: datetime) -> bool:
        """Keep the newest profile; False when an older one arrived late and was ignored."""
        row = {**values, "profile_time": profile_time}
        return await keep_newest(
            self._session, employees, {"nip": row["nip"]}, row, time_column="profile_time"
        )

    async def add_measurement(self, **values: object) -> None:
        await self._session.execute(measurements.insert().values(**values))

    async def measurements_in(self, nip: str, periods: list[str]) -> list[Measurement]:
        """Oldest first, so the last row per indicator is its latest realisation."""
        result = await self._session.execute(
            select(measurements)
            .where(measurements.c.nip == nip, measurements.c.period.in_(periods))
            .order_by(measurements.c.measured_at, measurements.c.id)
        )
        return [record(Measurement, row) for row in result.all()]

    async def add_feedback_note(self, **values: object) -> int:
        return await inserted_id(self._session, feedback_notes.insert().values(**values))

    async def feedback_notes_of(self, nip: str, period: str) -> list[FeedbackNote]:
        result = await self._session.execute(
            select(feedback_notes)
            .where(feedback_notes.c.nip == nip, feedback_notes.c.period == period)
            .order_by(feedback_notes.c.created_at, feedback_notes.c.id)
        )
        return [record(FeedbackNote, row) for row in result.all()]

    async def save_citizen_feedback(self, values: Mapping[str, object]) -> bool:
        """Keep the newest summary of (nip, period); False when a newer one is already stored."""
        key = {"nip": values["nip"], "period": values["period"]}
        return await keep_newest(
            self._session, citizen_feedback, key, dict(values), time_column="summarized_at"
        )

    async def citizen_feedback_of(self, nip: str, period: str) -> CitizenFeedback | None:
        key = (citizen_feedback.c.nip == nip) & (citizen_feedback.c.period == period)
        row = (await self._session.execute(select(citizen_feedback).where(key))).first()
        return optional_record(CitizenFeedback, row)
