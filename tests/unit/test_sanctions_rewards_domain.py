"""Rewards and development (PP 30/2019 Pasal 53, seed 001 practice) as a table: predikat x annual
or periodic x years in a row x position type -> reward types and training kinds."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from asn_sanctions.domain.follow_up import (
    Decision,
    FollowUp,
    RewardDecision,
    TrainingDecision,
    TrainingKind,
    follow_up,
)
from asn_shared.catalog.sanctions_events import RewardType
from asn_shared.catalog.vocabulary import PositionType, Predikat, RatingLevel

SB, B, BP, KM, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG_MISCONDUCT,
    Predikat.SANGAT_KURANG,
)
PENGHARGAAN, TALENT, DEVELOPMENT = (
    RewardType.PENGHARGAAN,
    RewardType.TALENT_POOL_PRIORITY,
    RewardType.DEVELOPMENT_PRIORITY,
)
ADVANCED, COMPETENCY = TrainingKind.ADVANCED_TRAINING, TrainingKind.COMPETENCY_DEVELOPMENT
POSITIONS = (PositionType.JPT, PositionType.ADMINISTRASI, PositionType.FUNGSIONAL, None)
ANNUAL = "2026"
PERIODIC = ("2026-S1", "2026-Q3", "2026-07")  # semester, quarter, month
RATED_ON = date(2027, 1, 20)

# (predikat, annual, consecutive_years) -> (reward types, training kinds). Years in a row count
# only annual ratings (Pasal 53 speaks of years); a periodic rating is listed once, as "-".
TABLE = {
    (SB, True, 1): ((PENGHARGAAN,), (ADVANCED,)),  # seed 001: "program pelatihan lanjutan"
    (SB, True, 2): ((PENGHARGAAN, TALENT), (ADVANCED,)),  # Pasal 53(1)
    (SB, True, 3): ((PENGHARGAAN, TALENT), (ADVANCED,)),
    (SB, False, "-"): ((PENGHARGAAN,), ()),  # today's behaviour for a periodic Sangat Baik
    (B, True, 1): ((), ()),
    (B, True, 2): ((DEVELOPMENT,), (COMPETENCY,)),  # Pasal 53(2)
    (B, True, 3): ((DEVELOPMENT,), (COMPETENCY,)),
    (B, False, "-"): ((), ()),
    **{
        (p, annual, n): ((), ())
        for p in (BP, KM, SK)
        for annual, n in [(True, 1), (True, 2), (True, 3), (False, "-")]
    },
}


def _cases():
    for (predikat, annual, years), expected in TABLE.items():
        periods = (ANNUAL,) if annual else PERIODIC
        # consecutive_years means nothing on a periodic rating: whatever it says is ignored.
        counts = (years,) if annual else (None, 1, 2, 3)
        for period, count, position in itertools.product(periods, counts, POSITIONS):
            yield pytest.param(
                predikat,
                period,
                count,
                position,
                expected,
                id=f"{predikat}-{period}-{count}-{position}",
            )


ALL = list(_cases())


def test_the_table_covers_every_combination():
    assert len(TABLE) == 5 * 4
    assert len(ALL) == 5 * (3 + 3 * 4) * len(POSITIONS)


@pytest.mark.parametrize(("predikat", "period", "years", "position", "expected"), ALL)
def test_rewards_and_training_by_predikat_period_years_and_position(
    predikat, period, years, position, expected
):
    decision = follow_up(
        predikat,
        RatingLevel.SESUAI_EKSPEKTASI,
        position,
        RATED_ON,
        period=period,
        consecutive_years=years,
    )

    reward_types, training_kinds = expected
    assert tuple(r.reward_type for r in decision.rewards) == reward_types
    assert tuple(t.kind for t in decision.trainings) == training_kinds
    assert (decision.coaching is not None) == (predikat in (BP, KM, SK))
    if decision.coaching is None:
        assert decision.kind is (FollowUp.REWARD if reward_types else FollowUp.NONE)


@pytest.mark.parametrize("predikat", [SB, B])
def test_absent_consecutive_years_counts_as_one_year(predikat):
    def decided(years):
        return follow_up(
            predikat,
            RatingLevel.SESUAI_EKSPEKTASI,
            None,
            RATED_ON,
            period=ANNUAL,
            consecutive_years=years,
        )

    assert decided(None) == decided(1)


def test_second_sangat_baik_year_in_full():
    decision = follow_up(
        SB,
        RatingLevel.DI_ATAS_EKSPEKTASI,
        PositionType.JPT,
        RATED_ON,
        period=ANNUAL,
        consecutive_years=2,
    )

    assert decision == Decision(
        rewards=(
            RewardDecision(
                PENGHARGAAN,
                "Diusulkan penghargaan (piagam/sertifikat) dan insentif sesuai ketentuan instansi",
                ("PP 30/2019 Pasal 53-55", "UU 20/2023 Pasal 21"),
            ),
            RewardDecision(
                TALENT,
                "Dapat diprioritaskan untuk diikutsertakan dalam kelompok rencana suksesi "
                "(talent pool)",
                ("PP 30/2019 Pasal 53 ayat (1)",),
            ),
        ),
        # The agencies' practice (seed 001); UU 20/2023 Pasal 21 counts development as a reward.
        trainings=(TrainingDecision(ADVANCED, ("Pelatihan lanjutan",), ("UU 20/2023 Pasal 21",)),),
    )


def test_second_baik_year_in_full():
    decision = follow_up(
        B,
        RatingLevel.SESUAI_EKSPEKTASI,
        PositionType.FUNGSIONAL,
        RATED_ON,
        period=ANNUAL,
        consecutive_years=2,
    )

    assert decision == Decision(
        rewards=(
            RewardDecision(
                DEVELOPMENT,
                "Dapat diprioritaskan untuk pengembangan kompetensi lebih lanjut",
                ("PP 30/2019 Pasal 53 ayat (2)",),
            ),
        ),
        trainings=(
            TrainingDecision(
                COMPETENCY,
                ("Pengembangan kompetensi sesuai jabatan",),
                ("PP 30/2019 Pasal 53 ayat (2)",),
            ),
        ),
    )


def test_a_coaching_predikat_never_carries_rewards_even_after_years_in_a_row():
    decision = follow_up(
        SK, RatingLevel.DI_BAWAH_EKSPEKTASI, None, RATED_ON, period=ANNUAL, consecutive_years=3
    )

    assert (decision.kind, decision.rewards, decision.trainings) == (FollowUp.COACHING, (), ())
