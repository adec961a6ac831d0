"""What the feedback service consumes: its queue and bindings."""

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.messaging.topology import ConsumerSpec

CONSUMER = ConsumerSpec("feedback", (ComplaintReceived.routing_key(),))
