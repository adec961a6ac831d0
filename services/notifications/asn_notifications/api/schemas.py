"""What the HTTP API takes and gives: the preference change, and the rows as JSON objects.

Status rows never carry an address, a subject or a body; inbox items carry the rendered notice
(the person's own)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..domain.outbox import Notice, NoticeStatus
from ..domain.timestamps import as_utc

Channel = Literal["EMAIL", "INBOX"]
DeliveryChannel = Literal["EMAIL", "INBOX", "WEBHOOK"]
Status = Literal["PENDING", "SENT", "FAILED", "SUPPRESSED", "HELD", "DIGESTED"]


class PreferenceChange(BaseModel):
    channel: Channel
    template: str = Field(default="*", description='A template name, or "*" for the channel.')
    enabled: bool


def status_item(r: NoticeStatus) -> dict[str, object]:
    return {
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
        "created_at": as_utc(r.created_at).isoformat(),
        "sent_at": as_utc(r.sent_at).isoformat() if r.sent_at else None,
        "read_at": as_utc(r.read_at).isoformat() if r.read_at else None,
        "digest_id": r.digest_id,
    }


def inbox_item(notice: Notice) -> dict[str, object]:
    return {
        "id": notice.id,
        "template": notice.template,
        "priority": notice.priority,
        "subject": notice.subject,
        "body": notice.body,
        "trigger_event_id": notice.trigger_event_id,
        "trigger_event_type": notice.trigger_event_type,
        "recipient_role": notice.recipient_role,
        "created_at": as_utc(notice.created_at).isoformat(),
        "read_at": as_utc(notice.read_at).isoformat() if notice.read_at else None,
    }
