"""What the assessment service consumes: its queue and bindings."""

from asn_shared.catalog.agency_events import AssessmentSubmitted
from asn_shared.messaging.topology import ConsumerSpec

CONSUMER = ConsumerSpec(name="assessment", routing_keys=(AssessmentSubmitted.routing_key(),))
