"""The sanctions unit of work: one transaction's repositories and timers, the way to emit events,
the settings, and the clock's reading.

Opened per delivery (handlers.py: "now" is the event's own time, so a rebuild from the audit
stream records the same times), per due timer (the scheduler's reading) and per HTTP request
(the app's clock, which tests move).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.calendar import WorkingCalendar
from asn_shared.envelope import CloudEvent
from asn_shared.messaging.handling import Emit
from asn_shared.timers.store import TimerStore

from ..domain.dates import jakarta_date
from ..domain.discipline.rules import DisciplineRules
from ..settings import SanctionsSettings
from .coaching_repository import CoachingRepository
from .discipline_repository import DisciplineRepository
from .employee_repository import EmployeeRepository
from .follow_up_repository import FollowUpRepository
from .tables import timers
from .unit_service_repository import UnitServiceRepository


class SanctionsRepositories:
    """The repositories and the durable timers over one session (all a read needs)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

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


class SanctionsUnitOfWork(SanctionsRepositories):
    """What every use case works with. `now` is read once, so one step's writes share a time;
    `cause` is the event being handled (None for HTTP and timers): timers keep its correlation."""

    def __init__(
        self,
        session: AsyncSession,
        emit: Emit,
        settings: SanctionsSettings,
        now: datetime,
        cause: CloudEvent | None = None,
    ) -> None:
        super().__init__(session)
        self.emit = emit
        self.settings = settings
        self.now = now
        self.cause = cause

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
