"""What the sanctions service consumes: its queue and bindings."""

from asn_shared.catalog.agency_events import AbsenceRecorded, EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.feedback_events import (
    ComplaintDeadlineMissed,
    ComplaintResolved,
    ServiceSatisfactionMeasured,
)
from asn_shared.messaging.topology import ConsumerSpec

CONSUMER = ConsumerSpec(
    name="sanctions",
    routing_keys=(
        EmployeeProfileUpdated.routing_key(),
        PerformanceRated.routing_key(),
        AbsenceRecorded.routing_key(),
        ComplaintResolved.routing_key(),
        ComplaintDeadlineMissed.routing_key(),
        ServiceSatisfactionMeasured.routing_key(),
    ),
)
