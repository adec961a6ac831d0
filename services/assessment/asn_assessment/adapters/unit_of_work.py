"""The Cycle: one transaction's repositories, the way to emit events, the settings and the clock.

Every use case takes one, so the message handlers and the HTTP API run the same code; the
session it wraps comes from the consumer's delivery (HandlerContext.session) or from the
runtime's unit of work for a request (api/common.py).

An HTTP command records its act (`record_act`: the runtime's UnitOfWork.record_act) and applies
it with the cycle that act returns, whose "now" is the act's time: the same use case, with the
same "now", as the handler that applies the act when a rebuild replays it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.catalog import EventData
from asn_shared.envelope import CloudEvent
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
    # An HTTP command's way to record its act (UnitOfWork.record_act); none in a handler, which
    # applies acts and records none.
    record: Callable[[EventData], Awaitable[CloudEvent]] | None = None

    async def record_act(self, data: EventData) -> tuple[Cycle, CloudEvent]:
        """Record an official's act on the log; the cycle returned applies it at the act's time
        (what the act's handler does in a rebuild), and what it emits is caused by the act."""
        if self.record is None:
            raise RuntimeError("only an HTTP command records an act")
        act = await self.record(data)
        return self.at(act.time), act

    def at(self, moment: datetime) -> Cycle:
        """This transaction with its "now" fixed at `moment`."""
        return replace(self, clock=lambda: moment, record=None)

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
