"""The service's two background tasks, thin loops around use cases: the dispatcher (sending the
notification outbox's due rows: usecases/dispatch.py) and the daily digest (usecases/digest.py).

Dispatcher: rows are claimed in a short transaction (leased via next_attempt_at, FOR UPDATE SKIP
LOCKED on PostgreSQL) and sent outside any transaction, so a slow server never holds a database
lock. Up to dispatch_concurrency rows of a batch are in flight at once. The batch's outcomes are
recorded in one transaction once all are sent (each in its own if that fails). A crash between
send and commit resends after the lease: at-least-once, like every other delivery in the
system. INBOX rows never wait here (they are delivered when recorded).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import structlog

from asn_shared.logging import get_logger

from .adapters.mailer import SmtpMailer
from .adapters.rendering import MailRenderer
from .adapters.signal import DispatchSignal
from .adapters.unit_of_work import (
    Cause,
    NotificationsUnitOfWork,
    Sessions,
    shared_transaction,
    unit_of_work,
)
from .adapters.webhook_sender import WebhookSender
from .domain.delivery import RetryPolicy
from .domain.outbox import Notice
from .domain.webhooks import WebhookSubscriber
from .settings import NotificationsSettings
from .usecases import dispatch
from .usecases.digest import fold_held_mails

if TYPE_CHECKING:
    from asn_shared.runtime.service import ServiceRuntime

log = get_logger(__name__)

Outcome = Callable[[NotificationsUnitOfWork], Awaitable[bool]]


class MailDispatcher:
    def __init__(
        self,
        sessions: Sessions,
        mailer: dispatch.Mailer,
        settings: NotificationsSettings,
        *,
        on_outbox_commit: Callable[[], None] = lambda: None,
        signal: DispatchSignal | None = None,
        webhooks: dispatch.WebhookPoster | None = None,
        subscribers: Sequence[WebhookSubscriber] = (),
    ) -> None:
        self._sessions = sessions
        self._channels = dispatch.Channels(mailer, webhooks, {s.id: s for s in subscribers})
        self._settings = settings
        self._retries = RetryPolicy(
            settings.max_attempts, settings.retry_base_seconds, settings.retry_max_seconds
        )
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
        async with unit_of_work(self._sessions) as uow:
            notices = await dispatch.claim_due(
                uow,
                batch_size=self._settings.dispatch_batch_size,
                lease_seconds=self._settings.dispatch_lease_seconds,
            )
        in_flight = asyncio.Semaphore(self._settings.dispatch_concurrency)

        async def deliver(notice: Notice) -> tuple[Notice, Outcome]:
            async with in_flight:
                with self._about(notice):
                    return notice, await self._deliver(notice)

        # _deliver turns every failure into its outcome, so one row's trouble never cancels
        # the others.
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(deliver(notice)) for notice in notices]
        await self._settle_together([task.result() for task in tasks])
        return len(notices)

    def _about(self, notice: Notice) -> Any:
        return structlog.contextvars.bound_contextvars(
            notification_id=notice.id,
            correlation_id=notice.correlation_id,
            subject=notice.recipient_nip,
        )

    async def _deliver(self, notice: Notice) -> Outcome:
        """Send `notice`; what to record of how it went."""
        try:
            await dispatch.send(notice, self._channels)
        except Exception as exc:  # CancelledError is not an Exception: cancellation still stops us
            failure = exc  # `exc` is unbound when the block ends; the outcome is awaited later
            return lambda uow: dispatch.record_failed_attempt(uow, notice, failure, self._retries)
        return lambda uow: dispatch.record_sent(uow, notice)

    async def _settle_together(self, outcomes: list[tuple[Notice, Outcome]]) -> None:
        """Record a batch's outcomes in one transaction (a transaction each cost most of a
        mail: bench/README.md); if that fails, each in its own, so one bad row does not hold
        back the others. A database failure there is logged, and the lease brings the row back."""
        try:
            wrote = []
            async with shared_transaction(self._sessions) as unit_for:
                for notice, outcome in outcomes:
                    with self._about(notice):
                        wrote.append(await outcome(unit_for(self._cause(notice))))
        except Exception as exc:
            log.warning("dispatcher.batch_outcomes_one_by_one", error=type(exc).__name__)
            for notice, outcome in outcomes:
                with self._about(notice):
                    await self._settle(notice, outcome)
            return
        if any(wrote):
            self._on_outbox_commit()

    def _cause(self, notice: Notice) -> Cause:
        # The events continue the trigger's chain: its correlation id, caused by it.
        return Cause(self._settings.event_source, notice.correlation_id, notice.trigger_event_id)

    async def _settle(self, notice: Notice, outcome: Outcome) -> None:
        """Record one outcome in its own transaction."""
        try:
            async with unit_of_work(self._sessions, cause=self._cause(notice)) as uow:
                wrote_event = await outcome(uow)
        except Exception as exc:
            log.error("notification.outcome_not_recorded", error=type(exc).__name__)
            return
        if wrote_event:
            self._on_outbox_commit()


async def assemble_digests(
    sessions: Sessions, renderer: MailRenderer, now: datetime, digest_hour: int
) -> int:
    """One digest pass in its own transaction; the number of digests made."""
    async with unit_of_work(sessions, renderer=renderer) as uow:
        return await fold_held_mails(uow, now, digest_hour)


async def run_digests(
    sessions: Sessions,
    renderer: MailRenderer,
    settings: NotificationsSettings,
    signal: DispatchSignal,
) -> None:
    """The digest loop: assemble due digests every digest_poll_seconds until cancelled."""
    log.info("digest.started", digest_hour=settings.digest_hour)
    try:
        while True:
            try:
                now = datetime.now(UTC)
                if await assemble_digests(sessions, renderer, now, settings.digest_hour):
                    signal.wake()
            except Exception as exc:
                # The type only: a database error's text carries bound values (addresses).
                log.error("digest.pass_failed", error=type(exc).__name__)
            await asyncio.sleep(settings.digest_poll_seconds)
    finally:
        log.info("digest.stopped")


def dispatcher_task(
    signal: DispatchSignal,
) -> Callable[[ServiceRuntime], Coroutine[None, None, None]]:
    """The dispatcher as a ServiceDefinition background task, wired from the runtime."""

    async def dispatcher(runtime: ServiceRuntime) -> None:
        settings = runtime.settings
        assert isinstance(settings, NotificationsSettings), "main.build() passes these settings"
        webhooks = WebhookSender(timeout=settings.webhook_timeout_seconds)
        mailer = SmtpMailer(settings)
        try:
            await MailDispatcher(
                runtime.sessions,
                mailer,
                settings,
                on_outbox_commit=runtime.relay.wake,
                signal=signal,
                webhooks=webhooks,
                subscribers=settings.webhook_subscribers,
            ).run()
        finally:
            await webhooks.aclose()
            await mailer.close()

    return dispatcher


def digest_task(
    renderer: MailRenderer, signal: DispatchSignal
) -> Callable[[ServiceRuntime], Coroutine[None, None, None]]:
    """The daily digest as a ServiceDefinition background task."""

    async def daily_digest(runtime: ServiceRuntime) -> None:
        settings = runtime.settings
        assert isinstance(settings, NotificationsSettings), "main.build() passes these settings"
        await run_digests(runtime.sessions, renderer, settings, signal)

    return daily_digest
