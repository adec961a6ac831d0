"""Reads and writes of the people copy and the mail outbox, inside the caller's transaction."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .domain import Person, utc
from .models import PENDING, SENT, notifications, people, preferences


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
        values = {**asdict(person), "profile_time": utc(time), "profile_event_id": event_id}
        exists = await self._session.execute(select(people.c.nip).where(people.c.nip == person.nip))
        if exists.first() is None:
            await self._session.execute(people.insert().values(**values, updated_at=utc(now)))
            return True
        # Conditional in SQL, so two replicas racing on one NIP cannot let the older one win.
        older = or_(
            people.c.profile_time < values["profile_time"],
            and_(
                people.c.profile_time == values["profile_time"],
                people.c.profile_event_id < event_id,
            ),
        )
        result = await self._session.execute(
            update(people)
            .where(people.c.nip == person.nip, older)
            .values(**values, updated_at=utc(now))
        )
        return result.rowcount > 0

    async def unit_name(self, unit_id: str) -> str | None:
        """A unit's name as its people's profiles give it (complaints carry only the unit id)."""
        result = await self._session.execute(
            select(people.c.unit_name)
            .where(people.c.unit_id == unit_id)
            .order_by(people.c.profile_time.desc())
            .limit(1)
        )
        return result.scalar_one_or_none()


class NotificationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, **values: Any) -> bool:
        """Insert one notification; False when this trigger/role/recipient/channel has a row."""
        found = await self._session.execute(
            select(notifications.c.id).where(
                notifications.c.trigger_event_id == values["trigger_event_id"],
                notifications.c.recipient_role == values["recipient_role"],
                notifications.c.recipient_key == values["recipient_key"],
                notifications.c.channel == values["channel"],
            )
        )
        if found.first() is not None:
            return False
        await self._session.execute(notifications.insert().values(**values))
        return True

    async def wanted(self, nip: str | None, channel: str, template: str) -> bool:
        """The recipient's choice: a template's own preference beats the channel's ("*")."""
        if nip is None:
            return True
        rows = await self._session.execute(
            select(preferences.c.template, preferences.c.enabled).where(
                preferences.c.nip == nip,
                preferences.c.channel == channel,
                preferences.c.template.in_([template, "*"]),
            )
        )
        choice = dict(rows.all())
        return choice.get(template, choice.get("*", True))

    async def claim_due(self, *, now: datetime, limit: int, lease_until: datetime) -> list[Any]:
        """Oldest due PENDING rows, leased so no other dispatcher picks them meanwhile."""
        rows = (
            await self._session.execute(
                select(notifications)
                .where(
                    notifications.c.status == PENDING, notifications.c.next_attempt_at <= utc(now)
                )
                .order_by(notifications.c.created_at, notifications.c.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        ).all()
        if rows:
            await self._session.execute(
                update(notifications)
                .where(notifications.c.id.in_([r.id for r in rows]))
                .values(next_attempt_at=utc(lease_until))
            )
        return list(rows)

    async def finish(self, notification_id: str, **values: Any) -> bool:
        """Update a row still PENDING (SENT, FAILED, a retry); False if another finished it."""
        for key in ("sent_at", "next_attempt_at"):
            if values.get(key) is not None:
                values[key] = utc(values[key])
        result = await self._session.execute(
            update(notifications)
            .where(notifications.c.id == notification_id, notifications.c.status == PENDING)
            .values(**values)
        )
        return result.rowcount > 0

    async def restore_outcome(self, notification_id: str, **values: Any) -> bool:
        """Set a row's outcome as the log says: a PENDING row, or the time of a SENT one (an
        inbox notice is SENT when recorded, and the log knows when that first was)."""
        if values.get("sent_at") is not None:
            values["sent_at"] = utc(values["sent_at"])
        result = await self._session.execute(
            update(notifications)
            .where(
                notifications.c.id == notification_id, notifications.c.status.in_([PENDING, SENT])
            )
            .values(**values)
        )
        return result.rowcount > 0

    async def status_rows(
        self,
        *,
        trigger_event_id: str | None,
        status: str | None,
        limit: int,
        recipient_nip: str | None = None,
        channel: str | None = None,
    ) -> list[Any]:
        """Status rows for operators: deliberately without address, subject or body."""
        query = select(
            notifications.c.id,
            notifications.c.trigger_event_id,
            notifications.c.trigger_event_type,
            notifications.c.correlation_id,
            notifications.c.template,
            notifications.c.channel,
            notifications.c.priority,
            notifications.c.recipient_role,
            notifications.c.recipient_nip,
            notifications.c.status,
            notifications.c.attempts,
            notifications.c.last_error,
            notifications.c.created_at,
            notifications.c.sent_at,
            notifications.c.read_at,
            notifications.c.digest_id,
        )
        if trigger_event_id:
            query = query.where(notifications.c.trigger_event_id == trigger_event_id)
        if status:
            query = query.where(notifications.c.status == status)
        if recipient_nip:
            query = query.where(notifications.c.recipient_nip == recipient_nip)
        if channel:
            query = query.where(notifications.c.channel == channel)
        query = query.order_by(notifications.c.created_at.desc(), notifications.c.id).limit(limit)
        return list((await self._session.execute(query)).all())
