"""Capaian capped at 120 (PP 30/2019 Pasal 29(6)) and evaluation periods, by table and property."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_assessment.domain.periods import EvaluationPeriod, Frequency, closable
from asn_assessment.domain.realisation import CAPAIAN_CAP, Direction, capaian

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


@pytest.mark.parametrize(
    ("target", "realisasi", "direction", "expected"),
    [
        (100, 0, HIGHER, 0.0),
        (100, 95, HIGHER, 95.0),
        (100, 100, HIGHER, 100.0),
        (100, 119.99, HIGHER, 119.99),
        (100, 120, HIGHER, 120.0),
        (100, 150, HIGHER, 120.0),  # capped: Pasal 29(6)
        (80, 96, HIGHER, 120.0),
        (12, 9, HIGHER, 75.0),
        (14, 14, LOWER, 100.0),  # e.g. days to finish: 14 planned, 14 taken
        (14, 28, LOWER, 50.0),
        (14, 7, LOWER, 120.0),  # twice as fast is still capped
        (14, 0, LOWER, 120.0),
    ],
)
def test_capaian_table(target, realisasi, direction, expected) -> None:
    assert capaian(target, realisasi, direction) == expected


@given(
    target=st.floats(min_value=0.01, max_value=1e6),
    realisasi=st.floats(min_value=0, max_value=1e7),
    direction=st.sampled_from(Direction),
)
def test_capaian_is_never_above_the_cap_nor_negative(target, realisasi, direction) -> None:
    assert 0 <= capaian(target, realisasi, direction) <= CAPAIAN_CAP


@given(target=st.floats(min_value=1, max_value=1e4), a=st.floats(0, 1e5), b=st.floats(0, 1e5))
def test_more_realisation_never_lowers_capaian(target, a, b) -> None:
    low, high = sorted((a, b))
    assert capaian(target, low) <= capaian(target, high)


@pytest.mark.parametrize(("target", "realisasi"), [(0, 5), (-1, 5), (10, -1)])
def test_capaian_refuses_nonsense(target, realisasi) -> None:
    with pytest.raises(ValueError):
        capaian(target, realisasi)


@pytest.mark.parametrize(
    ("text", "start", "end", "frequency"),
    [
        ("2026", "2026-01-01", "2026-12-31", Frequency.TAHUNAN),
        ("2026-S1", "2026-01-01", "2026-06-30", Frequency.SEMESTERAN),
        ("2026-S2", "2026-07-01", "2026-12-31", Frequency.SEMESTERAN),
        ("2026-Q1", "2026-01-01", "2026-03-31", Frequency.TRIWULANAN),
        ("2026-Q4", "2026-10-01", "2026-12-31", Frequency.TRIWULANAN),
        ("2028-02", "2028-02-01", "2028-02-29", Frequency.BULANAN),
        ("2026-12", "2026-12-01", "2026-12-31", Frequency.BULANAN),
    ],
)
def test_period_table(text, start, end, frequency) -> None:
    period = EvaluationPeriod.parse(text)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert period.frequency is frequency and str(period) == text


@given(
    st.sampled_from(["", "S1", "S2", "Q1", "Q2", "Q3", "Q4"] + [f"{m:02d}" for m in range(1, 13)])
)
def test_periods_round_trip_and_tile_the_year(suffix) -> None:
    text = "2027" + (f"-{suffix}" if suffix else "")
    period = EvaluationPeriod.parse(text)
    assert str(period) == text
    following = period.end + timedelta(days=1)
    assert period.start.year == 2027 and (following.year == 2028 or following.day == 1)


@pytest.mark.parametrize("text", ["2026-Q5", "2026-S3", "2026-13", "26", "2026-q1", "2026-"])
def test_malformed_period(text) -> None:
    with pytest.raises(ValueError):
        EvaluationPeriod.parse(text)


@pytest.mark.parametrize(
    ("period", "periodic", "expected"),
    [
        ("2026", Frequency.TRIWULANAN, True),
        ("2026-Q2", Frequency.TRIWULANAN, True),
        ("2026-05", Frequency.TRIWULANAN, False),
        ("2026-S1", Frequency.TRIWULANAN, False),
        ("2026-05", Frequency.BULANAN, True),
        ("2026-S2", Frequency.SEMESTERAN, True),
    ],
)
def test_only_the_instances_frequency_and_the_year_are_closable(period, periodic, expected) -> None:
    assert closable(period, periodic) is expected
