"""The unit of work every use case takes: one transaction's repositories, the way to emit
events, the way to record a person's act (HTTP commands only), the mail renderer and the clock.

Its session comes from the consumer's delivery (HandlerContext.session, handlers.py), from a
transaction opened for a request (api/common.py: the runtime's, which records acts) or for a
dispatcher or digest pass (background.py, through `unit_of_work` below).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from asn_shared.catalog import EventData
from asn_shared.envelope import CloudEvent, new_event
from asn_shared.messaging.handling import Emit
from asn_shared.persistence import outbox

from .complaint_contacts import ComplaintContactRepository
from .inbox import InboxRepository
from .notices import NoticeRepository
from .people import PeopleRepository
from .preferences import PreferenceRepository
from .rendering import MailRenderer
from .signal import DispatchSignal

Sessions = async_sessionmaker[AsyncSession]
"""Where the background tasks and the HTTP API open their transactions (the runtime's)."""


RecordAct = Callable[[EventData], Awaitable[CloudEvent]]
"""asn_shared.runtime.unit_of_work.UnitOfWork.record_act: the act in the outbox, with its actor,
and already claimed in this service's inbox (its handler applies it only in a rebuild)."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class NotificationsUnitOfWork:
    def __init__(
        self,
        session: AsyncSession,
        emit: Emit,
        *,
        renderer: MailRenderer | None = None,
        signal: DispatchSignal | None = None,
        clock: Callable[[], datetime] = _utc_now,
        acts: RecordAct | None = None,
    ) -> None:
        self.session = session
        self.emit = emit
        self._acts = acts
        self._renderer = renderer
        self._signal = signal
        self._clock = clock
        self._wakes_dispatcher = False

    @cached_property
    def people(self) -> PeopleRepository:
        return PeopleRepository(self.session)

    @cached_property
    def notices(self) -> NoticeRepository:
        return NoticeRepository(self.session)

    @cached_property
    def preferences(self) -> PreferenceRepository:
        return PreferenceRepository(self.session)

    @cached_property
    def inbox(self) -> InboxRepository:
        return InboxRepository(self.session)

    @cached_property
    def complaint_contacts(self) -> ComplaintContactRepository:
        return ComplaintContactRepository(self.session)

    @property
    def renderer(self) -> MailRenderer:
        if self._renderer is None:
            raise RuntimeError("this unit of work was opened without a mail renderer")
        return self._renderer

    def now(self) -> datetime:
        return self._clock()

    async def record_act(self, data: EventData) -> CloudEvent:
        """Record a person's act (domain/acts.py) as an event of this transaction; the command
        then applies it as the act's handler does in a rebuild, from the event."""
        if self._acts is None:
            raise RuntimeError(f"{data.event_type}: only an HTTP command records an act")
        return await self._acts(data)

    def wake_dispatcher_after_commit(self) -> None:
        """A due notice was recorded: wake the dispatcher once this transaction commits."""
        if self._signal is not None and not self._wakes_dispatcher:
            self._signal.wake_after_commit(self.session)
            self._wakes_dispatcher = True


@dataclass(frozen=True)
class Cause:
    """What events emitted outside a delivery continue: the chain of the notice's trigger."""

    source: str
    correlation_id: str
    causation_id: str


@asynccontextmanager
async def unit_of_work(
    sessions: Sessions,
    *,
    cause: Cause | None = None,
    renderer: MailRenderer | None = None,
) -> AsyncIterator[NotificationsUnitOfWork]:
    """A unit of work on a transaction of its own: committed when the block ends, rolled back
    when it raises. Without a `cause` it refuses to emit (nothing to continue)."""
    async with sessions() as session, session.begin():
        emit = _outbox_emit(session, cause) if cause else _no_events
        yield NotificationsUnitOfWork(session, emit, renderer=renderer)


@asynccontextmanager
async def shared_transaction(
    sessions: Sessions,
) -> AsyncIterator[Callable[[Cause], NotificationsUnitOfWork]]:
    """One transaction for several units of work, each emitting in its own cause's chain: the
    dispatcher settles a batch's outcomes together. Committed when the block ends."""
    async with sessions() as session, session.begin():
        yield lambda cause: NotificationsUnitOfWork(session, _outbox_emit(session, cause))


def _outbox_emit(session: AsyncSession, cause: Cause) -> Emit:
    async def emit(data: EventData) -> CloudEvent:
        event = new_event(
            data,
            source=cause.source,
            correlation_id=cause.correlation_id,
            causation_id=cause.causation_id,
        )
        await outbox.add(session, event)
        return event

    return emit


async def _no_events(data: EventData) -> CloudEvent:
    raise RuntimeError(f"{data.event_type}: this unit of work emits no events")
