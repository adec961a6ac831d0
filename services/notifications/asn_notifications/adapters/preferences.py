"""People's channel preferences: per channel, for the whole channel ("*") or one template."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.affected import affected_rows
from asn_shared.persistence.timestamps import as_utc

from ..domain.outbox import WHOLE_CHANNEL, Preference
from .tables import preferences


class PreferenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def choices_by_channel(self, nip: str, template: str) -> dict[str, dict[str, bool]]:
        """The person's stored choices that bear on `template`, by channel: its own and the
        whole channel's (domain.outbox.wanted decides between them). Every channel in one query:
        a notice goes to one person on two."""
        rows = await self._session.execute(
            select(preferences.c.channel, preferences.c.template, preferences.c.enabled).where(
                preferences.c.nip == nip,
                preferences.c.template.in_([template, WHOLE_CHANNEL]),
            )
        )
        by_channel: dict[str, dict[str, bool]] = {}
        for channel, name, enabled in rows.all():
            by_channel.setdefault(channel, {})[name] = enabled
        return by_channel

    async def of(self, nip: str) -> list[Preference]:
        query = select(preferences).where(preferences.c.nip == nip)
        rows = await self._session.execute(query.order_by("channel", "template"))
        return [Preference(r.channel, r.template, r.enabled) for r in rows.all()]

    async def set(
        self, nip: str, channel: str, template: str, enabled: bool, now: datetime
    ) -> None:
        key = (
            preferences.c.nip == nip,
            preferences.c.channel == channel,
            preferences.c.template == template,
        )
        changed = await affected_rows(
            self._session,
            update(preferences).where(*key).values(enabled=enabled, updated_at=as_utc(now)),
        )
        if changed == 0:
            await self._session.execute(
                preferences.insert().values(
                    nip=nip,
                    channel=channel,
                    template=template,
                    enabled=enabled,
                    updated_at=as_utc(now),
                )
            )
