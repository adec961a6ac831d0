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
from asn_shared.catalog.notifications_events import NotificationChannel, NotificationFailed
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger

from . import domain
from .models import FAILED, PENDING
from .rendering import MailRenderer
from .repository import NotificationRepository, PeopleRepository

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


class NotificationRecorder:
    """Writes the mail outbox rows of one trigger event, in the handler's transaction."""

    def __init__(
        self, repo: NotificationRepository, renderer: MailRenderer, trigger: CloudEvent, emit: Emit
    ) -> None:
        self._repo = repo
        self._renderer = renderer
        self._trigger = trigger
        self._emit = emit

    async def record(self, template: str, recipient: domain.Recipient, **context: Any) -> str | None:
        """Record one notification; its status, or None when a redelivery finds it recorded."""
        now = datetime.now(UTC)
        row = self._row(template, recipient, now)
        if recipient.resolved:
            mail = self._renderer.render(template, role=recipient.role.value, **context)
            row.update(status=PENDING, subject=mail.subject, body=mail.body)
        else:
            row.update(status=FAILED, last_error=recipient.reason)
        if not await self._repo.add(**row):
            log.info(
                "notification.already_recorded", template=template, recipient_role=recipient.role.value
            )
            return None
        if row["status"] == FAILED:
            await self._emit(self._failed(row, now))
            log.warning(
                "notification.unresolved",
                notification_id=row["id"],
                template=template,
                recipient_role=recipient.role.value,
                recipient_nip=recipient.nip,
                reason=recipient.reason,
            )
        else:
            log.info(
                "notification.recorded",
                notification_id=row["id"],
                template=template,
                recipient_role=recipient.role.value,
                recipient_nip=recipient.nip,
            )
        return row["status"]

    def _row(self, template: str, recipient: domain.Recipient, now: datetime) -> dict[str, Any]:
        return {
            "id": str(uuid.uuid4()),
            "trigger_event_id": self._trigger.id,
            "trigger_event_type": self._trigger.type,
            "correlation_id": self._trigger.correlation_id,
            "template": template,
            "recipient_role": recipient.role.value,
            "recipient_nip": recipient.nip,
            "recipient_address": recipient.address,
            "recipient_key": recipient.key,
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": now,
        }

    def _failed(self, row: dict[str, Any], now: datetime) -> NotificationFailed:
        return NotificationFailed(
            notification_id=row["id"],
            channel=NotificationChannel.EMAIL,
            recipient_role=row["recipient_role"],
            recipient_nip=row["recipient_nip"],
            template=row["template"],
            trigger_event_id=row["trigger_event_id"],
            trigger_event_type=row["trigger_event_type"],
            reason=row["last_error"],
            failed_at=now,
        )


async def notify_asn_and_supervisor(
    people: PeopleRepository, recorder: NotificationRecorder, template: str, data: Any
) -> list[str | None]:
    """One mail to the ASN the event is about and one to the supervisor named in their profile."""
    asn = await people.get(data.nip)
    supervisor = await people.get(asn.supervisor_nip if asn else None)
    context = {"asn": asn, "supervisor": supervisor, "data": data}
    return [
        await recorder.record(template, domain.resolve_asn(data.nip, asn), **context),
        await recorder.record(template, domain.resolve_supervisor(data.nip, asn, supervisor), **context),
    ]
