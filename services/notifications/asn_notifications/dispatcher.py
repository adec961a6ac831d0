"""The dispatcher: a background task sending PENDING rows of the notification outbox, mails
over SMTP and webhooks as signed POSTs to the subscriber's URL (INBOX rows never wait here).

Rows are claimed in a short transaction (leased via next_attempt_at, FOR UPDATE SKIP LOCKED on
PostgreSQL) and sent outside any transaction, so a slow server never holds a database lock. Up to
dispatch_concurrency rows of a batch are in flight at once. Each outcome is one transaction: SENT
plus NotificationSent in the outbox, or a retry with backoff, or FAILED plus NotificationFailed
after max_attempts or a permanent refusal. A crash between send and commit
resends after the lease: at-least-once, like every other delivery in the system.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import event as sa_event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from asn_shared.catalog import EventData
from asn_shared.catalog.notifications_events import (
    NotificationChannel,
    NotificationFailed,
    NotificationSent,
)
from asn_shared.envelope import new_event
from asn_shared.logging import get_logger
from asn_shared.persistence import outbox

from .domain import retry_delay
from .mailer import Mailer, OutgoingMail, PermanentMailError, describe_error
from .models import FAILED, PENDING, SENT
from .repository import NotificationRepository
from .settings import NotificationsSettings
from .webhook_sender import OutgoingWebhook, WebhookSender, is_permanent
from .webhooks import WebhookSubscriber

log = get_logger(__name__)


class DispatchSignal:
    """Lets the handler path wake the dispatcher as soon as a new row is committed."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def wake(self) -> None:
        self._event.set()

    def wake_after_commit(self, session: AsyncSession) -> None:
        # After commit, not now: woken before the commit, the dispatcher would find nothing.
        sa_event.listen(session.sync_session, "after_commit", lambda _s: self.wake(), once=True)

    def is_set(self) -> bool:
        return self._event.is_set()

    def clear(self) -> None:
        self._event.clear()

    async def wait(self, timeout: float) -> None:
        with suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout=timeout)


