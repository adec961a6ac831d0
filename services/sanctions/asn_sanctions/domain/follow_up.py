"""Follow-up of a Predikat Kinerja Pegawai (docs/regulation.md 1.9 and 2), pure Python, no I/O.

- Sangat Baik: a reward (PP 30/2019 Pasal 53-55; UU 20/2023 Pasal 21). An annual one also gets
  advanced training proposed: the agencies' practice (seed 001, Kotabumi: an ASN who serves well
  "dapat diusulkan untuk mengikuti program pelatihan lanjutan"), grounded in UU 20/2023 Pasal 21,
  which counts competency development among the rewards. A second annual one in a row also puts
  the ASN first in line for the talent pool (Pasal 53(1)).
- Baik: nothing, unless it is the second annual Baik in a row: then priority for competency
  development and a training recommendation (Pasal 53(2)).
- Butuh Perbaikan, Kurang, Sangat Kurang: pembinaan kinerja (Pasal 30-34), konseling when the
  problem is behaviour, bimbingan otherwise, with a six-month improvement window (Pasal 57 for
  JPT, which also covers Cukup/Butuh Perbaikan; Pasal 58 for Kurang/Sangat Kurang of pejabat
  administrasi and fungsional).

"Years in a row" counts annual ratings only (Pasal 53 speaks of years), as the assessment service
reports them in `PerformanceRated.consecutive_years`; a monthly, quarterly or semester rating never
makes a year.

Dates are Asia/Jakarta calendar dates: a rating set at 20:00 UTC on 31 January is a 1 February
rating for the agency that set it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.sanctions_events import CoachingType, RewardType
from asn_shared.catalog.vocabulary import PositionType, Predikat, RatingLevel
from asn_shared.periods import EvaluationPeriod

from .dates import add_months, jakarta_date

# PP 30/2019 Pasal 57(2) and 58(1): six months to improve.
IMPROVEMENT_MONTHS = 6
# PP 30/2019 Pasal 53(1)-(2): "selama 2 (dua) tahun berturut-turut".
YEARS_IN_A_ROW = 2

PEMBINAAN_BASIS = "PP 30/2019 Pasal 30-34"
JPT_WINDOW_BASIS = "PP 30/2019 Pasal 57"
ADMIN_FUNGSIONAL_WINDOW_BASIS = "PP 30/2019 Pasal 58"
REWARD_BASIS = ("PP 30/2019 Pasal 53-55", "UU 20/2023 Pasal 21")
REWARD_RECOMMENDATION = (
    "Diusulkan penghargaan (piagam/sertifikat) dan insentif sesuai ketentuan instansi"
)
TALENT_POOL_BASIS = ("PP 30/2019 Pasal 53 ayat (1)",)
TALENT_POOL_RECOMMENDATION = (
    "Dapat diprioritaskan untuk diikutsertakan dalam kelompok rencana suksesi (talent pool)"
)
DEVELOPMENT_BASIS = ("PP 30/2019 Pasal 53 ayat (2)",)
DEVELOPMENT_RECOMMENDATION = "Dapat diprioritaskan untuk pengembangan kompetensi lebih lanjut"
# Pasal 53(2) names no competency: the ASN's own jabatan is the default the agency refines.
DEVELOPMENT_COMPETENCIES = ("Pengembangan kompetensi sesuai jabatan",)
# The agencies' practice (seed 001), not an article: UU 20/2023 Pasal 21 is the closest ground.
ADVANCED_TRAINING_BASIS = ("UU 20/2023 Pasal 21",)
ADVANCED_TRAINING_COMPETENCIES = ("Pelatihan lanjutan",)

_COACHING = frozenset(
    {Predikat.BUTUH_PERBAIKAN, Predikat.KURANG_MISCONDUCT, Predikat.SANGAT_KURANG}
)
# Pasal 58 names only Kurang and Sangat Kurang; Pasal 57 (JPT) also Cukup ~ Butuh Perbaikan.
_PASAL_58 = frozenset({Predikat.KURANG_MISCONDUCT, Predikat.SANGAT_KURANG})


class FollowUp(StrEnum):
    COACHING = "COACHING"
    REWARD = "REWARD"  # rewards and/or training recommendations
    NONE = "NONE"


class RewardStatus(StrEnum):
    GRANTED = "GRANTED"
    CANCELLED_BY_SUPERSESSION = "CANCELLED_BY_SUPERSESSION"


# Training recommendations live and die like rewards.
TrainingStatus = RewardStatus


class TrainingKind(StrEnum):
    # Seed 001 practice for Sangat Baik: "program pelatihan lanjutan".
    ADVANCED_TRAINING = "ADVANCED_TRAINING"
    # PP 30/2019 Pasal 53(2): two Baik years, priority for further competency development.
    COMPETENCY_DEVELOPMENT = "COMPETENCY_DEVELOPMENT"


@dataclass(frozen=True)
class CoachingDecision:
    coaching_type: CoachingType
    improvement_deadline: date
    legal_basis: tuple[str, ...]


@dataclass(frozen=True)
class RewardDecision:
    reward_type: RewardType
    recommendation: str
    legal_basis: tuple[str, ...]


@dataclass(frozen=True)
class TrainingDecision:
    kind: TrainingKind
    competencies: tuple[str, ...]
    legal_basis: tuple[str, ...]


@dataclass(frozen=True)
class Decision:
    """Everything a rating calls for: a coaching case, or rewards with training, or nothing.

    At most one reward of each type and one training of each kind.
    """

    coaching: CoachingDecision | None = None
    rewards: tuple[RewardDecision, ...] = ()
    trainings: tuple[TrainingDecision, ...] = ()

    @property
    def kind(self) -> FollowUp:
        if self.coaching is not None:
            return FollowUp.COACHING
        return FollowUp.REWARD if self.rewards or self.trainings else FollowUp.NONE


NO_FOLLOW_UP = Decision()

PENGHARGAAN = RewardDecision(RewardType.PENGHARGAAN, REWARD_RECOMMENDATION, REWARD_BASIS)
TALENT_POOL = RewardDecision(
    RewardType.TALENT_POOL_PRIORITY, TALENT_POOL_RECOMMENDATION, TALENT_POOL_BASIS
)
DEVELOPMENT = RewardDecision(
    RewardType.DEVELOPMENT_PRIORITY, DEVELOPMENT_RECOMMENDATION, DEVELOPMENT_BASIS
)
ADVANCED_TRAINING = TrainingDecision(
    TrainingKind.ADVANCED_TRAINING, ADVANCED_TRAINING_COMPETENCIES, ADVANCED_TRAINING_BASIS
)
COMPETENCY_DEVELOPMENT = TrainingDecision(
    TrainingKind.COMPETENCY_DEVELOPMENT, DEVELOPMENT_COMPETENCIES, DEVELOPMENT_BASIS
)


def follow_up(
    predikat: Predikat,
    rating_perilaku_kerja: RatingLevel,
    position_type: PositionType | None,
    rated_on: date,
    *,
    period: str,
    consecutive_years: int | None = None,
) -> Decision:
    """The follow-up a rating calls for. `position_type` is None while no profile is known.

    `consecutive_years` (annual ratings only) counts this one; absent means this year alone.
    """
    predikat = Predikat(predikat)
    if predikat in _COACHING:
        return Decision(
            coaching=_coaching(predikat, rating_perilaku_kerja, position_type, rated_on)
        )
    if not EvaluationPeriod.parse(period).is_annual:
        # A periodic rating makes no year: a periodic Sangat Baik keeps its penghargaan only.
        return (
            Decision(rewards=(PENGHARGAAN,)) if predikat is Predikat.SANGAT_BAIK else NO_FOLLOW_UP
        )
    in_a_row = (consecutive_years or 1) >= YEARS_IN_A_ROW
    if predikat is Predikat.SANGAT_BAIK:
        rewards = (PENGHARGAAN, TALENT_POOL) if in_a_row else (PENGHARGAAN,)
        return Decision(rewards=rewards, trainings=(ADVANCED_TRAINING,))
    if predikat is Predikat.BAIK and in_a_row:
        return Decision(rewards=(DEVELOPMENT,), trainings=(COMPETENCY_DEVELOPMENT,))
    return NO_FOLLOW_UP


def _coaching(
    predikat: Predikat,
    rating_perilaku_kerja: RatingLevel,
    position_type: PositionType | None,
    rated_on: date,
) -> CoachingDecision:
    return CoachingDecision(
        coaching_type=coaching_type(rating_perilaku_kerja),
        # For a non-JPT Butuh Perbaikan no article sets a window; the same six months serve
        # as the review date so every coaching case has one end.
        improvement_deadline=add_months(rated_on, IMPROVEMENT_MONTHS),
        legal_basis=(PEMBINAAN_BASIS, *_window_basis(predikat, position_type)),
    )


def coaching_type(rating_perilaku_kerja: RatingLevel) -> CoachingType:
    """Konseling for a behaviour problem (Pasal 31-33), bimbingan for results (Pasal 30)."""
    if RatingLevel(rating_perilaku_kerja) is RatingLevel.DI_BAWAH_EKSPEKTASI:
        return CoachingType.KONSELING_KINERJA
    return CoachingType.BIMBINGAN_KINERJA


def _window_basis(predikat: Predikat, position_type: PositionType | None) -> tuple[str, ...]:
    if position_type is PositionType.JPT:
        return (JPT_WINDOW_BASIS,)
    # An unknown position (no EmployeeProfileUpdated yet) is treated as non-JPT: Pasal 58 is the
    # narrower rule (Kurang/Sangat Kurang only), so no window is claimed that might not apply.
    if predikat in _PASAL_58:
        return (ADMIN_FUNGSIONAL_WINDOW_BASIS,)
    return ()


# -- the records a decision is kept as -------------------------------------------------------------

# Ids derive from the rating that opened the record, so rebuilding this database by replaying the
# audit stream gives every case, reward and recommendation the id already published.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "/asn-kinerja/sanctions")


def record_id(key: str) -> uuid.UUID:
    """The id of a coaching case, reward or training recommendation, from what opened it."""
    return uuid.uuid5(_ID_NAMESPACE, key)


@dataclass(frozen=True)
class RatingApplied:
    """The rating a follow-up is decided on."""

    event_id: str
    nip: str
    period: str
    predikat: Predikat
    rated_on: date

    @classmethod
    def of(cls, event_id: str, data: PerformanceRated) -> RatingApplied:
        rated_on = jakarta_date(data.rated_at)
        return cls(event_id, data.nip, data.period, data.predikat, rated_on)
