"""Use cases: keep the people copy current, and record which mails a trigger event calls for.

Nothing is sent here. Bodies are rendered now, into the mail outbox (`notifications`), in the
handler's transaction; the dispatcher sends them later. A recipient that cannot be resolved is
recorded FAILED with the reason, and NotificationFailed is emitted in the same transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import EmployeeProfileUpdated
from asn_shared.catalog.notifications_events import (
    NotificationChannel,
    NotificationFailed,
    NotificationSent,
    RecipientRole,
)
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger

from . import domain
from .models import CRITICAL, FAILED, HELD, LOW, NORMAL, PENDING, SENT, SUPPRESSED
from .rendering import MailRenderer
from .repository import NotificationRepository, PeopleRepository
from .webhook_sender import webhook_body

log = get_logger(__name__)

Emit = Callable[[EventData], Awaitable[CloudEvent]]

# UU 25/2009 Pasal 44(3): the provider responds to a complaint within 14 days of receiving it.


async def record_profile(
    people: PeopleRepository, event: CloudEvent, data: EmployeeProfileUpdated
) -> bool:
    """Store the profile; an older profile arriving late is ignored."""
    person = domain.Person(
        nip=data.nip,
        name=data.name,
        email=str(data.email),
        supervisor_nip=data.supervisor_nip,
        unit_id=data.unit_id,
        unit_name=data.unit_name,
        position=data.position,
    )
    applied = await people.upsert(person, time=event.time, event_id=event.id, now=datetime.now(UTC))
    log.info("profile.stored" if applied else "profile.older_ignored", nip=data.nip)
    return applied


_IDS = uuid.UUID("6d1f4c1e-3b0a-4c55-9a57-2a8f7f0e6b21")


def notification_id(trigger_event_id: str, role: str, key: str, channel: str) -> str:
    """A row's id from its uniqueness key, so replaying the audit stream into an empty database
    gives the ids NotificationSent and NotificationFailed named the first time."""
    return str(uuid.uuid5(_IDS, f"{trigger_event_id}|{role}|{key}|{channel}"))


class NotificationRecorder:
    """Writes the outbox rows of one trigger event, in the handler's transaction.

    One row per (recipient, channel). EMAIL rows wait for the dispatcher (PENDING), or for the
    daily digest when LOW (HELD); INBOX rows are delivered by being written (SENT, with
    NotificationSent); a channel the recipient switched off gives SUPPRESSED unless the notice is
    CRITICAL; an unresolved recipient gives FAILED with NotificationFailed.
    """

    def __init__(
        self, repo: NotificationRepository, renderer: MailRenderer, trigger: CloudEvent, emit: Emit
    ) -> None:
        self._repo = repo
        self._renderer = renderer
        self._trigger = trigger
        self._emit = emit

    async def record(
        self,
        template: str,
        recipient: domain.Recipient,
        *,
        via: NotificationChannel = NotificationChannel.EMAIL,
        priority: str = NORMAL,
        **context: Any,
    ) -> str | None:
        """Record one notification on channel `via`; its status, or None when a redelivery
        finds it recorded. `context` goes to the template."""
        now = datetime.now(UTC)
        row = self._row(template, recipient, via, priority, now)
        resolved = recipient.nip is not None if via is INBOX else recipient.resolved
        if not resolved:
            row.update(status=FAILED, last_error=recipient.reason or "no recipient for the channel")
        elif priority != CRITICAL and not await self._repo.wanted(recipient.nip, via, template):
            row.update(status=SUPPRESSED, last_error="switched off by the recipient")
        else:
            mail = self._renderer.render(template, role=recipient.role.value, **context)
            row.update(status=_first_status(via, priority), subject=mail.subject, body=mail.body)
            if via is INBOX:
                row.update(sent_at=now)
        return await self._add(row, recipient, now)

    async def record_webhook(self, subscriber_id: str, template: str) -> str | None:
        """One signed POST of the trigger event to a subscribed agency system (dispatcher)."""
        now = datetime.now(UTC)
        recipient = domain.Recipient(RecipientRole.SUBSCRIBER, address=subscriber_id)
        channel, key = NotificationChannel.WEBHOOK, f"webhook:{subscriber_id}"
        row = self._row(template, recipient, channel, NORMAL, now, key=key)
        trigger = self._trigger
        body = webhook_body(
            notification_id=row["id"],
            template=template,
            recipient_role=recipient.role.value,
            recipient_nip=None,
            event_id=trigger.id,
            event_type=trigger.type,
            event_time=trigger.time,
            subject=trigger.subject,
            data=trigger.data,
        )
        row.update(status=PENDING, body=body.decode())
        return await self._add(row, recipient, now)

    async def _add(
        self, row: dict[str, Any], recipient: domain.Recipient, now: datetime
    ) -> str | None:
        about = {
            "notification_id": row["id"],
            "template": row["template"],
            "channel": row["channel"],
            "recipient_role": recipient.role.value,
            "recipient_nip": recipient.nip,
        }
        if not await self._repo.add(**row):
            log.info("notification.already_recorded", **about)
            return None
        if row["status"] == FAILED:
            await self._emit(
                NotificationFailed(**_event_fields(row), reason=row["last_error"], failed_at=now)
            )
            log.warning("notification.unresolved", reason=recipient.reason, **about)
        elif row["status"] == SENT:
            await self._emit(NotificationSent(**_event_fields(row), sent_at=now))
            log.info("notification.delivered_to_inbox", **about)
        else:
            log.info("notification.recorded", status=row["status"], **about)
        return row["status"]

    def _row(
        self,
        template: str,
        recipient: domain.Recipient,
        channel: NotificationChannel,
        priority: str,
        now: datetime,
        key: str | None = None,
    ) -> dict[str, Any]:
        key = key or recipient.key
        return {
            "id": notification_id(self._trigger.id, recipient.role.value, key, channel.value),
            "trigger_event_id": self._trigger.id,
            "trigger_event_type": self._trigger.type,
            "correlation_id": self._trigger.correlation_id,
            "template": template,
            "channel": channel.value,
            "priority": priority,
            "recipient_role": recipient.role.value,
            "recipient_nip": recipient.nip,
            # An inbox is found by NIP: no address is copied into its rows.
            "recipient_address": None if channel is INBOX else recipient.address,
            "recipient_key": key,
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": now,
        }


INBOX = NotificationChannel.INBOX


def _first_status(channel: NotificationChannel, priority: str) -> str:
    if channel is INBOX:
        return SENT
    return HELD if priority == LOW and channel is NotificationChannel.EMAIL else PENDING


def _event_fields(row: dict[str, Any]) -> dict[str, Any]:
    """What NotificationSent and NotificationFailed say about a row: no address, no text."""
    return {
        "notification_id": row["id"],
        "channel": row["channel"],
        "recipient_role": row["recipient_role"],
        "recipient_nip": row["recipient_nip"],
        "template": row["template"],
        "trigger_event_id": row["trigger_event_id"],
        "trigger_event_type": row["trigger_event_type"],
    }
