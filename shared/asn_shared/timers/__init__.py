"""Durable timers for legal deadlines, kept in the service's own database.

    # models.py                               # migration
    timers = timers_table(metadata)           create_timers_table(op) / drop_timers_table(op)

    # in a use case or handler, in the transaction of the change that calls for the deadline
    await TimerStore(session, timers).schedule("examination", case_id, due_at, {...}, cause=event)

    # the service definition: handlers by kind, fired by a background task
    task = timer_task(lambda rt: TimerScheduler.for_runtime(rt, HANDLERS, table=timers))
    ServiceDefinition(..., background=(task,))

Guarantees: a timer survives restarts (it is a row); it fires once, after its due time on the
injected clock, in one transaction with its handler's writes and events (also with several
replicas on PostgreSQL); a failing handler is retried after a back-off and parked after
`max_attempts`. See shared/README.md.
"""

from .scheduler import (
    TimerContext,
    TimerHandler,
    TimerNoLongerPending,
    TimerScheduler,
    TimerTask,
    timer_task,
    utc_now,
)
from .store import Timer, TimerStore
from .table import create_timers_table, drop_timers_table, timer_columns, timers_table

__all__ = [
    "Timer",
    "TimerContext",
    "TimerHandler",
    "TimerNoLongerPending",
    "TimerScheduler",
    "TimerStore",
    "TimerTask",
    "create_timers_table",
    "drop_timers_table",
    "timer_columns",
    "timer_task",
    "timers_table",
    "utc_now",
]
