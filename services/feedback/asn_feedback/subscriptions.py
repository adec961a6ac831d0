"""What the feedback service consumes: its queue and bindings."""

from asn_shared.catalog.agency_events import (
    CitizenRatingSubmitted,
    ComplaintReceived,
    SurveyResponseSubmitted,
)
from asn_shared.messaging.topology import ConsumerSpec

CONSUMER = ConsumerSpec(
    "feedback",
    (
        ComplaintReceived.routing_key(),
        CitizenRatingSubmitted.routing_key(),
        SurveyResponseSubmitted.routing_key(),
    ),
)
