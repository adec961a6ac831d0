"""Objection and document deadlines (PP 30/2019 Pasal 49, 50, 59), proposals, history, SKP steps."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_assessment.domain import deadlines as d
from asn_assessment.domain.history import consecutive_years
from asn_assessment.domain.plans import PlanStatus, PlanTransitionError, transition
from asn_assessment.domain.proposal import (
    IndicatorResult,
    PerilakuThresholds,
    combined_perilaku,
    peer_means,
    propose_hasil_kerja,
    propose_perilaku_kerja,
)
from asn_shared.catalog.vocabulary import BerAKHLAK as V
from asn_shared.catalog.vocabulary import Predikat as P
from asn_shared.catalog.vocabulary import RatingLevel as R

NYEPI_2027 = date(2027, 3, 8)  # a Monday, as an example holiday


@pytest.mark.parametrize(
    ("received", "kind", "holidays", "last_day"),
    [
        (date(2027, 1, 20), d.DayKind.KALENDER, (), date(2027, 2, 3)),
        (date(2027, 12, 25), d.DayKind.KALENDER, (), date(2028, 1, 8)),
        (date(2028, 2, 20), d.DayKind.KALENDER, (), date(2028, 3, 5)),  # leap year
        (date(2027, 3, 1), d.DayKind.KERJA, (), date(2027, 3, 19)),  # Mon + 14 working days
        (date(2027, 3, 1), d.DayKind.KERJA, (NYEPI_2027,), date(2027, 3, 22)),
        (date(2027, 3, 5), d.DayKind.KERJA, (), date(2027, 3, 25)),  # from a Friday
    ],
)
def test_objection_deadline_table(received, kind, holidays, last_day) -> None:
    assert d.objection_deadline(received, kind=kind, holidays=holidays) == last_day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 60))
def test_working_days_land_on_a_working_day_and_never_before_calendar_days(start, n) -> None:
    end = d.add_working_days(start, n)
    assert end >= start + timedelta(days=n)
    if n:
        assert d.is_working_day(end)
        days = (end - start).days
        assert sum(d.is_working_day(start + timedelta(i)) for i in range(1, days + 1)) == n


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_calendar_objection_window_is_fourteen_days(received) -> None:
    assert (d.objection_deadline(received) - received).days == 14


def test_document_timetable() -> None:
    signed = date(2027, 1, 15)
    delivered = d.document_delivery_due(signed)
    assert delivered == date(2027, 1, 29)
    assert d.document_signing_due(delivered) == date(2027, 2, 12)
    assert d.escalation_due(date(2027, 2, 12)) == date(2027, 2, 23)  # Fri + 7 working days
    assert d.annual_assessment_due(2026) == date(2027, 1, 31)


def results(utama: list[float], tambahan: list[float] = ()) -> list[IndicatorResult]:
    return [IndicatorResult(True, c) for c in utama] + [IndicatorResult(False, c) for c in tambahan]


@pytest.mark.parametrize(
    ("utama", "tambahan", "expected"),
    [
        ([], [], None),
        ([115, 120, 112], [], R.DI_ATAS_EKSPEKTASI),
        ([115, 120, 95], [118], R.SESUAI_EKSPEKTASI),  # a main result below: never Di Atas
        ([100, 105, 100], [], R.SESUAI_EKSPEKTASI),
        ([100, 80, 70], [], R.DI_BAWAH_EKSPEKTASI),  # most main results below
        ([100, 90], [80, 70], R.DI_BAWAH_EKSPEKTASI),  # most results below
        ([100, 90], [120], R.SESUAI_EKSPEKTASI),
        ([110], [60, 60], R.DI_BAWAH_EKSPEKTASI),
    ],
)
def test_hasil_kerja_proposal_table(utama, tambahan, expected) -> None:
    assert propose_hasil_kerja(results(utama, tambahan)) is expected


capaians = st.lists(st.floats(0, 120), min_size=1, max_size=12)


@given(utama=capaians, tambahan=st.lists(st.floats(0, 120), max_size=6))
def test_di_atas_is_never_proposed_with_a_main_result_below(utama, tambahan) -> None:
    if propose_hasil_kerja(results(utama, tambahan)) is R.DI_ATAS_EKSPEKTASI:
        assert min(utama) >= 100


@given(utama=capaians, bump=st.floats(0, 50))
def test_better_results_never_lower_the_proposal(utama, bump) -> None:
    order = [R.DI_BAWAH_EKSPEKTASI, R.SESUAI_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI]
    before = propose_hasil_kerja(results(utama))
    after = propose_hasil_kerja(results([min(c + bump, 120) for c in utama]))
    assert order.index(after) >= order.index(before)


def test_peer_scores_are_averaged_and_weighted_sixty_forty() -> None:
    peers = peer_means([{V.AKUNTABEL: 2, V.HARMONIS: 5}, {V.AKUNTABEL: 4}, {V.AKUNTABEL: 3}])
    assert peers == {V.AKUNTABEL: (3.0, 3), V.HARMONIS: (5.0, 1)}
    combined = combined_perilaku({V.AKUNTABEL: 5, V.HARMONIS: 4, V.LOYAL: 4}, peers)
    assert combined == {V.AKUNTABEL: 4.2, V.HARMONIS: 4.4, V.LOYAL: 4.0}
    heavier = combined_perilaku({V.AKUNTABEL: 5}, peers, PerilakuThresholds(evaluator_weight=1))
    assert heavier == {V.AKUNTABEL: 5.0}


@pytest.mark.parametrize(
    ("combined", "expected"),
    [
        ({}, None),
        ({V.AKUNTABEL: 4.5, V.LOYAL: 4.0}, R.DI_ATAS_EKSPEKTASI),
        ({V.AKUNTABEL: 5.0, V.LOYAL: 5.0, V.HARMONIS: 2.5}, R.SESUAI_EKSPEKTASI),
        ({V.AKUNTABEL: 3.0, V.LOYAL: 3.5}, R.SESUAI_EKSPEKTASI),
        ({V.AKUNTABEL: 2.0, V.LOYAL: 3.5}, R.DI_BAWAH_EKSPEKTASI),
    ],
)
def test_perilaku_proposal_table(combined, expected) -> None:
    assert propose_perilaku_kerja(combined) is expected


@pytest.mark.parametrize(
    ("annual", "year", "expected"),
    [
        ({}, 2026, 0),
        ({2026: P.BAIK}, 2026, 1),
        ({2025: P.BAIK, 2026: P.BAIK}, 2026, 2),
        ({2024: P.SANGAT_BAIK, 2025: P.BAIK, 2026: P.SANGAT_BAIK}, 2026, 1),
        ({2023: P.SANGAT_BAIK, 2025: P.SANGAT_BAIK, 2026: P.SANGAT_BAIK}, 2026, 2),  # gap
        ({2024: P.BAIK, 2025: P.BAIK, 2026: P.BAIK}, 2025, 2),
    ],
)
def test_consecutive_years_table(annual, year, expected) -> None:
    assert consecutive_years(annual, year) == expected


@pytest.mark.parametrize(
    ("step", "status", "after"),
    [
        ("submit", PlanStatus.DRAFT, PlanStatus.SUBMITTED),
        ("approve", PlanStatus.SUBMITTED, PlanStatus.APPROVED),
        ("return", PlanStatus.SUBMITTED, PlanStatus.DRAFT),
        ("revise", PlanStatus.APPROVED, PlanStatus.DRAFT),
        ("approve", PlanStatus.DRAFT, None),
        ("submit", PlanStatus.APPROVED, None),
        ("revise", PlanStatus.DRAFT, None),
    ],
)
def test_plan_transitions(step, status, after) -> None:
    if after is None:
        with pytest.raises(PlanTransitionError, match=f"cannot {step}"):
            transition(step, status)
    else:
        assert transition(step, status) is after
