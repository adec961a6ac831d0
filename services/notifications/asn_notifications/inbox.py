"""The in-app inbox and the channel preferences of one person, over HTTP.

The inbox is the INBOX rows of a NIP: the same rendered notice a mail would carry, readable in
the agency's portal, marked read by the ASN. Preferences switch a channel (or one template on a
channel) off; a critical notice (catalogue.CRITICAL_TEMPLATES and any notice recorded CRITICAL)
is delivered anyway, and the API refuses to store an opt-out of a critical template.

These routes trust the caller to be the person or their portal: put them behind the agency's
authenticating gateway (the service itself does not authenticate).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.catalog.vocabulary import Nip

from .catalogue import CRITICAL_TEMPLATES
from .domain import utc
from .models import notifications, preferences
from .rendering import TEMPLATES

router = APIRouter(prefix="/api/v1/people/{nip}", tags=["inbox and preferences"])

NipPath = Annotated[Nip, Path()]
Channel = Literal["EMAIL", "INBOX"]


class InboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def items(self, nip: str, *, unread_only: bool, limit: int) -> list[Any]:
        query = select(notifications).where(
            notifications.c.recipient_nip == nip,
            notifications.c.channel == "INBOX",
            notifications.c.status == "SENT",
        )
        if unread_only:
            query = query.where(notifications.c.read_at.is_(None))
        query = query.order_by(notifications.c.created_at.desc(), notifications.c.id).limit(limit)
        return list((await self._session.execute(query)).all())

    async def mark_read(self, nip: str, notification_id: str, now: datetime) -> Any | None:
        """Mark read once (the first reading time stays); the row, or None if not this inbox's."""
        mine = (
            notifications.c.id == notification_id,
            notifications.c.recipient_nip == nip,
            notifications.c.channel == "INBOX",
        )
        await self._session.execute(
            update(notifications)
            .where(*mine, notifications.c.read_at.is_(None))
            .values(read_at=utc(now))
        )
        return (await self._session.execute(select(notifications).where(*mine))).first()

    async def preferences(self, nip: str) -> list[Any]:
        query = select(preferences).where(preferences.c.nip == nip)
        return list((await self._session.execute(query.order_by("channel", "template"))).all())

    async def set_preference(
        self, nip: str, channel: str, template: str, enabled: bool, now: datetime
    ) -> None:
        key = (
            preferences.c.nip == nip,
            preferences.c.channel == channel,
            preferences.c.template == template,
        )
        changed = await self._session.execute(
            update(preferences).where(*key).values(enabled=enabled, updated_at=utc(now))
        )
        if changed.rowcount == 0:
            await self._session.execute(
                preferences.insert().values(
                    nip=nip,
                    channel=channel,
                    template=template,
                    enabled=enabled,
                    updated_at=utc(now),
                )
            )


class PreferenceChange(BaseModel):
    channel: Channel
    template: str = Field(default="*", description='A template name, or "*" for the channel.')
    enabled: bool


def _item(row: Any) -> dict[str, object]:
    return {
        "id": row.id,
        "template": row.template,
        "priority": row.priority,
        "subject": row.subject,
        "body": row.body,
        "trigger_event_id": row.trigger_event_id,
        "trigger_event_type": row.trigger_event_type,
        "recipient_role": row.recipient_role,
        "created_at": utc(row.created_at).isoformat(),
        "read_at": utc(row.read_at).isoformat() if row.read_at else None,
    }


@router.get("/inbox")
async def inbox(
    request: Request,
    nip: NipPath,
    unread: bool = Query(default=False, description="Only notices not yet read."),
    limit: int = Query(default=50, ge=1, le=500),
) -> list[dict[str, object]]:
    """The person's in-app notices, newest first."""
    async with request.app.state.runtime.sessions() as session:
        rows = await InboxRepository(session).items(nip, unread_only=unread, limit=limit)
    return [_item(r) for r in rows]


@router.post("/inbox/{notification_id}/read")
async def mark_read(
    request: Request, nip: NipPath, notification_id: Annotated[str, Path(max_length=36)]
) -> dict[str, object]:
    """Mark one notice read; reading it again keeps the first time. 404: not in this inbox."""
    async with request.app.state.runtime.sessions() as session, session.begin():
        row = await InboxRepository(session).mark_read(nip, notification_id, datetime.now(UTC))
    if row is None:
        raise HTTPException(404, f"notice {notification_id} is not in the inbox of {nip}")
    return _item(row)


@router.get("/preferences")
async def list_preferences(request: Request, nip: NipPath) -> dict[str, object]:
    """Stored choices (anything not listed is on) and the templates that cannot be switched off."""
    async with request.app.state.runtime.sessions() as session:
        rows = await InboxRepository(session).preferences(nip)
    return {
        "nip": nip,
        "preferences": [
            {"channel": r.channel, "template": r.template, "enabled": r.enabled} for r in rows
        ],
        "always_delivered": sorted(CRITICAL_TEMPLATES),
    }


@router.put("/preferences")
async def change_preference(
    request: Request, nip: NipPath, change: PreferenceChange
) -> dict[str, object]:
    """Switch a channel or one template on a channel on or off.

    422 for an unknown template or an opt-out of a critical one (a summons, a punishment, a
    missed statutory deadline must reach the person: PP 94/2021 Pasal 26, 37).
    """
    if change.template != "*" and change.template not in TEMPLATES:
        raise HTTPException(422, f"unknown template {change.template!r}")
    if not change.enabled and change.template in CRITICAL_TEMPLATES:
        raise HTTPException(
            422, f"{change.template} is a critical notice and cannot be switched off"
        )
    async with request.app.state.runtime.sessions() as session, session.begin():
        await InboxRepository(session).set_preference(
            nip, change.channel, change.template, change.enabled, datetime.now(UTC)
        )
    note = "critical notices are still delivered" if not change.enabled else None
    return {"nip": nip, **change.model_dump(), "note": note}
