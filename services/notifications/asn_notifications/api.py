"""Read-only HTTP queries for operators: delivery status, never addresses or mail text."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request

from asn_shared.catalog.vocabulary import Nip

from .domain import utc
from .repository import NotificationRepository

router = APIRouter(prefix="/api/v1", tags=["notifications"])

Status = Literal["PENDING", "SENT", "FAILED", "SUPPRESSED", "HELD", "DIGESTED"]


@router.get("/notifications")
async def notification_status(
    request: Request,
    trigger_event_id: str | None = Query(default=None, max_length=200),
    recipient_nip: Nip | None = Query(default=None),
    channel: Literal["EMAIL", "INBOX", "WEBHOOK"] | None = Query(default=None),
    status: Status | None = Query(default=None),
    limit: int = Query(default=100, ge=1, le=1000),
) -> list[dict[str, object]]:
    """The delivery log: notifications of a trigger event, a recipient or a channel (or the
    newest ones), newest first."""
    sessions = request.app.state.runtime.sessions
    async with sessions() as session:
        rows = await NotificationRepository(session).status_rows(
            trigger_event_id=trigger_event_id,
            recipient_nip=recipient_nip,
            channel=channel,
            status=status,
            limit=limit,
        )
    return [
        {
            "id": r.id,
            "trigger_event_id": r.trigger_event_id,
            "trigger_event_type": r.trigger_event_type,
            "correlation_id": r.correlation_id,
            "template": r.template,
            "channel": r.channel,
            "priority": r.priority,
            "recipient_role": r.recipient_role,
            "recipient_nip": r.recipient_nip,
            "status": r.status,
            "attempts": r.attempts,
            "last_error": r.last_error,
            "created_at": utc(r.created_at).isoformat(),
            "sent_at": utc(r.sent_at).isoformat() if r.sent_at else None,
            "read_at": utc(r.read_at).isoformat() if r.read_at else None,
            "digest_id": r.digest_id,
        }
        for r in rows
    ]
