"""Events the notifications service publishes.

They never carry an address or a citizen's identity: only who was told (by role and, for an ASN,
NIP), through which channel, about which event.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from .base import EventData, register
from .vocabulary import NonEmptyStr, Nip


class NotificationChannel(StrEnum):
    EMAIL = "EMAIL"


class RecipientRole(StrEnum):
    ASN = "ASN"
    SUPERVISOR = "SUPERVISOR"
    COMPLAINANT = "COMPLAINANT"


@register
class NotificationSent(EventData):
    """A notification about an event was handed to its channel (accepted by the mail server)."""

    event_type = "NotificationSent"
    publisher = "notifications"

    notification_id: NonEmptyStr
    channel: NotificationChannel
    recipient_role: RecipientRole
    recipient_nip: Nip | None = None
    template: NonEmptyStr
    trigger_event_id: NonEmptyStr = Field(description="CloudEvents id of the event notified about.")
    trigger_event_type: NonEmptyStr
    sent_at: datetime

    def subject(self) -> str | None:
        return self.recipient_nip


@register
class NotificationFailed(EventData):
    """A notification could not be delivered; `reason` names the failure, never the address."""

    event_type = "NotificationFailed"
    publisher = "notifications"

    notification_id: NonEmptyStr
    channel: NotificationChannel
    recipient_role: RecipientRole
    recipient_nip: Nip | None = None
    template: NonEmptyStr
    trigger_event_id: NonEmptyStr
    trigger_event_type: NonEmptyStr
    reason: NonEmptyStr
    failed_at: datetime

    def subject(self) -> str | None:
        return self.recipient_nip
