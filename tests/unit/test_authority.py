"""An agency's broker user speaks only for its own source and only for agency events."""

import pytest

from asn_shared.catalog.agency_events import AssessmentSubmitted
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.messaging.authority import authority_problem


@pytest.mark.parametrize(
    ("user_id", "source", "model", "allowed"),
    [
        ("agency-ekinerja-kotabumi", "/agencies/ekinerja-kotabumi", AssessmentSubmitted, True),
        ("agency-ekinerja-kotabumi", "/agencies/lapor", AssessmentSubmitted, False),
        ("agency-ekinerja-kotabumi", "/agencies/ekinerja-kotabumi", PerformanceRated, False),
        (None, "/agencies/anything", AssessmentSubmitted, True),  # no user_id: broker perms only
        ("guest", "/asn-kinerja/assessment", PerformanceRated, True),  # our services
    ],
)
def test_authority(user_id, source, model, allowed) -> None:
    problem = authority_problem(user_id, source, model)
    assert (problem is None) == allowed
    if problem:
        assert user_id in problem or model.event_type in problem
