"""Recording the notices a trigger event calls for, into the notification outbox.

Nothing is sent here. Bodies are rendered now, in the unit of work's transaction; the dispatcher
sends them later. A recipient that cannot be resolved is recorded FAILED with the reason, and
NotificationFailed is emitted in the same transaction; an inbox notice is delivered by being
recorded, with NotificationSent (domain/outbox.py has the statuses).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from asn_shared.catalog.notifications_events import NotificationChannel, RecipientRole
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain.delivery import webhook_body
from ..domain.outbox import (
    CRITICAL,
    FAILED,
    NORMAL,
    PENDING,
    SENT,
    SUPPRESSED,
    Notice,
    failed_event,
    first_status,
    notification_id,
    sent_event,
    wanted,
)
from ..domain.recipients import Recipient

log = get_logger(__name__)

INBOX = NotificationChannel.INBOX


class NoticeRecorder:
    """Writes the outbox rows of one trigger event, in the unit of work's transaction."""

    def __init__(self, uow: NotificationsUnitOfWork, trigger: CloudEvent) -> None:
        self._uow = uow
        self._trigger = trigger
        # A person's choices for a template, every channel, read once per trigger event: a
        # notice goes to one person on two channels (bench/README.md: statements per event).
        self._choices: dict[tuple[str, str], dict[str, dict[str, bool]]] = {}

    async def record(
        self,
        template: str,
        recipient: Recipient,
        context: Mapping[str, object],
        *,
        via: NotificationChannel = NotificationChannel.EMAIL,
        priority: str = NORMAL,
    ) -> str | None:
        """Record one notification on channel `via`; its status, or None when a redelivery
        finds it recorded. `context` goes to the template."""
        now = self._uow.now()
        row = self._row(template, recipient, via, priority, now)
        resolved = recipient.nip is not None if via is INBOX else recipient.resolved
        if not resolved:
            reason = recipient.reason or "no recipient for the channel"
            row = replace(row, status=FAILED, last_error=reason)
        elif priority != CRITICAL and not await self._wanted(recipient.nip, via, template):
            row = replace(row, status=SUPPRESSED, last_error="switched off by the recipient")
        else:
            mail = self._uow.renderer.render(template, role=recipient.role.value, **context)
            row = replace(
                row,
                status=first_status(via, priority),
                subject=mail.subject,
                body=mail.body,
                sent_at=now if via is INBOX else None,
            )
        return await self._add(row, recipient, now)

    async def record_webhook(self, subscriber_id: str, template: str) -> str | None:
        """One signed POST of the trigger event to a subscribed agency system (dispatcher)."""
        now = self._uow.now()
        recipient = Recipient(RecipientRole.SUBSCRIBER, address=subscriber_id)
        channel, key = NotificationChannel.WEBHOOK, f"webhook:{subscriber_id}"
        row = self._row(template, recipient, channel, NORMAL, now, key=key)
        trigger = self._trigger
        body = webhook_body(
            notification_id=row.id,
            template=template,
            recipient_role=recipient.role.value,
            recipient_nip=None,
            event_id=trigger.id,
            event_type=trigger.type,
            event_time=trigger.time,
            subject=trigger.subject,
            data=trigger.data or {},
        )
        return await self._add(replace(row, status=PENDING, body=body.decode()), recipient, now)

    async def _wanted(self, nip: str | None, channel: NotificationChannel, template: str) -> bool:
        if nip is None:  # no NIP, no stored preferences: a complainant, a contact without one
            return True
        if (nip, template) not in self._choices:
            found = await self._uow.preferences.choices_by_channel(nip, template)
            self._choices[nip, template] = found
        return wanted(self._choices[nip, template].get(channel, {}), template)

    async def _add(self, row: Notice, recipient: Recipient, now: datetime) -> str | None:
        about = {
            "notification_id": row.id,
            "template": row.template,
            "channel": row.channel,
            "recipient_role": recipient.role.value,
            "recipient_nip": recipient.nip,
        }
        if not await self._uow.notices.add(row):
            log.info("notification.already_recorded", **about)
            return None
        if row.status == FAILED:
            await self._uow.emit(failed_event(row, row.last_error or "", now))
            log.warning("notification.unresolved", reason=recipient.reason, **about)
        elif row.status == SENT:
            await self._uow.emit(sent_event(row, now))
            log.info("notification.delivered_to_inbox", **about)
        else:
            log.info("notification.recorded", status=row.status, **about)
        return row.status

    def _row(
        self,
        template: str,
        recipient: Recipient,
        channel: NotificationChannel,
        priority: str,
        now: datetime,
        key: str | None = None,
    ) -> Notice:
        key = key or recipient.key
        trigger = self._trigger
        return Notice(
            id=notification_id(trigger.id, recipient.role.value, key, channel.value),
            trigger_event_id=trigger.id,
            trigger_event_type=trigger.type,
            correlation_id=trigger.correlation_id,
            template=template,
            channel=channel.value,
            priority=priority,
            recipient_role=recipient.role.value,
            recipient_nip=recipient.nip,
            # An inbox is found by NIP: no address is copied into its rows.
            recipient_address=None if channel is INBOX else recipient.address,
            recipient_key=key,
            status=PENDING,  # until record() decides
            attempts=0,
            created_at=now,
            next_attempt_at=now,
        )


def wake_if_due(uow: NotificationsUnitOfWork, statuses: Sequence[str | None]) -> None:
    """A notice recorded PENDING is for the dispatcher: wake it once the transaction commits."""
    if PENDING in statuses:
        uow.wake_dispatcher_after_commit()
