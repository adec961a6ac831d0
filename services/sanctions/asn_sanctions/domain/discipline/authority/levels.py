"""The posts, the officials and the answer every rule of PP 94/2021 Pasal 16-25 gives."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# The posts and the officials are the catalog's: DisciplinaryDecisionTaken carries them.
from asn_shared.catalog.sanctions_acts import JabatanLevel as JabatanLevel
from asn_shared.catalog.sanctions_acts import PejabatLevel as PejabatLevel
from asn_shared.catalog.vocabulary import JenisHukuman

from ..catalogue import BERAT, RINGAN, SEDANG


class InstansiKind(StrEnum):
    """Pasal 18 ayat (1)-(2) (central and province) against ayat (3) (kabupaten/kota)."""

    PUSAT_PROVINSI = "PUSAT_PROVINSI"
    KABUPATEN_KOTA = "KABUPATEN_KOTA"


# Pasal 16, highest first.
HIERARCHY: tuple[PejabatLevel, ...] = tuple(PejabatLevel)
LINE_OFFICIALS = frozenset(HIERARCHY) - {PejabatLevel.PRESIDEN, PejabatLevel.PPK}
# Structural posts, JPT Utama to Pelaksana, ranked on the scale of HIERARCHY's index (JPT Utama
# is 1: only the President, 0, is above it).
_STRUCTURAL_POSTS = tuple(JabatanLevel)[:6]
POST_RANK = {post: rank for rank, post in enumerate(_STRUCTURAL_POSTS, start=1)}

# What a rule gives, as sets of jenis (Pasal 8's levels; sedang in either catalogue).
RINGAN_ONLY = frozenset(RINGAN)
SEDANG_ONLY = frozenset(jenis for types in SEDANG.values() for jenis in types)
BERAT_ONLY = frozenset(BERAT)
NOTHING: frozenset[JenisHukuman] = frozenset()
RINGAN_SEDANG = RINGAN_ONLY | SEDANG_ONLY
ALL_BUT_DISMISSAL = RINGAN_ONLY | SEDANG_ONLY | frozenset(BERAT[:2])


@dataclass(frozen=True)
class Authority:
    """Whether `official` may impose; `article` is set when allowed, `reason` always."""

    official: PejabatLevel
    allowed: bool
    article: str | None
    reason: str


@dataclass(frozen=True)
class Superior:
    """An official in the civil servant's line; `designated_jf`: a JF Ahli Madya (for a missing
    administrator post) or Ahli Muda (for a missing pengawas post) designated to stand in."""

    level: PejabatLevel
    designated_jf: bool = False


def grant(official: PejabatLevel, article: str, reason: str) -> Authority:
    return Authority(official, True, article, reason)


def refuse(official: PejabatLevel, reason: str) -> Authority:
    return Authority(official, False, None, reason)
