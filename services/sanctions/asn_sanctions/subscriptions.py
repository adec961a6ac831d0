"""What the sanctions service consumes: its queue and bindings."""

from asn_shared.catalog.agency_events import AbsenceRecorded, EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.feedback_events import (
    ComplaintDeadlineMissed,
    ComplaintResolved,
    ServiceSatisfactionMeasured,
)
from asn_shared.catalog.sanctions_acts import (
    CoachingPostFound,
    CoachingRetestRecorded,
    DisciplinaryCaseNotProven,
    DisciplinaryDecisionDelivered,
    DisciplinaryDecisionTaken,
    DisciplinaryHearingRecorded,
    DisciplinaryObjectionDecisionRecorded,
    DisciplinaryObjectionFiled,
    DisciplinarySummonsIssued,
)
from asn_shared.messaging.topology import ConsumerSpec

# The officials' acts this service records over HTTP: bound so that a rebuild from the audit
# stream restores them (live, the consumer finds each already applied and skips it).
OWN_ACTS = (
    DisciplinarySummonsIssued,
    DisciplinaryHearingRecorded,
    DisciplinaryDecisionTaken,
    DisciplinaryCaseNotProven,
    DisciplinaryDecisionDelivered,
    DisciplinaryObjectionFiled,
    DisciplinaryObjectionDecisionRecorded,
    CoachingRetestRecorded,
    CoachingPostFound,
)

CONSUMER = ConsumerSpec(
    name="sanctions",
    routing_keys=(
        EmployeeProfileUpdated.routing_key(),
        PerformanceRated.routing_key(),
        AbsenceRecorded.routing_key(),
        ComplaintResolved.routing_key(),
        ComplaintDeadlineMissed.routing_key(),
        ServiceSatisfactionMeasured.routing_key(),
        *(act.routing_key() for act in OWN_ACTS),
    ),
)