class MailDispatcher:
    def __init__(
        self,
        sessions: async_sessionmaker,
        mailer: Mailer,
        settings: NotificationsSettings,
        *,
        on_outbox_commit: Callable[[], None] = lambda: None,
        signal: DispatchSignal | None = None,
        webhooks: WebhookSender | None = None,
        subscribers: Sequence[WebhookSubscriber] = (),
    ) -> None:
        self._sessions = sessions
        self._mailer = mailer
        self._webhooks = webhooks
        self._subscribers = {s.id: s for s in subscribers}
        self._settings = settings
        self._on_outbox_commit = on_outbox_commit
        self._signal = signal or DispatchSignal()

    async def run(self) -> None:
        """Dispatch until cancelled; any other error is logged and the loop goes on."""
        log.info("dispatcher.started")
        pause = self._settings.dispatch_poll_seconds
        try:
            while True:
                self._signal.clear()  # a wake during the pass below keeps it set: no lost wake-ups
                try:
                    handled = await self.dispatch_once()
                    pause = self._settings.dispatch_poll_seconds
                except Exception as exc:
                    # The type only: a database error's text carries bound values (addresses).
                    log.error("dispatcher.pass_failed", error=type(exc).__name__)
                    handled, pause = 0, min(pause * 2, 30.0)
                if handled < self._settings.dispatch_batch_size:
                    await self._signal.wait(pause)
        finally:
            log.info("dispatcher.stopped")

    async def dispatch_once(self) -> int:
        """Send one batch of due rows, oldest first; return how many were attempted."""
        now = datetime.now(UTC)
        async with self._sessions() as session, session.begin():
            rows = await NotificationRepository(session).claim_due(
                now=now,
                limit=self._settings.dispatch_batch_size,
                lease_until=now + timedelta(seconds=self._settings.dispatch_lease_seconds),
            )
        in_flight = asyncio.Semaphore(self._settings.dispatch_concurrency)

        async def deliver(row: Any) -> None:
            async with in_flight:
                with structlog.contextvars.bound_contextvars(
                    notification_id=row.id,
                    correlation_id=row.correlation_id,
                    subject=row.recipient_nip,
                ):
                    await self._deliver(row)

        # _deliver records every failure itself, so one row's trouble never cancels the others.
        async with asyncio.TaskGroup() as group:
            for row in rows:
                group.create_task(deliver(row))
        return len(rows)

    async def _send(self, row: Any) -> None:
        if row.channel != NotificationChannel.WEBHOOK:
            mail = OutgoingMail(
                row.id, row.recipient_address or "", row.subject or "", row.body or ""
            )
            await self._mailer.send(mail)
            return
        # Looked up at send time: a rotated secret or URL applies to the retries too.
        subscriber = self._subscribers.get(row.recipient_address or "")
        if subscriber is None or self._webhooks is None:
            raise PermanentMailError(f"webhook subscriber {row.recipient_address} not configured")
        await self._webhooks.send(OutgoingWebhook(row.id, subscriber, (row.body or "").encode()))

    async def _deliver(self, row: Any) -> None:
        try:
            await self._send(row)
        except Exception as exc:  # CancelledError is not an Exception: cancellation still stops us
            await self._settle(self._failed_attempt, row, exc)
            return
        await self._settle(self._sent, row)

    async def _settle(self, outcome: Callable[..., Any], row: Any, *args: Any) -> None:
        """Record an outcome; a database failure here is logged, and the lease brings it back."""
        try:
            wrote_event = await outcome(row, *args)
        except Exception as exc:
            log.error("notification.outcome_not_recorded", error=type(exc).__name__)
            return
        if wrote_event:
            self._on_outbox_commit()

    async def _sent(self, row: Any) -> bool:
        now = datetime.now(UTC)
        data = NotificationSent(**_about(row), sent_at=now)
        changes = {"status": SENT, "sent_at": now, "attempts": row.attempts + 1, "last_error": None}
        written = await self._finish(row, changes, data)
        log.info(
            "notification.sent",
            template=row.template,
            channel=row.channel,
            recipient_role=row.recipient_role,
        )
        return written

    async def _failed_attempt(self, row: Any, exc: Exception) -> bool:
        attempts = row.attempts + 1
        reason = describe_error(exc, row.recipient_address)
        permanent = is_permanent(exc)
        if not permanent and attempts < self._settings.max_attempts:
            delay = retry_delay(
                attempts, self._settings.retry_base_seconds, self._settings.retry_max_seconds
            )
            # A receiver that said when to come back (Retry-After) is not asked sooner.
            asked = getattr(exc, "retry_after", None) or 0.0
            delay = max(delay, min(asked, self._settings.retry_max_seconds))
            retry_at = datetime.now(UTC) + timedelta(seconds=delay)
            changes = {
                "status": PENDING,
                "attempts": attempts,
                "last_error": reason,
                "next_attempt_at": retry_at,
            }
            await self._finish(row, changes, None)
            log.warning(
                "notification.send_failed_will_retry",
                attempts=attempts,
                retry_in=delay,
                error=reason,
            )
            return False
        now = datetime.now(UTC)
        gave_up = f"gave up after {attempts} attempt(s): {reason}"
        data = NotificationFailed(**_about(row), reason=gave_up, failed_at=now)
        written = await self._finish(
            row, {"status": FAILED, "attempts": attempts, "last_error": reason}, data
        )
        log.error("notification.failed", attempts=attempts, permanent=permanent, error=reason)
        return written

    async def _finish(self, row: Any, changes: dict[str, Any], data: EventData | None) -> bool:
        """Apply the row change and, if it still was ours, write the event: one transaction."""
        async with self._sessions() as session, session.begin():
            if not await NotificationRepository(session).finish(row.id, **changes):
                log.warning("notification.finished_elsewhere")
                return False
            if data is not None:
                event = new_event(
                    data,
                    source=self._settings.event_source,
                    correlation_id=row.correlation_id,
                    causation_id=row.trigger_event_id,
                )
                await outbox.add(session, event)
        return data is not None


def _about(row: Any) -> dict[str, Any]:
    """What NotificationSent and NotificationFailed say about a row: no address, no text."""
    return {
        "notification_id": row.id,
        "channel": row.channel,
        "recipient_role": row.recipient_role,
        "recipient_nip": row.recipient_nip,
        "template": row.template,
        "trigger_event_id": row.trigger_event_id,
        "trigger_event_type": row.trigger_event_type,
    }
