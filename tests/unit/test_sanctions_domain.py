"""The follow-up rules (PP 30/2019 Pasal 30-34, 53-58) as tables, and add_months as properties.

Rewards and training over annual/periodic periods and years in a row: test_sanctions_rewards_domain.
"""

from __future__ import annotations

import calendar
import itertools
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_sanctions.domain.dates import add_months, jakarta_date
from asn_sanctions.domain.follow_up import (
    IMPROVEMENT_MONTHS,
    NO_FOLLOW_UP,
    REWARD_RECOMMENDATION,
    CoachingDecision,
    Decision,
    FollowUp,
    RewardDecision,
)
from asn_sanctions.domain.follow_up import follow_up as decide
from asn_shared.catalog.sanctions_events import CoachingType, RewardType
from asn_shared.catalog.vocabulary import PositionType, Predikat, RatingLevel

SB, B, BP, KM, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG_MISCONDUCT,
    Predikat.SANGAT_KURANG,
)
JPT, ADM, FUNG = PositionType.JPT, PositionType.ADMINISTRASI, PositionType.FUNGSIONAL
ATAS, SESUAI, BAWAH = (
    RatingLevel.DI_ATAS_EKSPEKTASI,
    RatingLevel.SESUAI_EKSPEKTASI,
    RatingLevel.DI_BAWAH_EKSPEKTASI,
)
POSITIONS = (JPT, ADM, FUNG, None)  # None: no profile received yet

RATED_ON = date(2026, 1, 15)
DEADLINE = date(2026, 7, 15)
PEMBINAAN = "PP 30/2019 Pasal 30-34"
P57, P58 = "PP 30/2019 Pasal 57", "PP 30/2019 Pasal 58"
REWARD_BASIS = ("PP 30/2019 Pasal 53-55", "UU 20/2023 Pasal 21")

# fmt: off
KIND = {SB: FollowUp.REWARD, B: FollowUp.NONE, BP: FollowUp.COACHING, KM: FollowUp.COACHING,
        SK: FollowUp.COACHING}

# The improvement-window article by (predikat, position): Pasal 57 for JPT (Cukup/Butuh
# Perbaikan too), Pasal 58 for Kurang/Sangat Kurang of the others; unknown counts as non-JPT.
WINDOW = {
    (BP, JPT): (P57,), (BP, ADM): (), (BP, FUNG): (), (BP, None): (),
    (KM, JPT): (P57,), (KM, ADM): (P58,), (KM, FUNG): (P58,), (KM, None): (P58,),
    (SK, JPT): (P57,), (SK, ADM): (P58,), (SK, FUNG): (P58,), (SK, None): (P58,),
}
# fmt: on

# Konseling for a behaviour problem (Pasal 31-33), bimbingan otherwise (Pasal 30).
COACHING_TYPE = {
    ATAS: CoachingType.BIMBINGAN_KINERJA,
    SESUAI: CoachingType.BIMBINGAN_KINERJA,
    BAWAH: CoachingType.KONSELING_KINERJA,
}

ALL_CASES = list(itertools.product(Predikat, POSITIONS, RatingLevel))


def follow_up(predikat, perilaku, position, rated_on, period="2026-S1"):
    # A semester rating: no year in a row is involved, so only predikat and position count.
    return decide(predikat, perilaku, position, rated_on, period=period)


def test_the_table_covers_every_combination():
    assert len(ALL_CASES) == 5 * 4 * 3


@pytest.mark.parametrize(("predikat", "position", "perilaku"), ALL_CASES)
def test_follow_up_over_every_predikat_position_and_behaviour(predikat, position, perilaku):
    decision = follow_up(predikat, perilaku, position, RATED_ON)

    assert decision.kind is KIND[predikat]
    if decision.kind is FollowUp.COACHING:
        assert decision == Decision(
            coaching=CoachingDecision(
                coaching_type=COACHING_TYPE[perilaku],
                improvement_deadline=DEADLINE,
                legal_basis=(PEMBINAAN, *WINDOW[(predikat, position)]),
            )
        )
    elif decision.kind is FollowUp.REWARD:
        penghargaan = RewardDecision(RewardType.PENGHARGAAN, REWARD_RECOMMENDATION, REWARD_BASIS)
        assert decision == Decision(rewards=(penghargaan,))
    else:
        assert decision == NO_FOLLOW_UP


