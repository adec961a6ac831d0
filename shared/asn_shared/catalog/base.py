"""Base class and registry for the event catalog.

Every event of docs/agency-contract-v1.md is a pydantic model registered here under its name and
version. The routing key is derived from the name exactly as the contract says:
`AssessmentSubmitted` v1 -> `assessment.submitted.v1`.
"""

from __future__ import annotations

import re
from typing import ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict


class EventData(BaseModel):
    """The `data` of one CloudEvent.

    Tolerant reader: unknown fields are ignored, so publishers may add optional fields within a
    version without breaking consumers. Strict on what is declared.
    """

    model_config = ConfigDict(extra="ignore", frozen=True, use_enum_values=False)

    event_type: ClassVar[str]
    version: ClassVar[int] = 1
    # Who may publish it: "agency" (other agencies, the contract's inbound side) or the name of
    # the one service of ours that owns it.
    publisher: ClassVar[str]

    @classmethod
    def routing_key(cls) -> str:
        return routing_key_for(cls.event_type, cls.version)

    def subject(self) -> str | None:
        """The CloudEvents `subject`: the NIP (or unit id) the event is about."""
        for field in ("nip", "subject_nip", "unit_id"):
            value = getattr(self, field, None)
            if value:
                return str(value)
        return None


_WORD = re.compile(r"[A-Z][a-z0-9]*")


def routing_key_for(event_type: str, version: int) -> str:
    words = _WORD.findall(event_type)
    if "".join(words) != event_type:
        raise ValueError(f"event name {event_type!r} is not CamelCase")
    return ".".join(w.lower() for w in words) + f".v{version}"


E = TypeVar("E", bound=type[EventData])

_REGISTRY: dict[tuple[str, int], type[EventData]] = {}


def register(model: E) -> E:
    """Class decorator: add an event model to the catalog."""
    key = (model.event_type, model.version)
    if key in _REGISTRY:
        raise ValueError(f"event {key} registered twice")
    _REGISTRY[key] = model
    return model


def all_events() -> list[type[EventData]]:
    return sorted(_REGISTRY.values(), key=lambda m: (m.event_type, m.version))


def event_model(event_type: str, version: int = 1) -> type[EventData] | None:
    return _REGISTRY.get((event_type, version))


def model_for_routing_key(routing_key: str) -> type[EventData] | None:
    for model in _REGISTRY.values():
        if model.routing_key() == routing_key:
            return model
    return None
