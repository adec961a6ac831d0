"""A transaction that may emit events: for HTTP use cases, the same outbox path as handlers.

    async with runtime.unit_of_work() as uow:
        ...  # writes through uow.session
        await uow.emit(SomethingHappened(...))

The events are written to the outbox in the transaction; after the commit the relay is woken.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from ..catalog import EventData
from ..clock import Clock, system_clock
from ..envelope import CloudEvent, new_event
from ..persistence import outbox
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
    emitted: list[CloudEvent] = field(default_factory=list)

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
        (e.g. read from a stored row or a timer); `cause` takes precedence."""
        event = new_event(
            data,
            source=self.source,
            cause=cause,
            correlation_id=correlation_id,
            causation_id=causation_id,
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
) -> AsyncIterator[UnitOfWork]:
    async with sessions() as session:
        async with session.begin():
            uow = UnitOfWork(session, source, clock, actor)
            yield uow
        if uow.emitted:
            on_commit()
