"""The people copy: each ASN's profile as the national HR system last described them."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.affected import affected_rows
from asn_shared.persistence.timestamps import as_utc

from ..domain.recipients import Person
from .tables import people


class PeopleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, nip: str | None) -> Person | None:
        if not nip:
            return None
        row = (await self._session.execute(select(people).where(people.c.nip == nip))).first()
        if row is None:
            return None
        return Person(
            nip=row.nip,
            name=row.name,
            email=row.email,
            supervisor_nip=row.supervisor_nip,
            unit_id=row.unit_id,
            unit_name=row.unit_name,
            position=row.position,
        )

    async def upsert(self, person: Person, *, time: datetime, event_id: str, now: datetime) -> bool:
        """Store the profile unless a newer one (by event time, then id) is already stored."""
        values = {**asdict(person), "profile_time": as_utc(time), "profile_event_id": event_id}
        exists = await self._session.execute(select(people.c.nip).where(people.c.nip == person.nip))
        if exists.first() is None:
            await self._session.execute(people.insert().values(**values, updated_at=as_utc(now)))
            return True
        # Conditional in SQL, so two replicas racing on one NIP cannot let the older one win.
        older = or_(
            people.c.profile_time < values["profile_time"],
            and_(
                people.c.profile_time == values["profile_time"],
                people.c.profile_event_id < event_id,
            ),
        )
        changed = await affected_rows(
            self._session,
            update(people)
            .where(people.c.nip == person.nip, older)
            .values(**values, updated_at=as_utc(now)),
        )
        return changed > 0

    async def unit_name(self, unit_id: str) -> str | None:
        """A unit's name as its people's profiles give it (complaints carry only the unit id)."""
        result = await self._session.execute(
            select(people.c.unit_name)
            .where(people.c.unit_id == unit_id)
            .order_by(people.c.profile_time.desc())
            .limit(1)
        )
        return result.scalar_one_or_none()
