"""What every service's `handlers.py` is made of: the context a handler gets, and its table.

A service declares which use case applies each event it consumes, once, as a typed table:

    HandlerTable(
        on(AssessmentSubmitted, self.on_assessment_submitted),
        on(EmployeeProfileUpdated, self.on_profile),
    )

`on` ties the model to a handler that takes `HandlerContext[ThatModel]`, so the type checker
refuses a handler given the wrong event. The consumer (consumer.py) looks the delivery's type up
in the table and awaits `route.handler(context)`; `HandlerTable.describe()` names every handler
by module and function, and the service logs it at start-up (`service.started`, `handlers`),
so a reader follows a delivery from the consumer into the use case without reading main.py.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from ..catalog import EventData
from ..envelope import CloudEvent, caused_event_id, new_event

E = TypeVar("E", bound=EventData)
E_co = TypeVar("E_co", bound=EventData, covariant=True)

Emit = Callable[[EventData], Awaitable[CloudEvent]]
"""Emit an event in the open transaction (to the outbox); the relay publishes it after commit."""


@dataclass(frozen=True)
class HandlerContext(Generic[E_co]):
    """What a handler gets: the event, its validated data, and the open transaction.

    Covariant in the event: a handler written for any `EventData` (notifications' one handler
    for every notice kind) may stand for a specific event's handler.
    """

    event: CloudEvent
    data: E_co
    session: AsyncSession
    source: str
    emitted: list[CloudEvent] = field(default_factory=list)

    async def emit(self, data: EventData) -> CloudEvent:
        """An event caused by this one, for the outbox, in the handler's transaction.

        Its id derives from the cause (source, id) and its place among what the handler emits,
        so rebuilding a service from the audit stream emits the ids the log already holds.
        """
        event_id = caused_event_id(self.event, len(self.emitted), data.event_type)
        caused = new_event(data, source=self.source, cause=self.event, event_id=event_id)
        # The consumer writes `emitted` to the outbox when the handler returns, still in its
        # transaction: one INSERT for a batch of deliveries (consumer.py).
        self.emitted.append(caused)
        return caused


Handler = Callable[[HandlerContext[E]], Awaitable[None]]


@dataclass(frozen=True)
class Route:
    """One row of a handler table: the event's model and the handler that applies it.

    Made by `on`, which checks that the two agree; the row itself forgets the event's type so
    that a table can hold rows of different events.
    """

    model: type[EventData]
    handler: Handler[Any]

    @property
    def handler_name(self) -> str:
        handler = self.handler
        module = getattr(handler, "__module__", "?")
        return f"{module}.{getattr(handler, '__qualname__', repr(handler))}"


def on(model: type[E], handler: Handler[E]) -> Route:
    """A route from `model` to `handler`; the type checker holds the two to the same event."""
    return Route(model, handler)


class HandlerTable(Mapping[type[EventData], Handler[Any]]):
    """A service's routes, one per event type; readable as a mapping from model to handler."""

    def __init__(self, *routes: Route) -> None:
        self._routes: dict[str, Route] = {}
        for route in routes:
            if route.model.event_type in self._routes:
                raise ValueError(f"{route.model.event_type} has two handlers")
            self._routes[route.model.event_type] = route

    @classmethod
    def of(cls, handlers: Mapping[type[EventData], Handler[Any]]) -> HandlerTable:
        """A table from a plain mapping (tests that stand in a handler of their own)."""
        if isinstance(handlers, HandlerTable):
            return handlers
        return cls(*(Route(model, handler) for model, handler in handlers.items()))

    def route(self, event_type: str) -> Route | None:
        return self._routes.get(event_type)

    @property
    def routing_keys(self) -> set[str]:
        return {route.model.routing_key() for route in self._routes.values()}

    def describe(self) -> dict[str, str]:
        """Each event type and the handler that applies it, by module and name."""
        return {t: self._routes[t].handler_name for t in sorted(self._routes)}

    def __getitem__(self, model: type[EventData]) -> Handler[Any]:
        route = self._routes.get(model.event_type)
        if route is None or route.model is not model:
            raise KeyError(model)
        return route.handler

    def __iter__(self) -> Iterator[type[EventData]]:
        return (route.model for route in self._routes.values())

    def __len__(self) -> int:
        return len(self._routes)
