"""What follows the six-month improvement window (PP 30/2019 Pasal 57-58), pure Python, no I/O.

- Pasal 57, Pejabat Pimpinan Tinggi assessed Cukup (Butuh Perbaikan), Kurang or Sangat Kurang:
  six months to improve; no improvement -> uji kompetensi kembali; on its result the JPT may be
  moved to a post matching their competence or to a lower one.
- Pasal 58, pejabat administrasi and fungsional assessed Kurang or Sangat Kurang: six months;
  no improvement -> uji kompetensi kembali; below the job's competency standard -> a matching or
  lower post; no vacancy -> a temporary placement of at most one year (58(4)); still none after
  the year -> honourable dismissal (58(5); with honour per UU 20/2023 Pasal 52(3)(f)).
- Any other coaching (a non-JPT Butuh Perbaikan) is pembinaan under Pasal 30-34 with no statutory
  chain: the window's end is a review, and the case closes either way.

"Improved" is read against the predikat that engages the article: a Pasal 58 case improves once
the ASN is no longer Kurang or Sangat Kurang (Butuh Perbaikan is an improvement on Kurang); a
Pasal 57 case or a pembinaan case improves at Baik or Sangat Baik.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from asn_shared.catalog.sanctions_events import JenisMutasi
from asn_shared.catalog.vocabulary import PositionType, Predikat

from ..dates import add_months

PLACEMENT_MONTHS = 12  # Pasal 58(4): "paling lama 1 (satu) tahun"

PASAL_57 = "PP 30/2019 Pasal 57"
PASAL_58 = "PP 30/2019 Pasal 58"
PEMBINAAN = "PP 30/2019 Pasal 30-34"
RETEST_57 = "PP 30/2019 Pasal 57 ayat (3)"
RETEST_58 = "PP 30/2019 Pasal 58 ayat (2)-(3)"
PLACEMENT_58 = "PP 30/2019 Pasal 58 ayat (4)"
DISMISSAL_58 = ("PP 30/2019 Pasal 58 ayat (5)", "UU 20/2023 Pasal 52 ayat (3) huruf f")
OBJECTION_59 = "PP 30/2019 Pasal 59"

_BELOW_BAIK = frozenset(
    {Predikat.BUTUH_PERBAIKAN, Predikat.KURANG_MISCONDUCT, Predikat.SANGAT_KURANG}
)
_KURANG = frozenset({Predikat.KURANG_MISCONDUCT, Predikat.SANGAT_KURANG})


class Track(StrEnum):
    PASAL_57 = "PASAL_57"
    PASAL_58 = "PASAL_58"
    PEMBINAAN = "PEMBINAAN"


class Stage(StrEnum):
    """Where a coaching case stands. The first four are live: one at a time per ASN."""

    OPEN = "OPEN"  # the improvement window runs
    AWAITING_RATING = "AWAITING_RATING"  # window over, no later rating yet to judge it by
    UJI_KOMPETENSI = "UJI_KOMPETENSI"  # not improved: the re-test is due
    TEMPORARY_PLACEMENT = "TEMPORARY_PLACEMENT"  # no vacancy: at most a year (Pasal 58(4))
    COMPLETED = "COMPLETED"  # improved, or pembinaan reviewed
    COMPETENT = "COMPETENT"  # the re-test met the job's standard: no move
    ROTATION_RECOMMENDED = "ROTATION_RECOMMENDED"  # a matching or lower post
    DISMISSAL_RECOMMENDED = "DISMISSAL_RECOMMENDED"  # the year passed without a post (58(5))
    CANCELLED_BY_SUPERSESSION = "CANCELLED_BY_SUPERSESSION"  # a keberatan changed the predikat


LIVE = frozenset(
    {Stage.OPEN, Stage.AWAITING_RATING, Stage.UJI_KOMPETENSI, Stage.TEMPORARY_PLACEMENT}
)


class RetestRefused(ValueError):
    """The re-test result asks for what the article does not provide (the message cites it)."""


def track_for(predikat: Predikat, position_type: PositionType | None) -> Track:
    """The article a coaching case falls under; an unknown position is treated as non-JPT."""
    if position_type is PositionType.JPT and predikat in _BELOW_BAIK:
        return Track.PASAL_57
    if position_type is not PositionType.JPT and predikat in _KURANG:
        return Track.PASAL_58
    return Track.PEMBINAAN


def improved(track: Track, latest: Predikat) -> bool:
    """Whether the predikat at the window's end shows the improvement the article asks for."""
    engaging = _KURANG if track is Track.PASAL_58 else _BELOW_BAIK
    return Predikat(latest) not in engaging


def after_window(track: Track, has_improved: bool) -> Stage:
    if has_improved or track is Track.PEMBINAAN:
        return Stage.COMPLETED
    return Stage.UJI_KOMPETENSI


def window_basis(track: Track) -> tuple[str, ...]:
    return {
        Track.PASAL_57: (PASAL_57,),
        Track.PASAL_58: (PASAL_58,),
        Track.PEMBINAAN: (PEMBINAAN,),
    }[track]


@dataclass(frozen=True)
class RetestOutcome:
    stage: Stage
    jenis_mutasi: JenisMutasi | None = None
    placement_until: date | None = None
    legal_basis: tuple[str, ...] = ()


def after_retest(
    track: Track, tested_on: date, meets_standard: bool, placement: JenisMutasi | None
) -> RetestOutcome:
    """The re-test's consequence. `placement` is the post found, PENEMPATAN_SEMENTARA when no
    matching or lower post is vacant, None when the ASN meets the standard."""
    basis = RETEST_57 if track is Track.PASAL_57 else RETEST_58
    if meets_standard:
        if placement is not None:
            raise RetestRefused(f"{basis}: an ASN who meets the standard is not moved")
        return RetestOutcome(Stage.COMPETENT, legal_basis=(basis,))
    if placement is None:
        raise RetestRefused(f"{basis}: below the standard, name the post (or no vacancy)")
    if placement is not JenisMutasi.PENEMPATAN_SEMENTARA:
        return RetestOutcome(Stage.ROTATION_RECOMMENDED, placement, legal_basis=(basis,))
    if track is not Track.PASAL_58:
        raise RetestRefused(
            f"{PLACEMENT_58} provides a temporary placement for pejabat administrasi and "
            f"fungsional only; {basis} moves a JPT to a matching or a lower post"
        )
    return RetestOutcome(
        Stage.TEMPORARY_PLACEMENT,
        placement,
        placement_until=add_months(tested_on, PLACEMENT_MONTHS),
        legal_basis=(basis, PLACEMENT_58),
    )


def post_found(placement: JenisMutasi) -> RetestOutcome:
    """A matching or lower post found during the temporary placement ends it."""
    if placement is JenisMutasi.PENEMPATAN_SEMENTARA:
        raise RetestRefused(f"{PLACEMENT_58}: the placement is already temporary; name the post")
    return RetestOutcome(Stage.ROTATION_RECOMMENDED, placement, legal_basis=(PLACEMENT_58,))
