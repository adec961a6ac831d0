"""Where a complainant wants to hear about their complaint, kept from ComplaintReceived so the
progress notices need nothing from the exchange."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .tables import complaint_contacts


class ComplaintContactRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def keep(self, channel: str, complaint_id: str, email: str, now: datetime) -> None:
        if await self.email(channel, complaint_id) is None:
            await self._session.execute(
                complaint_contacts.insert().values(
                    channel=channel,
                    complaint_id=complaint_id,
                    email=email,
                    created_at=now,
                )
            )

    async def email(self, channel: str, complaint_id: str) -> str | None:
        query = select(complaint_contacts.c.email).where(
            complaint_contacts.c.channel == channel,
            complaint_contacts.c.complaint_id == complaint_id,
        )
        return (await self._session.execute(query)).scalar_one_or_none()
