"""What the assessment service consumes: its queue and bindings.

Its own acts are bound too (usecases: `apply_*`): live, the command that recorded one claimed it
in the inbox, so its delivery is skipped; a rebuild from the audit stream applies them.
"""

from asn_shared.catalog.agency_events import (
    AssessmentSubmitted,
    EmployeeProfileUpdated,
    IndicatorMeasured,
)
from asn_shared.catalog.assessment_acts import (
    PerformanceDocumentHandedOver,
    PerformanceDocumentSigned,
    PerformanceFeedbackGiven,
    PerformancePeriodClosed,
    PerformancePlanDrafted,
    PerformancePlanEdited,
    PerformancePlanReturned,
    PerformancePlanRevised,
    PerformancePlanSubmitted,
    RatingObjectionDecisionTaken,
    RatingObjectionFiled,
)
from asn_shared.catalog.assessment_events import (
    OrganizationPerformanceRated,
    PerformancePlanApproved,
)
from asn_shared.catalog.feedback_events import CitizenFeedbackSummarized
from asn_shared.messaging.topology import ConsumerSpec

# The acts the service's HTTP commands record (docs/events-beyond-v1.md).
OWN_ACTS = (
    PerformancePlanDrafted,
    PerformancePlanEdited,
    PerformancePlanSubmitted,
    PerformancePlanReturned,
    PerformancePlanApproved,
    PerformancePlanRevised,
    PerformanceFeedbackGiven,
    OrganizationPerformanceRated,
    PerformancePeriodClosed,
    RatingObjectionFiled,
    RatingObjectionDecisionTaken,
    PerformanceDocumentSigned,
    PerformanceDocumentHandedOver,
)

CONSUMER = ConsumerSpec(
    name="assessment",
    routing_keys=tuple(
        model.routing_key()
        for model in (
            EmployeeProfileUpdated,
            AssessmentSubmitted,
            IndicatorMeasured,
            CitizenFeedbackSummarized,
            *OWN_ACTS,
        )
    ),
)
