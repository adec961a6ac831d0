"""When a unit's declining service calls for rotating its head: the rule row by row."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_sanctions.domain.service_decline import (
    DeclineRule,
    PeriodResult,
    consecutive,
    declining,
    fell,
)
from asn_shared.catalog.vocabulary import SkmMutu
from asn_shared.periods import EvaluationPeriod

RULE = DeclineRule(periods=2, nik_drop=5.0, complaint_rise=1)


def results(*rows: tuple[str, str, float, int]) -> list[PeriodResult]:
    return [PeriodResult(EvaluationPeriod.parse(p), SkmMutu(m), nik, c) for p, m, nik, c in rows]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (("A", 90.0), ("B", 88.0), True),  # a worse letter, whatever the points
        (("B", 85.0), ("B", 80.0), True),  # 5 points down: the threshold itself
        (("B", 85.0), ("B", 80.01), False),  # 4.99 down, same letter
        (("B", 80.0), ("A", 90.0), False),  # better
        (("C", 70.0), ("C", 70.0), False),
        (("D", 60.0), ("D", 54.0), True),
    ],
)
def test_fell(before, after, expected):
    a, b = results(("2026-S1", *before, 0), ("2026-S2", *after, 0))
    assert fell(a, b, RULE) is expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("2025-S2", "2026-S1", True),
        ("2026-S1", "2026-S2", True),
        ("2026-Q4", "2027-Q1", True),
        ("2025", "2026", True),
        ("2026-12", "2027-01", True),
        ("2025-S1", "2026-S1", False),  # a semester missing between them
        ("2026-S1", "2026-Q3", False),  # different lengths
        ("2026-S2", "2026-S1", False),  # backwards
    ],
)
def test_consecutive(before, after, expected):
    assert consecutive(EvaluationPeriod.parse(before), EvaluationPeriod.parse(after)) is expected


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        # Two falls in a row, complaints up by one in the last period.
        ([("2025-S1", "A", 90, 0), ("2025-S2", "B", 84, 1), ("2026-S1", "C", 72, 2)], True),
        # One fall only.
        ([("2025-S2", "B", 84, 1), ("2026-S1", "C", 72, 2)], False),
        # Two falls, complaints flat.
        ([("2025-S1", "A", 90, 2), ("2025-S2", "B", 84, 2), ("2026-S1", "C", 72, 2)], False),
        # Two falls, but a semester missing in between.
        ([("2024-S2", "A", 90, 0), ("2025-S2", "B", 84, 1), ("2026-S1", "C", 72, 2)], False),
        # A recovery in between breaks the run.
        ([("2025-S1", "B", 84, 0), ("2025-S2", "A", 90, 0), ("2026-S1", "B", 84, 1)], False),
        # Only the last `periods` + 1 results count: an old rise does not matter.
        (
            [
                ("2024-S2", "D", 50, 0),
                ("2025-S1", "A", 95, 0),
                ("2025-S2", "A", 89, 1),
                ("2026-S1", "B", 85, 3),
            ],
            True,
        ),
    ],
)
def test_declining(history, expected):
    assert declining(results(*history), RULE) is expected


def test_complaints_not_required_when_the_rise_is_zero():
    flat = results(("2025-S1", "A", 90, 2), ("2025-S2", "B", 84, 2), ("2026-S1", "C", 72, 2))
    assert not declining(flat, RULE)
    assert declining(flat, DeclineRule(periods=2, nik_drop=5.0, complaint_rise=0))


def test_one_period_setting_needs_one_fall():
    two = results(("2025-S2", "B", 84, 1), ("2026-S1", "C", 72, 2))
    assert declining(two, DeclineRule(periods=1))


@given(
    st.lists(
        st.tuples(st.sampled_from(list(SkmMutu)), st.floats(25, 100), st.integers(0, 50)),
        min_size=1,
        max_size=6,
    )
)
def test_an_improving_last_period_is_never_a_decline(rows):
    history = results(*((f"{2020 + i}", m, nik, c) for i, (m, nik, c) in enumerate(rows)))
    last = history[-1]
    better = PeriodResult(
        EvaluationPeriod.parse(f"{2020 + len(rows)}"),
        SkmMutu.A,
        100.0,
        last.substantiated_complaints + 1,
    )
    assert not declining([*history, better], RULE)
