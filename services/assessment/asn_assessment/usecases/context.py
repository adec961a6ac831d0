"""The Cycle: one transaction's repositories, the way to emit events, and the settings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.catalog import EventData
from asn_shared.envelope import CloudEvent
from asn_shared.persistence.timestamps import as_utc

from ..cycle_repository import CycleRepository
from ..evidence_repository import EvidenceRepository
from ..plan_repository import PlanRepository
from ..repository import AssessmentRepository
from ..settings import AssessmentSettings

Emit = Callable[[EventData], Awaitable[CloudEvent]]


@dataclass
class Cycle:
    session: AsyncSession
    emit: Emit
    settings: AssessmentSettings
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    @cached_property
    def ratings(self) -> AssessmentRepository:
        return AssessmentRepository(self.session)

    @cached_property
    def plans(self) -> PlanRepository:
        return PlanRepository(self.session)

    @cached_property
    def evidence(self) -> EvidenceRepository:
        return EvidenceRepository(self.session)

    @cached_property
    def cycle(self) -> CycleRepository:
        return CycleRepository(self.session)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.local_date(self.clock())

    def local_date(self, moment: datetime) -> date:
        """Deadlines are counted in days as the ASN lives them (the instance's time zone)."""
        return as_utc(moment).astimezone(ZoneInfo(self.settings.timezone)).date()
