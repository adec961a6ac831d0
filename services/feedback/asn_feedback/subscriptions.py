"""What the feedback service consumes: its queue and bindings. Its own acts too (handlers.py):
a rebuild replays them; live, they are duplicates of what the command already applied."""

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import (
    CitizenRatingSubmitted,
    ComplaintReceived,
    SurveyResponseSubmitted,
)
from asn_shared.catalog.feedback_acts import (
    ComplaintOfficialsNamed,
    ComplaintStepTaken,
    SkmMeasurementTaken,
)
from asn_shared.messaging.topology import ConsumerSpec

# The acts officials (and complainants) take over HTTP (docs/events-beyond-v1.md).
OWN_ACTS: tuple[type[EventData], ...] = (
    ComplaintStepTaken,
    ComplaintOfficialsNamed,
    SkmMeasurementTaken,
)

CONSUMER = ConsumerSpec(
    "feedback",
    (
        ComplaintReceived.routing_key(),
        CitizenRatingSubmitted.routing_key(),
        SurveyResponseSubmitted.routing_key(),
        *(act.routing_key() for act in OWN_ACTS),
    ),
)
