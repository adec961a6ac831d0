"""Storage of the discipline workflow: absences, cases, their steps, objections, duty flags."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.inserts import insert_once
from asn_shared.persistence.locks import lock_row
from asn_shared.persistence.newest import keep_newest

from ..domain.discipline.workflow import PUNISHED, UNDECIDED, CaseStatus
from .tables import (
    absences,
    attendance_years,
    case_steps,
    disciplinary_cases,
    duty_flags,
    objections,
)

cases = disciplinary_cases


class DisciplineRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    # -- attendance -----------------------------------------------------------------------------

    async def lock_attendance_year(self, nip: str, year: int) -> Any:
        """The (nip, year) counter row, locked until commit."""
        key = {"nip": nip, "year": year}
        await lock_row(
            self._session, attendance_years, key, initial={"unexcused_days": 0, "longest_run": 0}
        )
        where = (attendance_years.c.nip == nip) & (attendance_years.c.year == year)
        return (await self._session.execute(select(attendance_years).where(where))).one()

    async def save_absence(self, values: dict[str, Any]) -> bool:
        key = {"nip": values["nip"], "day": values["day"]}
        return await keep_newest(self._session, absences, key, values, time_column="reported_at")

    async def unexcused_days(self, nip: str, year: int) -> list[date]:
        result = await self._session.execute(
            select(absences.c.day).where(
                absences.c.nip == nip,
                absences.c.excused.is_(False),
                absences.c.working_day.is_(True),
                absences.c.day >= date(year, 1, 1),
                absences.c.day <= date(year, 12, 31),
            )
        )
        return sorted(result.scalars())

    async def set_attendance_year(self, nip: str, year: int, **values: Any) -> None:
        await self._session.execute(
            update(attendance_years)
            .where(attendance_years.c.nip == nip, attendance_years.c.year == year)
            .values(**values)
        )

    # -- cases ----------------------------------------------------------------------------------

    async def add_case(self, **values: Any) -> bool:
        """False when a case with this trigger_key exists (a redelivered cause opens nothing)."""
        return await insert_once(self._session, cases, values, ["trigger_key"])

    async def case(self, case_id: uuid.UUID, *, lock: bool = False) -> Any | None:
        query = select(cases).where(cases.c.case_id == case_id)
        if lock:
            query = query.with_for_update()
        return (await self._session.execute(query)).first()

    async def update_case(self, case_id: uuid.UUID, **values: Any) -> None:
        await self._session.execute(
            update(cases).where(cases.c.case_id == case_id).values(**values)
        )

    async def awaiting_examiner(self, nip: str) -> list[Any]:
        query = select(cases).where(
            cases.c.nip == nip, cases.c.status == CaseStatus.AWAITING_EXAMINER.value
        )
        return list((await self._session.execute(query)).all())

    async def undecided_of(self, nip: str) -> list[Any]:
        query = select(cases).where(
            cases.c.nip == nip, cases.c.status.in_([s.value for s in UNDECIDED])
        )
        return list((await self._session.execute(query.order_by(cases.c.opened_on))).all())

    async def last_punished(self, nip: str, origin: str, before: uuid.UUID) -> Any | None:
        """The ASN's latest punishment for a violation of the same nature (Pasal 33(2))."""
        query = (
            select(cases)
            .where(
                cases.c.nip == nip,
                cases.c.origin == origin,
                cases.c.case_id != before,
                cases.c.status.in_([s.value for s in PUNISHED]),
            )
            .order_by(cases.c.decided_on.desc())
            .limit(1)
        )
        return (await self._session.execute(query)).first()

    async def cases_of_unit(self, unit_id: str, statuses: list[str] | None) -> list[Any]:
        query = select(cases).where(cases.c.unit_id == unit_id)
        if statuses:
            query = query.where(cases.c.status.in_(statuses))
        return list((await self._session.execute(query.order_by(cases.c.opened_on))).all())

    async def cases_of(self, nip: str) -> list[Any]:
        query = select(cases).where(cases.c.nip == nip).order_by(cases.c.opened_on)
        return list((await self._session.execute(query)).all())

    async def add_step(self, **values: Any) -> None:
        await self._session.execute(case_steps.insert().values(**values))

    async def steps_of(self, case_id: uuid.UUID) -> list[Any]:
        query = select(case_steps).where(case_steps.c.case_id == case_id).order_by(case_steps.c.id)
        return list((await self._session.execute(query)).all())

    # -- objections -----------------------------------------------------------------------------

    async def add_objection(self, **values: Any) -> None:
        await self._session.execute(objections.insert().values(**values))

    async def objection(self, objection_id: uuid.UUID) -> Any | None:
        query = select(objections).where(objections.c.objection_id == objection_id)
        return (await self._session.execute(query)).first()

    async def objections_of(self, case_id: uuid.UUID) -> list[Any]:
        query = select(objections).where(objections.c.case_id == case_id)
        return list((await self._session.execute(query.order_by(objections.c.filed_on))).all())

    async def update_objection(self, objection_id: uuid.UUID, **values: Any) -> None:
        await self._session.execute(
            update(objections).where(objections.c.objection_id == objection_id).values(**values)
        )

    # -- duty flags -----------------------------------------------------------------------------

    async def flag(self, **values: Any) -> bool:
        return await insert_once(self._session, duty_flags, values, ["case_id", "duty", "due_on"])

    async def flags_of(self, case_ids: list[uuid.UUID]) -> list[Any]:
        if not case_ids:
            return []
        query = select(duty_flags).where(duty_flags.c.case_id.in_(case_ids))
        return list((await self._session.execute(query.order_by(duty_flags.c.id))).all())
