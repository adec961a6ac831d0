"""Firing due timers: each in its own transaction, together with its handler's writes and events.

For one timer: claim it (a row lock on PostgreSQL), run the handler for its kind, mark it fired,
commit. The handler's writes, the events it emits (outbox) and `fired_at` commit together, so a
crash before the commit fires the timer again after a restart and nothing after the commit does.
A failure rolls that transaction back; the attempt is counted in a transaction of its own and the
timer waits `retry_backoff_seconds`; after `max_attempts` failures it is parked until an operator
resets it (see shared/README.md).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from ..catalog import EventData
from ..envelope import CloudEvent, new_event
from ..logging import get_logger
from ..persistence import outbox
from ..persistence.engine import Sessions
from .store import Timer, TimerStore, aware_utc

if TYPE_CHECKING:
    from ..runtime.service import ServiceRuntime

log = get_logger(__name__)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class TimerContext:
    """What a timer handler gets: the timer, the open transaction and the clock's reading."""

    timer: Timer
    session: AsyncSession
    now: datetime
    source: str
    table: sa.Table
    emitted: list[CloudEvent] = field(default_factory=list)

    async def emit(
        self, data: EventData, *, extensions: Mapping[str, str] | None = None
    ) -> CloudEvent:
        """Write an event to the outbox in the timer's transaction, in the scheduling chain."""
        event = new_event(
            data,
            source=self.source,
            correlation_id=self.timer.correlation_id,
            causation_id=self.timer.causation_id,
            time=self.now,  # the injected clock's time: a simulated month reads as one
            extensions=extensions,
        )
        await outbox.add(self.session, event)
        self.emitted.append(event)
        return event

    async def schedule(
        self, kind: str, key: str, due_at: datetime, payload: dict[str, Any] | None = None
    ) -> bool:
        """Schedule a follow-up timer in this transaction, keeping the causal chain."""
        return await TimerStore(self.session, self.table).schedule(
            kind,
            key,
            due_at,
            payload,
            correlation_id=self.timer.correlation_id,
            causation_id=self.timer.causation_id,
        )


TimerHandler = Callable[[TimerContext], Awaitable[None]]


class TimerNoLongerPending(RuntimeError):
    """Another scheduler fired or cancelled the timer meanwhile: the effects must not commit."""


