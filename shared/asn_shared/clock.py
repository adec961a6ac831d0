"""The one source of "now" for a command: a function returning an aware UTC datetime.

A service's runtime holds one (`ServiceRuntime.clock`, the system clock in production); HTTP
commands take their time from it through the unit of work, for their state and for the events
they emit alike, so a test that moves it moves the whole command. Consumed events carry their own
time instead (a rebuild from the audit stream must set the same times again).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)
