"""The Cycle: one transaction's repositories, the way to emit events, the settings and the clock.

Every use case takes one, so the message handlers and the HTTP API run the same code; the
session it wraps comes from the consumer's delivery (HandlerContext.session) or from the
runtime's unit of work for a request (api/common.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.messaging.handling import Emit
from asn_shared.persistence.timestamps import as_utc

from ..settings import AssessmentSettings
from .cycle_repository import CycleRepository
from .evidence_repository import EvidenceRepository
from .plan_repository import PlanRepository
from .rating_repository import AssessmentRepository


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Cycle:
    session: AsyncSession
    emit: Emit
    settings: AssessmentSettings
    clock: Callable[[], datetime] = field(default=_utc_now)

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