class TimerScheduler:
    def __init__(
        self,
        sessions: Sessions,
        *,
        source: str,
        handlers: Mapping[str, TimerHandler],
        table: sa.Table,
        clock: Clock = utc_now,
        on_commit: Callable[[], None] = lambda: None,
        interval_seconds: float = 30.0,
        batch_size: int = 100,
        max_attempts: int = 5,
        retry_backoff_seconds: float = 60.0,
    ) -> None:
        if batch_size < 1 or max_attempts < 1:
            raise ValueError("batch_size and max_attempts must be at least 1")
        if retry_backoff_seconds <= 0:
            # A failed timer must not be claimed again within the same pass.
            raise ValueError("retry_backoff_seconds must be positive")
        self._sessions = sessions
        self._source = source
        self._handlers = dict(handlers)
        self._table = table
        self._clock = clock
        self._on_commit = on_commit
        self._interval = interval_seconds
        self._batch_size = batch_size
        self._max_attempts = max_attempts
        self._backoff = timedelta(seconds=retry_backoff_seconds)
        self._wakeup = asyncio.Event()
        # One pass at a time per scheduler: SQLite has no row locks to keep two passes apart.
        self._firing = asyncio.Lock()

    @classmethod
    def for_runtime(
        cls,
        runtime: ServiceRuntime,
        handlers: Mapping[str, TimerHandler],
        *,
        table: sa.Table,
        **options: Any,
    ) -> TimerScheduler:
        """A scheduler over the service's database, emitting as the service, waking its relay."""
        return cls(
            runtime.sessions,
            source=runtime.settings.event_source,
            handlers=handlers,
            table=table,
            on_commit=runtime.relay.wake,
            **options,
        )

    def wake(self) -> None:
        """Fire now instead of at the next interval (e.g. after scheduling a timer due now)."""
        self._wakeup.set()

    async def fire_due(self) -> int:
        """Fire the timers due at the clock's reading (up to `batch_size`); return how many."""
        fired, _ = await self._fire_batch()
        return fired

    async def run(self) -> None:
        """Fire due timers every `interval_seconds` or when woken, until cancelled."""
        while True:
            self._wakeup.clear()  # before the pass: a wake() during it is not lost
            if await self._run_once():
                continue  # the batch was full: more may be due
            with suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), timeout=self._interval)

    async def _run_once(self) -> bool:
        try:
            fired, full = await self._fire_batch()
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - database away or a bad clock: logged, tried again
            log.exception("timer.pass_failed")
            return False
        if fired:
            log.info("timer.pass", fired=fired)
        return full

    async def _fire_batch(self) -> tuple[int, bool]:
        """(fired, whether the batch limit stopped the pass)."""
        async with self._firing:
            # One reading per pass: a timer that failed in it waits until now + back-off.
            now = aware_utc(self._clock(), "the clock's reading")
            fired = 0
            for _ in range(self._batch_size):
                outcome = await self._fire_one(now)
                if outcome is None:
                    return fired, False
                fired += outcome
            return fired, True

    async def _fire_one(self, now: datetime) -> int | None:
        """1 when a timer fired, 0 when one failed, None when none is due."""
        timer: Timer | None = None
        try:
            async with self._sessions() as session, session.begin():
                store = TimerStore(session, self._table)
                claimed = await store.claim_due(now, 1, max_attempts=self._max_attempts)
                if not claimed:
                    return None
                timer = claimed[0]
                context = TimerContext(timer, session, now, self._source, self._table)
                await self._run_handler(context)
                if not await store.mark_fired(timer.id, now):
                    raise TimerNoLongerPending(f"timer {timer.id} was fired or cancelled meanwhile")
        except Exception as exc:
            if timer is None:
                raise  # the claim itself failed: nothing to count against a timer
            await self._record_failure(timer, now, exc)
            return 0
        log.info("timer.fired", timer_id=timer.id, kind=timer.kind, key=timer.key)
        if context.emitted:
            self._on_commit()
        return 1

    async def _run_handler(self, context: TimerContext) -> None:
        timer = context.timer
        handler = self._handlers.get(timer.kind)
        if handler is None:
            known = ", ".join(sorted(self._handlers)) or "none"
            raise LookupError(f"no handler for timer kind {timer.kind!r} (known: {known})")
        with structlog.contextvars.bound_contextvars(
            timer_id=timer.id, timer_kind=timer.kind, correlation_id=timer.correlation_id
        ):
            await handler(context)

    async def _record_failure(self, timer: Timer, now: datetime, exc: Exception) -> None:
        error = f"{type(exc).__name__}: {exc}"
        retry_at = now + self._backoff
        async with self._sessions() as session, session.begin():
            recorded = await TimerStore(session, self._table).record_failure(
                timer.id, error, retry_at
            )
        attempts = timer.attempts + 1
        fields = {"timer_id": timer.id, "kind": timer.kind, "key": timer.key, "error": error}
        if not recorded:
            log.warning("timer.settled_elsewhere", **fields)
        elif attempts >= self._max_attempts:
            log.error("timer.parked", attempts=attempts, exc_info=exc, **fields)
        else:
            log.warning(
                "timer.failed_will_retry",
                attempts=attempts,
                retry_at=retry_at.isoformat(),
                exc_info=exc,
                **fields,
            )


class TimerTask:
    """A service's background task running a scheduler built from the runtime at start-up.

    Listed in `ServiceDefinition.background`; keep a reference to `wake()` it from use cases.
    """

    __name__ = "timers"  # the runtime names the asyncio task after it

    def __init__(self, build_scheduler: Callable[[ServiceRuntime], TimerScheduler]) -> None:
        self._build = build_scheduler
        self.scheduler: TimerScheduler | None = None

    async def __call__(self, runtime: ServiceRuntime) -> None:
        self.scheduler = self._build(runtime)
        await self.scheduler.run()

    def wake(self) -> None:
        if self.scheduler is not None:  # before start-up the first pass comes anyway
            self.scheduler.wake()


def timer_task(build_scheduler: Callable[[ServiceRuntime], TimerScheduler]) -> TimerTask:
    return TimerTask(build_scheduler)
