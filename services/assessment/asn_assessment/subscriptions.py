"""What the assessment service consumes: its queue and bindings."""

from asn_shared.catalog.agency_events import (
    AssessmentSubmitted,
    EmployeeProfileUpdated,
    IndicatorMeasured,
)
from asn_shared.catalog.feedback_events import CitizenFeedbackSummarized
from asn_shared.messaging.topology import ConsumerSpec

CONSUMER = ConsumerSpec(
    name="assessment",
    routing_keys=tuple(
        model.routing_key()
        for model in (
            EmployeeProfileUpdated,
            AssessmentSubmitted,
            IndicatorMeasured,
            CitizenFeedbackSummarized,
        )
    ),
)
