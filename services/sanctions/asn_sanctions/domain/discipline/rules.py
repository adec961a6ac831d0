"""What every discipline use case works with: the transaction, the timers, the law's settings.

Built per request (HTTP) or per message/timer, so the calendar is the one ops keep current and
`today` comes from one injectable clock.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from asn_shared.calendar import WorkingCalendar
from asn_shared.catalog import EventData
from asn_shared.envelope import CloudEvent
from asn_shared.timers.store import TimerStore

from ..domain import JAKARTA, jakarta_date
from .authority import InstansiKind
from .catalogue import SedangCatalogue
from .repository import DisciplineRepository

Emit = Callable[[EventData], Awaitable[CloudEvent]]


@dataclass(frozen=True)
class DisciplineRules:
    """The instance's choices where the regulation leaves one (see the README's settings)."""

    sedang: SedangCatalogue
    instansi: InstansiKind
    keberatan_pejabat_filing_days: int  # PP 79/2021 Pasal 7: UNCONFIRMED, 14 assumed


@dataclass
class DisciplineContext:
    repo: DisciplineRepository
    timers: TimerStore
    emit: Emit
    calendar: WorkingCalendar
    rules: DisciplineRules
    now: datetime
    cause: CloudEvent | None = None  # the event being handled; timers keep its correlation

    @property
    def today(self) -> date:
        return jakarta_date(self.now)

    async def schedule(self, kind: str, key: str, due_at: datetime, payload: dict) -> None:
        await self.timers.schedule(kind, key, due_at, payload, cause=self.cause)


def passed(day: date) -> datetime:
    """The moment a deadline ending on `day` has passed: midnight after it, Jakarta time."""
    return datetime.combine(day + timedelta(days=1), time(0), JAKARTA)


def starts(day: date) -> datetime:
    """The first moment of `day` in Jakarta (when a decision takes effect)."""
    return datetime.combine(day, time(0), JAKARTA)
