"""The period a day falls in, for every frequency (asn_shared.periods)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from asn_shared.periods import EvaluationPeriod, Frequency


@given(st.dates(date(2000, 1, 1), date(2100, 12, 31)), st.sampled_from(list(Frequency)))
def test_containing_period_holds_the_day_and_round_trips(day, frequency) -> None:
    period = EvaluationPeriod.containing(day, frequency)
    assert period.start <= day <= period.end and period.frequency is frequency
    assert EvaluationPeriod.parse(str(period)) == period
