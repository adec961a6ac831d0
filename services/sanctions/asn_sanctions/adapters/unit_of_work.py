"""The sanctions unit of work: one transaction's repositories and timers, the way to emit events,
the settings, and the clock's reading.

Opened per delivery (handlers.py: "now" is the event's own time, so a rebuild from the audit
stream records the same times), per due timer (the timer's due time: what a deadline does is
dated when it passed, whenever the scheduler gets to it) and per HTTP request (the app's clock,
which tests move). An HTTP command records its act (`record_act`): from then on "now" is the
act's time and the act is the cause of the timers it sets, as when its handler replays it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.calendar import WorkingCalendar
from asn_shared.catalog import EventData
from asn_shared.envelope import CloudEvent
from asn_shared.messaging.handling import Emit
from asn_shared.timers.scheduler import TimerHandler
from asn_shared.timers.store import Timer, TimerStore

from ..domain.dates import jakarta_date
from ..domain.discipline.rules import DisciplineRules
from ..settings import SanctionsSettings
from .coaching_repository import CoachingRepository
from .discipline_repository import DisciplineRepository
from .employee_repository import EmployeeRepository
from .follow_up_repository import FollowUpRepository
from .overdue_timers import overdue_timers
from .tables import timers
from .unit_service_repository import UnitServiceRepository


class SanctionsRepositories:
    """The repositories and the durable timers over one session (all a read needs)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def session(self) -> AsyncSession:
        """The transaction itself: a timer fired inside a command runs in it (usecases/overdue)."""
        return self._session

    @cached_property
    def employees(self) -> EmployeeRepository:
        return EmployeeRepository(self._session)

    @cached_property
    def follow_ups(self) -> FollowUpRepository:
        return FollowUpRepository(self._session)

    @cached_property
    def coaching(self) -> CoachingRepository:
        return CoachingRepository(self._session)

    @cached_property
    def discipline(self) -> DisciplineRepository:
        return DisciplineRepository(self._session)

    @cached_property
    def unit_service(self) -> UnitServiceRepository:
        return UnitServiceRepository(self._session)

    @cached_property
    def timers(self) -> TimerStore:
        return TimerStore(self._session, timers)

    async def overdue_timers(self, key_prefix: str, now: datetime) -> list[Timer]:
        """Pending timers of `key_prefix` due by `now`, locked (adapters/overdue_timers.py)."""
        return await overdue_timers(self._session, key_prefix, now)


RecordAct = Callable[[EventData], Awaitable[CloudEvent]]


class SanctionsUnitOfWork(SanctionsRepositories):
    """What every use case works with. `now` is read once, so one step's writes share a time;
    `cause` is the event being handled, or the act an HTTP command recorded (None for timers):
    timers keep its correlation. `timer_handlers`: the service's, for a step that first fires its
    case's overdue timers (usecases/overdue.py); None where no step is taken (timers)."""

    def __init__(
        self,
        session: AsyncSession,
        emit: Emit,
        settings: SanctionsSettings,
        now: datetime,
        cause: CloudEvent | None = None,
        *,
        record: RecordAct | None = None,
        timer_handlers: Mapping[str, TimerHandler] | None = None,
    ) -> None:
        super().__init__(session)
        self.emit = emit
        self.settings = settings
        self.now = now
        self.cause = cause
        self.timer_handlers = timer_handlers
        self._record = record

    async def record_act(self, act: EventData) -> CloudEvent:
        """An HTTP command's act, on the log (asn_shared UnitOfWork.record_act): what the command
        writes next is dated at the act's time and caused by it, as its handler writes it in a
        rebuild."""
        if self._record is None:
            raise RuntimeError("only an HTTP command records an act")
        event = await self._record(act)
        self.cause = event
        self.now = event.time.astimezone(UTC)
        return event

    @property
    def today(self) -> date:
        return jakarta_date(self.now)

    @cached_property
    def calendar(self) -> WorkingCalendar:
        """The holiday calendar ops keep current, read once per unit of work."""
        return self.settings.holiday_source.calendar()

    @property
    def rules(self) -> DisciplineRules:
        return self.settings.discipline_rules

    async def schedule(
        self, kind: str, key: str, due_at: datetime, payload: dict[str, Any]
    ) -> None:
        await self.timers.schedule(kind, key, due_at, payload, cause=self.cause)
