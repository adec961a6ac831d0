"""The notification outbox's rules: a row's statuses and priorities, its id, the status it is
recorded with, and what a recipient's stored preferences decide.

One row per (trigger event, recipient, channel). EMAIL rows wait for the dispatcher (PENDING), or
for the daily digest when LOW (HELD); INBOX rows are delivered by being written (SENT); a channel
the recipient switched off gives SUPPRESSED unless the notice is CRITICAL; an unresolved
recipient gives FAILED.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from asn_shared.catalog.notifications_events import (
    NotificationChannel,
    NotificationFailed,
    NotificationSent,
    RecipientRole,
)

# Status of a row in the notification outbox.
PENDING = "PENDING"  # due for the dispatcher
SENT = "SENT"  # accepted by the channel (an inbox row is SENT when recorded)
FAILED = "FAILED"  # unresolved recipient, permanent refusal, or attempts exhausted
SUPPRESSED = "SUPPRESSED"  # the recipient switched this channel off (never for a critical notice)
HELD = "HELD"  # a low-priority mail waiting for the recipient's daily digest
DIGESTED = "DIGESTED"  # folded into the digest row named by digest_id

# How much a notice matters: CRITICAL ones ignore opt-outs, LOW mails go into the daily digest.
CRITICAL = "CRITICAL"
NORMAL = "NORMAL"
LOW = "LOW"

# A preference for the whole channel rather than for one template.
WHOLE_CHANNEL = "*"

_IDS = uuid.UUID("6d1f4c1e-3b0a-4c55-9a57-2a8f7f0e6b21")


def notification_id(trigger_event_id: str, role: str, key: str, channel: str) -> str:
    """A row's id from its uniqueness key, so replaying the audit stream into an empty database
    gives the ids NotificationSent and NotificationFailed named the first time."""
    return str(uuid.uuid5(_IDS, f"{trigger_event_id}|{role}|{key}|{channel}"))


def first_status(channel: NotificationChannel, priority: str) -> str:
    """The status a deliverable notice is recorded with on `channel`."""
    if channel is NotificationChannel.INBOX:
        return SENT
    return HELD if priority == LOW and channel is NotificationChannel.EMAIL else PENDING


def wanted(choices: Mapping[str, bool], template: str) -> bool:
    """The recipient's choice from their stored preferences of one channel (template or "*"):
    a template's own preference beats the channel's; nothing stored means wanted."""
    return choices.get(template, choices.get(WHOLE_CHANNEL, True))


@dataclass(frozen=True)
class Notice:
    """One row of the notification outbox (see adapters/tables.py for each column's meaning)."""

    id: str
    trigger_event_id: str
    trigger_event_type: str
    correlation_id: str
    template: str
    channel: str
    priority: str
    recipient_role: str
    recipient_nip: str | None
    recipient_address: str | None
    recipient_key: str
    status: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    subject: str | None = None
    body: str | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    read_at: datetime | None = None
    digest_id: str | None = None


@dataclass(frozen=True)
class NoticeStatus:
    """A row as the delivery log shows it to operators: deliberately without address, subject
    or body."""

    id: str
    trigger_event_id: str
    trigger_event_type: str
    correlation_id: str
    template: str
    channel: str
    priority: str
    recipient_role: str
    recipient_nip: str | None
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    read_at: datetime | None
    digest_id: str | None


def sent_event(notice: Notice, sent_at: datetime) -> NotificationSent:
    """NotificationSent about a row: who by role and NIP, the channel, the trigger; never the
    address or the text."""
    return NotificationSent(
        notification_id=notice.id,
        channel=NotificationChannel(notice.channel),
        recipient_role=RecipientRole(notice.recipient_role),
        recipient_nip=notice.recipient_nip,
        template=notice.template,
        trigger_event_id=notice.trigger_event_id,
        trigger_event_type=notice.trigger_event_type,
        sent_at=sent_at,
    )


def failed_event(notice: Notice, reason: str, failed_at: datetime) -> NotificationFailed:
    """NotificationFailed about a row, with the reason (never the address or the text)."""
    return NotificationFailed(
        notification_id=notice.id,
        channel=NotificationChannel(notice.channel),
        recipient_role=RecipientRole(notice.recipient_role),
        recipient_nip=notice.recipient_nip,
        template=notice.template,
        trigger_event_id=notice.trigger_event_id,
        trigger_event_type=notice.trigger_event_type,
        reason=reason,
        failed_at=failed_at,
    )


class OutcomeChange(TypedDict, total=False):
    """How a delivery attempt (or the log, in a rebuild) changes a row; absent keys stay."""

    status: str
    attempts: int
    last_error: str | None
    sent_at: datetime
    next_attempt_at: datetime


@dataclass(frozen=True)
class Preference:
    """A person's stored choice for a channel ("*") or one template on it."""

    channel: str
    template: str
    enabled: bool
