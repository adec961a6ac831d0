"""The feedback unit of work: one transaction's repositories, the way to emit events, the settings
and the clock. The handlers open it on a delivery's transaction (handlers.py), the HTTP API on a
request's (api/common.py) and the deadline watch on its own (background.py), so all three run the
same use cases.

An official's act over HTTP is recorded (`record_act`) and then applied with the same use case
the act's handler runs when a rebuild replays it, on a unit of work whose clock is stopped at the
act's time (`at`): what applying it writes depends on the act alone."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.catalog import EventData
from asn_shared.clock import Clock, system_clock
from asn_shared.envelope import CloudEvent
from asn_shared.messaging.handling import Emit
from asn_shared.runtime.unit_of_work import UnitOfWork

from ..domain.complaints import local_date
from ..settings import FeedbackSettings
from .complaints import ComplaintRepository
from .handling import HandlingRepository
from .notes import NoteSeal, note_seal
from .open311 import Open311Repository
from .satisfaction import SatisfactionRepository

A = TypeVar("A", bound=EventData)


class EmitWithExtensions(Protocol):
    """An emit that may add CloudEvents extension attributes (the runtime's unit of work has it):
    how this service's own doors carry a sealed contact."""

    def __call__(
        self, data: EventData, *, extensions: Mapping[str, str] | None = None
    ) -> Awaitable[CloudEvent]: ...


@dataclass
class FeedbackReader:
    """The repositories over one session, for queries that change nothing."""

    session: AsyncSession

    @cached_property
    def complaints(self) -> ComplaintRepository:
        return ComplaintRepository(self.session)

    @cached_property
    def handling(self) -> HandlingRepository:
        return HandlingRepository(self.session)

    @cached_property
    def satisfaction(self) -> SatisfactionRepository:
        return SatisfactionRepository(self.session)

    @cached_property
    def open311(self) -> Open311Repository:
        return Open311Repository(self.session)


@dataclass
class FeedbackUnitOfWork(FeedbackReader):
    """A transaction that may change things and emit events (through the outbox)."""

    emit: Emit
    settings: FeedbackSettings
    clock: Clock = system_clock
    # Only a unit of work opened by the runtime (HTTP, background) can add extension attributes;
    # a handler's emits derive their ids from the delivery and carry none.
    emit_with_extensions: EmitWithExtensions | None = None
    # Only the runtime's unit of work (HTTP) records an official's act; a handler replays one.
    act_recorder: Emit | None = None

    @classmethod
    def opened(cls, uow: UnitOfWork, settings: FeedbackSettings) -> FeedbackUnitOfWork:
        """On a transaction the runtime opened (asn_shared.runtime.unit_of_work)."""
        return cls(
            uow.session,
            uow.emit,
            settings,
            uow.clock,
            emit_with_extensions=uow.emit,
            act_recorder=uow.record_act,
        )

    async def record_act(self, data: A) -> tuple[FeedbackUnitOfWork, A]:
        """Record an official's act (in the outbox, with its actor; asn_shared's record_act).
        Returns the unit of work to apply it with (its clock at the act's time) and the act as
        the log holds it: exactly what the act's handler applies in a rebuild."""
        if self.act_recorder is None:
            raise RuntimeError("an act is recorded from the runtime's unit of work (HTTP)")
        event = await self.act_recorder(data)
        return self.at(event.time), type(data).model_validate(event.data or {})

    def at(self, moment: datetime) -> FeedbackUnitOfWork:
        """This transaction with its clock stopped at `moment` (an act's time, kept in UTC)."""
        stopped = moment.astimezone(UTC)
        return replace(self, clock=lambda: stopped)

    @property
    def note_seal(self) -> NoteSeal | None:
        """What seals and opens a step's note (FEEDBACK_CONTACT_KEY); None without a key."""
        return note_seal(self.settings.contact_key)

    async def emit_with(self, data: EventData, extensions: Mapping[str, str]) -> CloudEvent:
        if self.emit_with_extensions is None:
            raise RuntimeError("extension attributes are emitted from the runtime's unit of work")
        return await self.emit_with_extensions(data, extensions=extensions)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """Days are counted on the provider's calendar, Asia/Jakarta (domain/complaints.py)."""
        return local_date(self.clock())
