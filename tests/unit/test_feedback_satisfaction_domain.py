"""SKM (PermenPANRB 14/2017) at its band edges and sample table, and the periods citizen
feedback is summarised for."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_feedback.domain import skm
from asn_feedback.domain.periods import Frequency, contains, periods_of
from asn_shared.catalog.vocabulary import SkmMutu, SkmUnsur

ALL = list(SkmUnsur)


def questionnaire(*scores: int) -> dict[SkmUnsur, int]:
    return dict(zip(ALL, scores, strict=True))


@pytest.mark.parametrize(
    ("nik", "mutu"),
    [
        (25.00, SkmMutu.D),
        (64.99, SkmMutu.D),
        (65.00, SkmMutu.C),
        (76.60, SkmMutu.C),
        (76.61, SkmMutu.B),
        (88.30, SkmMutu.B),
        (88.31, SkmMutu.A),
        (100.00, SkmMutu.A),
    ],
)
def test_nik_bands_at_their_edges(nik, mutu) -> None:
    assert skm.mutu_for_nik(nik) is mutu


@pytest.mark.parametrize(
    ("answers", "ikm", "nik", "mutu"),
    [
        ([questionnaire(*[4] * 9)], 4.0, 100.0, SkmMutu.A),
        ([questionnaire(*[1] * 9)], 1.0, 25.0, SkmMutu.D),
        ([questionnaire(*[3] * 9)], 3.0, 75.0, SkmMutu.C),
        # eight 3s and one 4: IKM 3.1111, NIK 77.78 -> B
        ([questionnaire(4, *[3] * 8)], 3.1111, 77.78, SkmMutu.B),
        # NRR 3.5 on every element: NIK 87.5 -> B (A starts at 88.31)
        ([questionnaire(*[3] * 9), questionnaire(*[4] * 9)], 3.5, 87.5, SkmMutu.B),
        # mean 2.6 exactly (18 twos, 27 threes): NIK 65.00, the first C despite float error
        (
            [questionnaire(*[2] * 4, *[3] * 5)] * 3 + [questionnaire(*[2] * 3, *[3] * 6)] * 2,
            2.6,
            65.0,
            SkmMutu.C,
        ),
    ],
)
def test_measure_table(answers, ikm, nik, mutu) -> None:
    result = skm.measure(answers)
    assert (result.ikm, result.nik, result.mutu) == (ikm, nik, mutu)


def test_incomplete_questionnaires_do_not_count_and_none_left_is_an_error() -> None:
    partial = {SkmUnsur.PERSYARATAN: 1}
    result = skm.measure([partial, questionnaire(*[4] * 9)])
    assert result.respondents == 1 and result.ikm == 4.0
    with pytest.raises(ValueError, match="all nine"):
        skm.measure([partial])


@pytest.mark.parametrize(
    ("population", "sample"),
    [(1, 1), (10, 10), (100, 80), (1_200, 291), (2_000, 322), (10_000, 370), (None, 384)],
)
def test_required_sample_follows_the_krejcie_morgan_table(population, sample) -> None:
    assert skm.required_sample(population) == sample


def test_sample_flag() -> None:
    answers = [questionnaire(*[3] * 9)] * 79
    assert not skm.measure(answers, population=100).sample_sufficient
    assert skm.measure(answers + answers[:1], population=100).sample_sufficient


complete = st.fixed_dictionaries({u: st.integers(1, 4) for u in SkmUnsur})


@given(st.lists(complete, min_size=1, max_size=30))
def test_ikm_is_the_mean_of_every_answer_and_the_grade_follows_the_nik(answers) -> None:
    result = skm.measure(answers)
    mean = sum(sum(q.values()) for q in answers) / (9 * len(answers))
    assert abs(result.ikm - mean) < 1e-4
    assert 25 <= result.nik <= 100 and abs(result.nik - result.ikm * 25) <= 0.01
    assert result.mutu is skm.mutu_for_nik(result.nik)


@given(st.integers(1, 1_000_000))
def test_required_sample_never_exceeds_the_population_or_the_unbounded_size(population) -> None:
    assert 1 <= skm.required_sample(population) <= min(population, 384)


@pytest.mark.parametrize(
    ("day", "frequency", "periods"),
    [
        (date(2026, 3, 31), Frequency.TRIWULANAN, ("2026", "2026-Q1")),
        (date(2026, 4, 1), Frequency.TRIWULANAN, ("2026", "2026-Q2")),
        (date(2026, 6, 30), Frequency.SEMESTERAN, ("2026", "2026-S1")),
        (date(2026, 7, 1), Frequency.SEMESTERAN, ("2026", "2026-S2")),
        (date(2026, 12, 31), Frequency.BULANAN, ("2026", "2026-12")),
    ],
)
def test_periods_of_a_service_day(day, frequency, periods) -> None:
    assert periods_of(day, frequency) == periods
    assert all(contains(p, day) for p in periods)
    assert not contains("2025", day)
