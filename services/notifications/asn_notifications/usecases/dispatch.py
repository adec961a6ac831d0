"""The dispatch step: claim the due notices, send one over its channel, record how it ended.

Claiming leases the rows (next_attempt_at moves ahead), so no other dispatcher picks them while
they are sent; sending happens outside any transaction; each outcome is one transaction: SENT
plus NotificationSent, or a retry with backoff, or FAILED plus NotificationFailed after
max_attempts or a permanent refusal. The loop that drives this is background.py's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from asn_shared.catalog.notifications_events import (
    NotificationChannel,
    NotificationFailed,
    NotificationSent,
)
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain.delivery import (
    OutgoingMail,
    OutgoingWebhook,
    PermanentMailError,
    RetryPolicy,
    describe_error,
    is_permanent,
)
from ..domain.outbox import FAILED, PENDING, SENT, Notice, OutcomeChange, failed_event, sent_event
from ..domain.webhooks import WebhookSubscriber

log = get_logger(__name__)


class Mailer(Protocol):
    async def send(self, mail: OutgoingMail) -> None: ...


class WebhookPoster(Protocol):
    async def send(self, delivery: OutgoingWebhook) -> None: ...


@dataclass(frozen=True)
class Channels:
    """What the dispatcher sends through: the SMTP mailer, the webhook sender (None: webhooks
    off) and the configured subscribers by id."""

    mailer: Mailer
    webhooks: WebhookPoster | None
    subscribers: Mapping[str, WebhookSubscriber]


async def claim_due(
    uow: NotificationsUnitOfWork, *, batch_size: int, lease_seconds: float
) -> list[Notice]:
    """The oldest due PENDING notices, at most `batch_size`, leased for `lease_seconds`."""
    now = uow.now()
    lease_until = now + timedelta(seconds=lease_seconds)
    return await uow.notices.claim_due(now=now, limit=batch_size, lease_until=lease_until)


async def send(notice: Notice, channels: Channels) -> None:
    """One attempt over the notice's channel; raises what the channel raised."""
    if notice.channel != NotificationChannel.WEBHOOK:
        to = notice.recipient_address or ""
        mail = OutgoingMail(notice.id, to, notice.subject or "", notice.body or "")
        await channels.mailer.send(mail)
        return
    # Looked up at send time: a rotated secret or URL applies to the retries too.
    subscriber = channels.subscribers.get(notice.recipient_address or "")
    if subscriber is None or channels.webhooks is None:
        raise PermanentMailError(f"webhook subscriber {notice.recipient_address} not configured")
    body = (notice.body or "").encode()
    await channels.webhooks.send(OutgoingWebhook(notice.id, subscriber, body))


async def record_sent(uow: NotificationsUnitOfWork, notice: Notice) -> bool:
    """The channel accepted the notice: SENT, with NotificationSent; True if the event was
    written (the row was still ours)."""
    now = uow.now()
    change: OutcomeChange = {
        "status": SENT,
        "sent_at": now,
        "attempts": notice.attempts + 1,
        "last_error": None,
    }
    written = await _finish(uow, notice, change, sent_event(notice, now))
    log.info(
        "notification.sent",
        template=notice.template,
        channel=notice.channel,
        recipient_role=notice.recipient_role,
    )
    return written


async def record_failed_attempt(
    uow: NotificationsUnitOfWork, notice: Notice, exc: Exception, policy: RetryPolicy
) -> bool:
    """A send failed with `exc`: retried later, or FAILED with NotificationFailed; True if an
    event was written."""
    attempts = notice.attempts + 1
    reason = describe_error(exc, notice.recipient_address)
    if not policy.gives_up(attempts, exc):
        delay = policy.delay(attempts, getattr(exc, "retry_after", None))
        retry_at = uow.now() + timedelta(seconds=delay)
        change: OutcomeChange = {
            "status": PENDING,
            "attempts": attempts,
            "last_error": reason,
            "next_attempt_at": retry_at,
        }
        await _finish(uow, notice, change, None)
        log.warning(
            "notification.send_failed_will_retry", attempts=attempts, retry_in=delay, error=reason
        )
        return False
    gave_up = f"gave up after {attempts} attempt(s): {reason}"
    failed = failed_event(notice, gave_up, uow.now())
    change = {"status": FAILED, "attempts": attempts, "last_error": reason}
    written = await _finish(uow, notice, change, failed)
    log.error("notification.failed", attempts=attempts, permanent=is_permanent(exc), error=reason)
    return written


async def _finish(
    uow: NotificationsUnitOfWork,
    notice: Notice,
    change: OutcomeChange,
    event: NotificationSent | NotificationFailed | None,
) -> bool:
    """Apply the row change and, if it still was ours, write the event: one transaction."""
    if not await uow.notices.finish(notice.id, change):
        log.warning("notification.finished_elsewhere")
        return False
    if event is None:
        return False
    await uow.emit(event)
    return True
