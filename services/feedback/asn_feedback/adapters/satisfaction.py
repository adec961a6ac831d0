"""Reads and writes of SKM questionnaires, measurements and citizens' ratings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.catalog.vocabulary import SkmUnsur
from asn_shared.persistence.locks import lock_row
from asn_shared.persistence.records import optional_record, record
from asn_shared.persistence.timestamps import as_utc

from ..domain.complaints import JAKARTA
from .records import Measurement, OfficerComplaint, UnitComplaint
from .tables import (
    citizen_feedback_locks,
    citizen_ratings,
    complaint_deadlines_missed,
    complaints,
    satisfaction_measurements,
    survey_responses,
)


def _jakarta_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), JAKARTA).astimezone(UTC)


class SatisfactionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_survey_response(self, **values: object) -> None:
        await self._session.execute(survey_responses.insert().values(**values))

    async def questionnaires(
        self, unit_id: str, period: str, service_name: str | None
    ) -> tuple[list[dict[SkmUnsur, int]], int]:
        """The complete questionnaires' answers, and how many incomplete ones were set aside."""
        query = select(survey_responses.c.answers, survey_responses.c.complete).where(
            survey_responses.c.unit_id == unit_id, survey_responses.c.period == period
        )
        if service_name is not None:
            query = query.where(survey_responses.c.service_name == service_name)
        rows = (await self._session.execute(query)).all()
        # Stored as JSON, keyed by the elements' names.
        complete = [{SkmUnsur(k): int(v) for k, v in r.answers.items()} for r in rows if r.complete]
        return complete, sum(1 for r in rows if not r.complete)

    async def add_measurement(self, **values: object) -> None:
        await self._session.execute(satisfaction_measurements.insert().values(**values))

    async def latest_measurement(self, unit_id: str, period: str) -> Measurement | None:
        """The newest measurement of all the unit's services for the period."""
        query = (
            select(satisfaction_measurements)
            .where(
                satisfaction_measurements.c.unit_id == unit_id,
                satisfaction_measurements.c.period == period,
                satisfaction_measurements.c.service_name.is_(None),
            )
            .order_by(satisfaction_measurements.c.id.desc())
            .limit(1)
        )
        found = optional_record(Measurement, (await self._session.execute(query)).first())
        # aware, as PostgreSQL hands it back (SQLite: naive UTC)
        return None if found is None else replace(found, measured_at=as_utc(found.measured_at))

    async def lock_officer(self, nip: str) -> None:
        """Hold the officer's lock row until commit."""
        locks = citizen_feedback_locks
        await lock_row(
            self._session,
            locks,
            {"nip": nip},
            initial={"version": 1},
            touch={"version": locks.c.version + 1},
        )

    async def add_citizen_rating(self, **values: object) -> None:
        await self._session.execute(citizen_ratings.insert().values(**values))

    async def rating_stats(self, nip: str, start: date, end: date) -> tuple[int, float | None]:
        query = select(func.count(), func.avg(citizen_ratings.c.score)).where(
            citizen_ratings.c.nip == nip,
            citizen_ratings.c.served_on >= start,
            citizen_ratings.c.served_on < end,
        )
        count, average = (await self._session.execute(query)).one()
        return int(count), (float(average) if average is not None else None)

    async def complaints_about(self, nip: str, start: date, end: date) -> list[OfficerComplaint]:
        """Complaints naming the officer, received in [start, end) on the Jakarta calendar."""
        query = select(complaints.c.decision, complaints.c.unit_id).where(
            complaints.c.subject_nip == nip,
            complaints.c.received_at >= _jakarta_midnight(start),
            complaints.c.received_at < _jakarta_midnight(end),
        )
        return [record(OfficerComplaint, r) for r in (await self._session.execute(query)).all()]

    async def complaints_of_unit(self, unit_id: str, start: date, end: date) -> list[UnitComplaint]:
        """The unit's complaints received in [start, end): status and decision dates only."""
        query = select(
            complaints.c.id,
            complaints.c.status,
            complaints.c.decision,
            complaints.c.complete_on,
            complaints.c.decided_on,
        ).where(
            complaints.c.unit_id == unit_id,
            complaints.c.received_at >= _jakarta_midnight(start),
            complaints.c.received_at < _jakarta_midnight(end),
        )
        return [record(UnitComplaint, r) for r in (await self._session.execute(query)).all()]

    async def missed_deadlines(self, complaint_pks: list[int]) -> dict[str, int]:
        missed = complaint_deadlines_missed
        query = (
            select(missed.c.deadline, func.count())
            .where(missed.c.complaint_pk.in_(complaint_pks))
            .group_by(missed.c.deadline)
        )
        return {d: int(n) for d, n in (await self._session.execute(query)).all()}
