"""Events the notifications service publishes.

They never carry an address or a citizen's identity: only who was told (by role and, for an ASN,
NIP), through which channel, about which event. What a person does over its HTTP API (a
preference changed, a notice read) is in notifications_acts.py.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from .base import EventData, register
from .vocabulary import Nip, NonEmptyStr


class NotificationChannel(StrEnum):
    EMAIL = "EMAIL"
    INBOX = "INBOX"  # the ASN's in-app inbox, read over HTTP
    WEBHOOK = "WEBHOOK"  # a signed POST to an agency system that subscribed


class PreferenceChannel(StrEnum):
    """A channel a person may switch off for themselves (a webhook is an agency system's)."""

    EMAIL = "EMAIL"
    INBOX = "INBOX"


class RecipientRole(StrEnum):
    ASN = "ASN"  # the ASN the event is about
    SUPERVISOR = "SUPERVISOR"  # their atasan langsung
    HR_OFFICER = "HR_OFFICER"  # the unit's kepegawaian contact, configured per unit
    OFFICIAL = "OFFICIAL"  # an official the event names: examiner, punishing or deciding official
    COMPLAINANT = "COMPLAINANT"
    SUBSCRIBER = "SUBSCRIBER"  # an agency system subscribed by webhook


@register
class NotificationSent(EventData):
    """A notification about an event was handed to its channel: accepted by the mail server,
    put in the ASN's inbox, or answered 2xx by the subscriber's webhook."""

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
