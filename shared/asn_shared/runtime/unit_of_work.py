"""A transaction that may emit events: for HTTP use cases, the same outbox path as handlers.

    async with runtime.unit_of_work() as uow:
        ...  # writes through uow.session
        await uow.emit(SomethingHappened(...))

The events are written to the outbox in the transaction; after the commit the relay is woken.

An official's act over HTTP is itself an event (docs/architecture.md 4b): the command records it
with `record_act` (the act, its actor and time, in the outbox and on the audit stream), then
applies it with the same use case the service's handler runs when a rebuild replays that event.
Events the act causes get the ids the handler would derive (`caused_event_id`), so the live run
and a rebuild write the same rows.

    async with runtime.unit_of_work(actor=caller.nip) as uow:
        act = await uow.record_act(DisciplinarySummonsIssued(...))
        await summons.apply(uow, act)   # the handler of DisciplinarySummonsIssued calls it too
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from ..catalog import EventData
from ..clock import Clock, system_clock
from ..envelope import CloudEvent, caused_event_id, new_event
from ..persistence import inbox, outbox
from ..persistence.engine import Sessions

ACTOR = "actor"  # the CloudEvents extension attribute naming who commanded an event


@dataclass
class UnitOfWork:
    session: AsyncSession
    source: str
    # The command's "now": the time of the events it emits, and what its use cases read.
    clock: Clock = system_clock
    # Who commands (the caller's NIP from the bearer token): every event the command emits
    # carries it in the CloudEvents extension `actor`, so the audit stream shows who did what.
    actor: str | None = None
    # The service's consumer: an act recorded here is claimed in its inbox in this transaction, so
    # the consumer (which binds the service's own acts, to restore them in a rebuild) skips it.
    consumer: str | None = None
    emitted: list[CloudEvent] = field(default_factory=list)
    # The act recorded by this command (record_act): what the events emitted after it are caused by.
    act: CloudEvent | None = None
    _caused: int = 0

    async def record_act(self, data: EventData) -> CloudEvent:
        """Record an official's act as an event: in the outbox, and in this service's inbox as
        already applied here. Events emitted after it are caused by it (ids as a handler's)."""
        if self.consumer is None:
            raise RuntimeError("record_act needs the service's consumer (runtime.unit_of_work)")
        if self.act is not None:
            raise RuntimeError("one act per command: it is what the rest of the command applies")
        event = await self.emit(data)
        await inbox.claim(self.session, self.consumer, event.source, event.id, event.type)
        self.act = event
        return event

    async def emit(
        self,
        data: EventData,
        *,
        cause: CloudEvent | None = None,
        correlation_id: str | None = None,
        causation_id: str | None = None,
        extensions: Mapping[str, str] | None = None,
    ) -> CloudEvent:
        """`correlation_id`/`causation_id` continue a chain whose cause is only known by its ids
        (e.g. read from a stored row or a timer); `cause` takes precedence. After `record_act`,
        the act is the cause, and the id is the one a handler of the act would derive."""
        event_id = None
        if cause is None and self.act is not None:
            cause, event_id = self.act, caused_event_id(self.act, self._caused, data.event_type)
            self._caused += 1
        event = new_event(
            data,
            source=self.source,
            cause=cause,
            correlation_id=correlation_id,
            causation_id=causation_id,
            event_id=event_id,
            time=self.clock(),
            extensions={**({ACTOR: self.actor} if self.actor else {}), **(extensions or {})},
        )
        await outbox.add(self.session, event)
        self.emitted.append(event)
        return event


@asynccontextmanager
async def unit_of_work(
    sessions: Sessions,
    source: str,
    on_commit: Callable[[], None] = lambda: None,
    clock: Clock = system_clock,
    actor: str | None = None,
    consumer: str | None = None,
) -> AsyncIterator[UnitOfWork]:
    async with sessions() as session:
        async with session.begin():
            uow = UnitOfWork(session, source, clock, actor, consumer)
            yield uow
        if uow.emitted:
            on_commit()
