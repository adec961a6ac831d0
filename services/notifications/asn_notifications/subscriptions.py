"""What the notifications service consumes: its queue and bindings."""

from asn_shared.catalog.agency_events import ComplaintReceived, EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.feedback_events import ComplaintResolved, ComplaintVerified
from asn_shared.catalog.sanctions_events import CoachingStarted, RewardGranted
from asn_shared.messaging.topology import ConsumerSpec

CONSUMER = ConsumerSpec(
    name="notifications",
    routing_keys=tuple(
        model.routing_key()
        for model in (
            EmployeeProfileUpdated,
            PerformanceRated,
            CoachingStarted,
            RewardGranted,
            ComplaintReceived,
            ComplaintVerified,
            ComplaintResolved,
        )
    ),
)
