"""A case's deadlines that passed before an official's step, fired first, in the step's
transaction, each as of its due time.

The timer scheduler fires a deadline every SANCTIONS_TIMER_POLL_SECONDS, so an official's step
nearly always finds its case as the deadlines left it: a window judged, a decision in force, a
duty flagged. A step taken in the seconds before the scheduler got there, and every act a rebuild
replays from the audit stream (where the scheduler fires nothing between the events), would not:
the re-test would find the window still open, a keberatan would skip the decision's taking
effect. So a step first fires its own case's timers due by its time, through the same timer
handlers (handlers.py), dated at their due time as the scheduler dates them; the live run and the
rebuild then write the same rows.

A timer that failed before (attempts counted) is left to the scheduler and its operator. One that
the scheduler holds right now (PostgreSQL row locks, SKIP LOCKED) is not waited for.
"""

from __future__ import annotations

import uuid

from asn_shared.logging import get_logger
from asn_shared.timers.scheduler import TimerContext

from ..adapters.tables import timers
from ..adapters.unit_of_work import SanctionsUnitOfWork

log = get_logger(__name__)


async def fire_overdue(uow: SanctionsUnitOfWork, case_id: uuid.UUID) -> int:
    """Fire the case's pending timers due by `uow.now`, soonest first; how many fired."""
    handlers = uow.timer_handlers
    if handlers is None:
        return 0
    fired = 0
    for timer in await uow.overdue_timers(str(case_id), uow.now):
        handler = handlers.get(timer.kind)
        if handler is None:
            raise LookupError(f"no handler for timer kind {timer.kind!r}")
        context = TimerContext(timer, uow.session, timer.due_at, uow.settings.event_source, timers)
        await handler(context)
        if await uow.timers.mark_fired(timer.id, timer.due_at):
            fired += 1
            log.info("timer.fired_before_step", kind=timer.kind, key=timer.key)
    return fired
