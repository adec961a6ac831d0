"""Follow-up of a Predikat Kinerja Pegawai (domain-rules.md 1.9 and 2), pure Python, no I/O.

- Sangat Baik: a reward (PP 30/2019 Pasal 53-55; UU 20/2023 Pasal 21).
- Butuh Perbaikan, Kurang, Sangat Kurang: pembinaan kinerja (Pasal 30-34), konseling when the
  problem is behaviour, bimbingan otherwise, with a six-month improvement window (Pasal 57 for
  JPT, which also covers Cukup/Butuh Perbaikan; Pasal 58 for Kurang/Sangat Kurang of pejabat
  administrasi and fungsional).
- Baik: nothing here (two Baik years in a row, Pasal 53(2), needs history: issue 5).

Dates are Asia/Jakarta calendar dates: a rating set at 20:00 UTC on 31 January is a 1 February
rating for the agency that set it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from asn_shared.catalog.sanctions_events import CoachingType, RewardType
from asn_shared.catalog.vocabulary import PositionType, Predikat, RatingLevel

JAKARTA = ZoneInfo("Asia/Jakarta")

# PP 30/2019 Pasal 57(2) and 58(1): six months to improve.
IMPROVEMENT_MONTHS = 6

PEMBINAAN_BASIS = "PP 30/2019 Pasal 30-34"
JPT_WINDOW_BASIS = "PP 30/2019 Pasal 57"
ADMIN_FUNGSIONAL_WINDOW_BASIS = "PP 30/2019 Pasal 58"
REWARD_BASIS = ("PP 30/2019 Pasal 53-55", "UU 20/2023 Pasal 21")
REWARD_RECOMMENDATION = (
    "Diusulkan penghargaan (piagam/sertifikat) dan insentif sesuai ketentuan instansi"
)

_COACHING = frozenset(
    {Predikat.BUTUH_PERBAIKAN, Predikat.KURANG_MISCONDUCT, Predikat.SANGAT_KURANG}
)
# Pasal 58 names only Kurang and Sangat Kurang; Pasal 57 (JPT) also Cukup ~ Butuh Perbaikan.
_PASAL_58 = frozenset({Predikat.KURANG_MISCONDUCT, Predikat.SANGAT_KURANG})


class FollowUp(StrEnum):
    COACHING = "COACHING"
    REWARD = "REWARD"
    NONE = "NONE"


class CaseStatus(StrEnum):
    OPEN = "OPEN"
    # A later rating of the same period (after a keberatan) no longer calls for coaching.
    CANCELLED_BY_SUPERSESSION = "CANCELLED_BY_SUPERSESSION"


class RewardStatus(StrEnum):
    GRANTED = "GRANTED"
    CANCELLED_BY_SUPERSESSION = "CANCELLED_BY_SUPERSESSION"


@dataclass(frozen=True)
class Decision:
    """What a predikat calls for; only the fields of its kind are set."""

    kind: FollowUp
    legal_basis: tuple[str, ...] = ()
    coaching_type: CoachingType | None = None
    improvement_deadline: date | None = None
    reward_type: RewardType | None = None
    recommendation: str | None = None


NO_FOLLOW_UP = Decision(FollowUp.NONE)


def follow_up(
    predikat: Predikat,
    rating_perilaku_kerja: RatingLevel,
    position_type: PositionType | None,
    rated_on: date,
) -> Decision:
    """The follow-up a rating calls for. `position_type` is None while no profile is known."""
    predikat = Predikat(predikat)
    if predikat is Predikat.SANGAT_BAIK:
        return Decision(
            FollowUp.REWARD,
            legal_basis=REWARD_BASIS,
            reward_type=RewardType.PENGHARGAAN,
            recommendation=REWARD_RECOMMENDATION,
        )
    if predikat in _COACHING:
        return Decision(
            FollowUp.COACHING,
            legal_basis=(PEMBINAAN_BASIS, *_window_basis(predikat, position_type)),
            coaching_type=coaching_type(rating_perilaku_kerja),
            # For a non-JPT Butuh Perbaikan no article sets a window; the same six months serve
            # as the review date so every coaching case has one end.
            improvement_deadline=add_months(rated_on, IMPROVEMENT_MONTHS),
        )
    return NO_FOLLOW_UP


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


def add_months(start: date, months: int) -> date:
    """`start` plus calendar months; a day the target month lacks becomes its last day.

    31 August + 6 months is 28 (or 29) February: the window ends inside the sixth month rather
    than spilling into the seventh.
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def as_aware(moment: datetime) -> datetime:
    """A naive time in a message is read as Jakarta wall-clock time, not as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=JAKARTA)


def jakarta_date(moment: datetime) -> date:
    """The Asia/Jakarta calendar date of a moment."""
    return as_aware(moment).astimezone(JAKARTA).date()
