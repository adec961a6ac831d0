"""This service's own directory of ASN: the newest HR profile of each, without name, e-mail or
phone (only what the follow-up, discipline and rotation rules need)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.newest import keep_newest

from .tables import employees


class EmployeeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def employee(self, nip: str) -> Any | None:
        result = await self._session.execute(select(employees).where(employees.c.nip == nip))
        return result.first()

    async def save_employee(self, nip: str, **values: Any) -> bool:
        """Keep the newest profile by event time; False when a newer one is already stored."""
        return await keep_newest(
            self._session, employees, {"nip": nip}, values, time_column="profile_time"
        )

    async def of_unit(self, unit_id: str) -> list[Any]:
        """Every ASN whose profile places them in the unit."""
        result = await self._session.execute(
            select(employees).where(employees.c.unit_id == unit_id)
        )
        return list(result)
