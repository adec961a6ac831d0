"""The event catalog: every event of docs/agency-contract-v1.md as a pydantic model, and the
officials' acts our services add within v1 (docs/events-beyond-v1.md) in `<service>_acts`.

Importing this package registers every event; look them up with `event_model`.
"""

from . import (  # noqa: F401  (imported to register their events)
    agency_events,
    assessment_acts,
    assessment_events,
    feedback_acts,
    feedback_events,
    notifications_acts,
    notifications_events,
    sanctions_acts,
    sanctions_events,
)
from .base import (
    EventData,
    all_events,
    event_model,
    model_for_routing_key,
    register,
    routing_key_for,
)

__all__ = [
    "EventData",
    "all_events",
    "event_model",
    "model_for_routing_key",
    "register",
    "routing_key_for",
]
