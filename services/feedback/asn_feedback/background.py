"""The feedback service's long-running loop: the deadline watch, a thin driver of
usecases/deadlines.py."""

from __future__ import annotations

import asyncio

from asn_shared.logging import get_logger
from asn_shared.runtime.service import ServiceRuntime

from .adapters.unit_of_work import FeedbackUnitOfWork
from .settings import FeedbackSettings
from .usecases.deadlines import watch_deadlines

log = get_logger(__name__)


async def deadline_watch(runtime: ServiceRuntime) -> None:
    """Every FEEDBACK_DEADLINE_WATCH_SECONDS, one run of the watch in its own transaction."""
    settings = runtime.settings
    if not isinstance(settings, FeedbackSettings):
        raise TypeError("the deadline watch runs with the feedback service's settings")
    while True:
        try:
            async with runtime.unit_of_work() as opened:
                uow = FeedbackUnitOfWork.opened(opened, settings)
                calendar = settings.holiday_source.calendar()  # re-read when ops change it
                published = await watch_deadlines(uow, uow.today(), calendar)
            if published:
                log.info("complaint.deadline_watch", published=published)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the watch must outlive one bad run; it is logged
            log.exception("complaint.deadline_watch_failed")
        await asyncio.sleep(settings.deadline_watch_seconds)