@pytest.mark.parametrize(
    ("predikat", "perilaku", "position", "expected_type", "expected_basis"),
    [
        # The kuadran's own cells, as they arrive in practice.
        (BP, SESUAI, ADM, CoachingType.BIMBINGAN_KINERJA, (PEMBINAAN,)),
        (BP, ATAS, JPT, CoachingType.BIMBINGAN_KINERJA, (PEMBINAAN, P57)),
        (KM, BAWAH, FUNG, CoachingType.KONSELING_KINERJA, (PEMBINAAN, P58)),
        (KM, BAWAH, JPT, CoachingType.KONSELING_KINERJA, (PEMBINAAN, P57)),
        (SK, BAWAH, ADM, CoachingType.KONSELING_KINERJA, (PEMBINAAN, P58)),
        (SK, BAWAH, None, CoachingType.KONSELING_KINERJA, (PEMBINAAN, P58)),
    ],
)
def test_kuadran_cells_read_as_the_regulation(
    predikat, perilaku, position, expected_type, expected_basis
):
    coaching = follow_up(predikat, perilaku, position, RATED_ON).coaching
    assert (coaching.coaching_type, coaching.legal_basis) == (expected_type, expected_basis)


def test_reward_recommendation_is_in_indonesian():
    [reward] = follow_up(SB, ATAS, ADM, RATED_ON).rewards
    assert reward.recommendation == (
        "Diusulkan penghargaan (piagam/sertifikat) dan insentif sesuai ketentuan instansi"
    )


def test_legal_basis_always_starts_with_pembinaan_and_never_cites_both_windows():
    for predikat, position, perilaku in ALL_CASES:
        decision = follow_up(predikat, perilaku, position, RATED_ON)
        if decision.kind is FollowUp.COACHING:
            assert decision.coaching.legal_basis[0] == PEMBINAAN
            assert not {P57, P58} <= set(decision.coaching.legal_basis)


@pytest.mark.parametrize(
    ("rated_on", "deadline"),
    [
        (date(2025, 8, 31), date(2026, 2, 28)),  # February has no 31st
        (date(2023, 8, 31), date(2024, 2, 29)),  # leap year
        (date(2026, 3, 31), date(2026, 9, 30)),
        (date(2026, 7, 15), date(2027, 1, 15)),  # across the year end
        (date(2026, 6, 30), date(2026, 12, 30)),
    ],
)
def test_improvement_deadline_is_six_calendar_months_clamped(rated_on, deadline):
    assert follow_up(SK, BAWAH, FUNG, rated_on).coaching.improvement_deadline == deadline


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 10), 24, date(2028, 1, 10)),
    ],
)
def test_add_months_examples(start, months, expected):
    assert add_months(start, months) == expected


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31))
month_counts = st.integers(min_value=-1200, max_value=1200)


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


@given(dates, month_counts)
def test_add_months_never_moves_the_day_later(start, months):
    assert add_months(start, months).day <= start.day


@given(dates, month_counts)
def test_add_months_lands_exactly_that_many_months_away(start, months):
    assert _month_index(add_months(start, months)) - _month_index(start) == months


@given(dates, month_counts)
def test_add_months_stays_inside_the_target_month(start, months):
    result = add_months(start, months)
    last_day = calendar.monthrange(result.year, result.month)[1]
    assert 1 <= result.day <= last_day
    # The day is kept whenever the target month has it; otherwise it is the month's last day.
    assert result.day == min(start.day, last_day)


@given(dates)
def test_six_months_is_what_the_window_uses(start):
    coaching = follow_up(KM, BAWAH, ADM, start, period="2026").coaching
    assert coaching.improvement_deadline == add_months(start, IMPROVEMENT_MONTHS)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 1, 31, 16, 59, tzinfo=UTC), date(2026, 1, 31)),
        (datetime(2026, 1, 31, 17, 0, tzinfo=UTC), date(2026, 2, 1)),  # midnight WIB
        (datetime(2026, 2, 1, 0, 30, tzinfo=timezone(timedelta(hours=9))), date(2026, 1, 31)),
        (datetime(2026, 1, 31, 23, 30), date(2026, 1, 31)),  # naive: Jakarta wall time
    ],
)
def test_rated_on_is_the_jakarta_date(moment, expected):
    assert jakarta_date(moment) == expected
