"""What the HTTP API takes and gives: the preference change, the rows as JSON objects, and the
models that document them in OpenAPI (the routes' `response_model`).

Status rows never carry an address, a subject or a body; inbox items carry the rendered notice
(the person's own). Every time is aware: UTC with its offset (`+00:00`), whatever the database
handed back (domain/timestamps.py).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from ..domain.notices import CRITICAL_TEMPLATES
from ..domain.outbox import WHOLE_CHANNEL, Notice, NoticeStatus
from ..domain.templates import TEMPLATES
from ..domain.timestamps import as_utc

Channel = Literal["EMAIL", "INBOX"]
DeliveryChannel = Literal["EMAIL", "INBOX", "WEBHOOK"]
Status = Literal["PENDING", "SENT", "FAILED", "SUPPRESSED", "HELD", "DIGESTED"]
Priority = Literal["CRITICAL", "NORMAL", "LOW"]

# A notice's id is a UUID (domain/outbox.py notification_id), and an event's id holds no control
# character (a NUL, which PostgreSQL cannot store or compare, was a 500): anything else is 422
# before the database sees it.
NOTIFICATION_ID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
EVENT_ID = r"^[^\x00-\x1f\x7f]*$"

# What `template` may name; the use case refuses anything else (usecases/preferences.py).
TEMPLATE_CHOICES: list[JsonValue] = [WHOLE_CHANNEL, *sorted(TEMPLATES)]
# The same rule in the document: no body switches a critical template off.
_CRITICAL_STAYS_ON: dict[str, Any] = {
    "not": {
        "required": ["template", "enabled"],
        "properties": {
            "template": {"enum": sorted(CRITICAL_TEMPLATES)},
            "enabled": {"const": False},
        },
    }
}


def moment() -> Any:
    """A time as the API writes it: an ISO 8601 string with its offset (RFC 3339 date-time)."""
    return Field(json_schema_extra={"format": "date-time"})


class PreferenceChange(BaseModel):
    """One choice. JSON as written (strict): `enabled` is true or false, not 0 or "no"."""

    model_config = ConfigDict(strict=True, json_schema_extra=_CRITICAL_STAYS_ON)

    channel: Channel
    template: str = Field(
        default=WHOLE_CHANNEL,
        max_length=64,
        description='A template name, or "*" for the whole channel. A critical template '
        "(a summons, a punishment, a missed statutory deadline) cannot be switched off.",
        json_schema_extra={"enum": TEMPLATE_CHOICES},
    )
    enabled: bool


class PreferenceView(BaseModel):
    channel: Channel
    template: str
    enabled: bool


class Preferences(BaseModel):
    """Stored choices (anything not listed is on) and the templates always delivered."""

    nip: str
    preferences: list[PreferenceView]
    always_delivered: list[str]


class PreferenceChanged(BaseModel):
    nip: str
    channel: Channel
    template: str
    enabled: bool
    note: str | None = Field(description="Set when critical notices stay on despite an opt-out.")


class InboxItem(BaseModel):
    """One notice of the person's inbox: the rendered text itself."""

    id: str
    template: str
    priority: Priority
    subject: str | None
    body: str | None
    trigger_event_id: str
    trigger_event_type: str
    recipient_role: str
    created_at: str = moment()
    read_at: str | None = moment()


class StatusItem(BaseModel):
    """One row of the delivery log: status only, never an address, a subject or a body."""

    id: str
    trigger_event_id: str
    trigger_event_type: str
    correlation_id: str | None
    template: str
    channel: DeliveryChannel
    priority: Priority
    recipient_role: str
    recipient_nip: str | None
    status: Status
    attempts: int
    last_error: str | None
    created_at: str = moment()
    sent_at: str | None = moment()
    read_at: str | None = moment()
    digest_id: str | None


class Refusal(BaseModel):
    message: str


class Refused(BaseModel):
    """A refusal other than a validation error: `detail.message` says why."""

    detail: Refusal


NOT_IN_INBOX: dict[int | str, dict[str, Any]] = {
    404: {"model": Refused, "description": "No such notice in this person's inbox"}
}
UNREADABLE_BODY: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body cannot be read (not UTF-8 text)"}
}


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
