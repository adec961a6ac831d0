"""Composition root: settings -> definition; the console script `sanctions-service`."""

from pathlib import Path

from asn_shared.runtime import ServiceDefinition
from asn_shared.runtime.cli import main_for
from asn_shared.timers.scheduler import TimerScheduler, timer_task

from .api import router
from .coaching.api import router as coaching_router
from .discipline.api import router as discipline_router
from .handlers import build_handlers
from .models import metadata, timers
from .settings import SanctionsSettings
from .subscriptions import CONSUMER
from .timer_handlers import TIMER_HANDLERS


def build(settings: SanctionsSettings | None = None) -> ServiceDefinition:
    settings = settings or SanctionsSettings()
    scheduler = timer_task(
        lambda runtime: TimerScheduler.for_runtime(
            runtime, TIMER_HANDLERS, table=timers, interval_seconds=settings.timer_poll_seconds
        )
    )
    return ServiceDefinition(
        name="sanctions",
        settings=settings,
        consumer=CONSUMER,
        handlers=build_handlers(settings),
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        routers=[router, discipline_router, coaching_router],
        background=(scheduler,),
    )


main = main_for(build, "sanctions")
