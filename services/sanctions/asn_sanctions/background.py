"""The timer scheduler beside the consumer: it fires the legal deadlines' durable timers
(handlers.py says which use case each kind calls) every SANCTIONS_TIMER_POLL_SECONDS."""

from __future__ import annotations

from asn_shared.timers.scheduler import TimerScheduler, TimerTask, timer_task

from .adapters.tables import timers
from .handlers import build_timer_handlers
from .settings import SanctionsSettings


def timer_scheduler(settings: SanctionsSettings) -> TimerTask:
    handlers = build_timer_handlers(settings)
    return timer_task(
        lambda runtime: TimerScheduler.for_runtime(
            runtime, handlers, table=timers, interval_seconds=settings.timer_poll_seconds
        )
    )
