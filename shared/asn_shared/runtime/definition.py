"""A service described as data; the runtime and the CLI do the rest."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..catalog import EventData
from ..messaging.handling import Handler, HandlerTable
from ..messaging.topology import ConsumerSpec
from ..settings import ServiceSettings

if TYPE_CHECKING:
    from fastapi import APIRouter

    from .service import ServiceRuntime


@dataclass
class ServiceDefinition:
    name: str
    settings: ServiceSettings
    consumer: ConsumerSpec
    # The service's handlers.py: event type -> the use case that applies it.
    handlers: Mapping[type[EventData], Handler[Any]]
    metadata: sa.MetaData
    migrations_dir: Path
    routers: Sequence[APIRouter] = ()
    # Long-running tasks beside the consumer (e.g. the mail dispatcher), started with the service.
    background: Sequence[Callable[[ServiceRuntime], Coroutine[Any, Any, Any]]] = field(
        default_factory=tuple
    )

    def __post_init__(self) -> None:
        self.handlers = HandlerTable.of(self.handlers)
        missing = {m.routing_key() for m in self.handlers} ^ set(self.consumer.applied_keys)
        if missing:
            raise ValueError(
                f"{self.name}: handlers and queue bindings (with the replayed keys) differ on "
                f"{sorted(missing)}"
            )
