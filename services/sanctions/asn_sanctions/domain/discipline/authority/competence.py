"""Who may impose a punishment: Pejabat yang Berwenang Menghukum (PP 94/2021 Pasal 16-25).

`direct_authority` is the text of Pasal 17-23 for one official. `lowest_competent` walks the
civil servant's line upwards (their superiors, then the PPK, then the President) to the first
official the text makes competent. `may_impose` adds Pasal 25 ("no PyBM -> the higher official"),
read as: an official at or above the lowest competent one in that line may impose too.

Readings where the text is not explicit (each also said where it is applied):

- Kepala Perwakilan RI (Pasal 19) has the same rule as a JPT Madya (Pasal 20) and is passed as
  PejabatLevel.JPT_MADYA; the article cited is Pasal 20.
- "1 / 2 levels below" is the civil servant's place in the official's line of reporting, given by
  the caller, not a difference of ranks: where there is no pengawas post a pelaksana is one level
  below their administrator.
- "JF" in Pasal 21-23 means the other functional posts (JF_LAINNYA) in the official's unit, at
  any depth: a JF Ahli Utama is named separately in Pasal 17-18 and only there.
- Where the text gives nothing (a JPT Madya over a JF, anyone below the President over a JPT
  Utama, a JPT Madya in a kabupaten/kota) the answer is a refusal, not an invented rule.

Pasal 24 (the PyBM must punish; one who does not, or punishes out of measure, is punished more
heavily by their superior) is a duty of the workflow, not a rule of competence, and is not here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from asn_shared.catalog.vocabulary import JenisHukuman, TingkatHukuman

from .catalogue import BERAT, RINGAN, SEDANG


class JabatanLevel(StrEnum):
    """The post of the civil servant to be punished."""

    JPT_UTAMA = "JPT_UTAMA"
    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    PELAKSANA = "PELAKSANA"
    JF_AHLI_UTAMA = "JF_AHLI_UTAMA"
    JF_LAINNYA = "JF_LAINNYA"  # every other functional post


class PejabatLevel(StrEnum):
    """The official; Pasal 16's hierarchy without Kepala Perwakilan RI (passed as JPT_MADYA)."""

    PRESIDEN = "PRESIDEN"
    PPK = "PPK"
    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"


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
_POST_RANK = {post: rank for rank, post in enumerate(_STRUCTURAL_POSTS, start=1)}

_RINGAN = frozenset(RINGAN)
_SEDANG = frozenset(jenis for types in SEDANG.values() for jenis in types)
_BERAT = frozenset(BERAT)
_NONE: frozenset[JenisHukuman] = frozenset()
_RINGAN_SEDANG = _RINGAN | _SEDANG
_UP_TO_BERAT_B = _RINGAN | _SEDANG | frozenset(BERAT[:2])  # all but dismissal
_ADMINISTRATOR_AND_BELOW = (
    JabatanLevel.ADMINISTRATOR,
    JabatanLevel.PENGAWAS,
    JabatanLevel.PELAKSANA,
)

PRESIDEN_ARTICLE = "PP 94/2021 Pasal 17"
NO_PYBM_ARTICLE = "PP 94/2021 Pasal 25"

# Pasal 18: what the PPK imposes, by kind of instansi (article, then jenis by post). A post not
# listed gets nothing from the PPK.
PPK_RULES: dict[InstansiKind, tuple[str, dict[JabatanLevel, frozenset[JenisHukuman]]]] = {
    InstansiKind.PUSAT_PROVINSI: (
        "PP 94/2021 Pasal 18 ayat (1)-(2)",
        {
            JabatanLevel.JPT_MADYA: _UP_TO_BERAT_B,
            JabatanLevel.JPT_PRATAMA: _SEDANG | _BERAT,
            JabatanLevel.JF_AHLI_UTAMA: _UP_TO_BERAT_B,
            **dict.fromkeys(_ADMINISTRATOR_AND_BELOW, _BERAT),
            JabatanLevel.JF_LAINNYA: _BERAT,
        },
    ),
    InstansiKind.KABUPATEN_KOTA: (
        "PP 94/2021 Pasal 18 ayat (3)",
        {
            JabatanLevel.JPT_PRATAMA: frozenset(JenisHukuman),
            JabatanLevel.JF_AHLI_UTAMA: _UP_TO_BERAT_B,
            **dict.fromkeys(_ADMINISTRATOR_AND_BELOW, _SEDANG | _BERAT),
            JabatanLevel.JF_LAINNYA: _BERAT,
        },
    ),
}


@dataclass(frozen=True)
class LineRule:
    """Pasal 19-23 for one level of official."""

    article: str
    one_level_below: frozenset[JenisHukuman]
    two_levels_below: frozenset[JenisHukuman]
    functional_in_unit: frozenset[JenisHukuman]
    # Pasal 22, 23: a designated JF (Ahli Madya / Ahli Muda) where the post does not exist.
    designated_jf_may_stand_in: bool


LINE_RULES: dict[PejabatLevel, LineRule] = {
    # Pasal 19 (Kepala Perwakilan RI) and 20 (JPT Madya); neither names JF.
    PejabatLevel.JPT_MADYA: LineRule("PP 94/2021 Pasal 20", _RINGAN, _SEDANG, _NONE, False),
    PejabatLevel.JPT_PRATAMA: LineRule(
        "PP 94/2021 Pasal 21", _RINGAN, _SEDANG, _RINGAN_SEDANG, False
    ),
    PejabatLevel.ADMINISTRATOR: LineRule(
        "PP 94/2021 Pasal 22", _RINGAN, _SEDANG, _RINGAN_SEDANG, True
    ),
    # Pasal 23: two levels below a pengawas is ringan *and* sedang, as the text says.
    PejabatLevel.PENGAWAS: LineRule("PP 94/2021 Pasal 23", _RINGAN, _RINGAN_SEDANG, _RINGAN, True),
}


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


def _allowed(official: PejabatLevel, article: str, reason: str) -> Authority:
    return Authority(official, True, article, reason)


def _refused(official: PejabatLevel, reason: str) -> Authority:
    return Authority(official, False, None, reason)


def _presiden(
    asn: JabatanLevel, jenis: JenisHukuman, *, asn_is_ppk: bool, by_president: bool
) -> Authority:
    # Pasal 17: every type for a JPT Utama and for a JPT Madya who is PPK; dismissal for a JPT
    # Madya, a JF Ahli Utama and any post the President appoints.
    who = PejabatLevel.PRESIDEN
    if asn is JabatanLevel.JPT_UTAMA or asn_is_ppk:
        return _allowed(who, PRESIDEN_ARTICLE, f"every punishment of a {asn}")
    dismissal = jenis is JenisHukuman.PEMBERHENTIAN_DH_TAPS
    if dismissal and (asn in (JabatanLevel.JPT_MADYA, JabatanLevel.JF_AHLI_UTAMA) or by_president):
        return _allowed(who, PRESIDEN_ARTICLE, "dismissal of a post the President appoints")
    return _refused(who, f"{PRESIDEN_ARTICLE} does not reserve {jenis} of a {asn}")


def _ppk(
    asn: JabatanLevel, jenis: JenisHukuman, instansi: InstansiKind, *, by_president: bool
) -> Authority:
    who = PejabatLevel.PPK
    if by_president and jenis is JenisHukuman.PEMBERHENTIAN_DH_TAPS:
        # Reading: Pasal 17 gives dismissal of a post the President appoints to the President,
        # so for that post Pasal 18's "berat" stops at huruf b.
        return _refused(who, f"{PRESIDEN_ARTICLE}: the President dismisses whom they appoint")
    article, table = PPK_RULES[InstansiKind(instansi)]
    if jenis in table.get(asn, _NONE):
        return _allowed(who, article, f"{jenis} of a {asn}")
    return _refused(who, f"{article} does not give the PPK {jenis} of a {asn}")


def _line_official(
    official: PejabatLevel,
    asn: JabatanLevel,
    jenis: JenisHukuman,
    levels_below: int | None,
    designated_jf: bool,
) -> Authority:
    rule = LINE_RULES[official]
    if levels_below is None:
        return _refused(official, f"the {asn} is not in the {official}'s line")
    if asn is JabatanLevel.JF_LAINNYA:
        scope, where = rule.functional_in_unit, "a JF in the unit"
    elif asn in _POST_RANK:
        scope = {1: rule.one_level_below, 2: rule.two_levels_below}.get(levels_below, _NONE)
        where = f"{levels_below} level(s) below"
    else:  # JF Ahli Utama: Pasal 17-18 only
        scope, where = _NONE, f"a {asn}"
    if designated_jf:
        # Pasal 22, 23: the designated JF imposes ringan only, where the post could.
        scope = scope & _RINGAN
    if jenis in scope:
        return _allowed(official, rule.article, f"{jenis.tingkat} for {where}")
    return _refused(official, f"{rule.article} does not give {jenis} for {where}")


def _check_arguments(
    official: PejabatLevel,
    asn: JabatanLevel,
    levels_below: int | None,
    asn_is_ppk: bool,
    designated_jf: bool,
) -> None:
    if levels_below is not None and levels_below < 1:
        raise ValueError("levels_below counts from 1 (a direct subordinate)")
    if asn_is_ppk and asn not in (JabatanLevel.JPT_UTAMA, JabatanLevel.JPT_MADYA):
        raise ValueError(f"a {asn} is not a PPK")
    rule = LINE_RULES.get(official)
    if designated_jf and not (rule and rule.designated_jf_may_stand_in):
        raise ValueError(f"no JF is designated in place of a {official} (Pasal 22, 23 only)")
    # Equal ranks pass: a kabupaten's JPT Pratama heads of dinas report to a JPT Pratama Sekda.
    if rule and asn in _POST_RANK and HIERARCHY.index(official) > _POST_RANK[asn]:
        raise ValueError(f"a {asn} does not sit below a {official}")


def direct_authority(
    official: PejabatLevel,
    asn: JabatanLevel,
    jenis: JenisHukuman,
    *,
    instansi: InstansiKind,
    levels_below: int | None,
    asn_is_ppk: bool = False,
    asn_appointed_by_president: bool = False,
    designated_jf: bool = False,
) -> Authority:
    """Pasal 17-23 for this official alone (Pasal 25 is `may_impose`'s).

    `levels_below`: how far below the official the civil servant sits in the official's line (1:
    direct subordinate); None when not in that line. The President and the PPK ignore it.
    `asn_is_ppk`: a JPT Madya (or Utama) who is PPK. `designated_jf`: the official is a JF
    designated where there is no administrator / pengawas post (Pasal 22, 23). ValueError for
    arguments that cannot describe a real case (a JPT Pratama below a pengawas, ...).
    """
    official, asn, jenis = PejabatLevel(official), JabatanLevel(asn), JenisHukuman(jenis)
    _check_arguments(official, asn, levels_below, asn_is_ppk, designated_jf)
    if official is PejabatLevel.PRESIDEN:
        return _presiden(asn, jenis, asn_is_ppk=asn_is_ppk, by_president=asn_appointed_by_president)
    if asn_is_ppk:
        return _refused(official, f"{PRESIDEN_ARTICLE}: only the President punishes a PPK")
    if official is PejabatLevel.PPK:
        return _ppk(asn, jenis, instansi, by_president=asn_appointed_by_president)
    return _line_official(official, asn, jenis, levels_below, designated_jf)


def _chain(line: Sequence[PejabatLevel | Superior]) -> tuple[Superior, ...]:
    """Direct superior first, up the line, then the PPK and the President; the line is checked
    to hold only officials below the PPK, strictly rising in Pasal 16's order."""
    superiors = tuple(s if isinstance(s, Superior) else Superior(PejabatLevel(s)) for s in line)
    if any(s.level not in LINE_OFFICIALS for s in superiors):
        raise ValueError("the line holds the superiors below the PPK; PPK and President follow")
    ranks = [HIERARCHY.index(s.level) for s in superiors]
    if any(higher >= lower for lower, higher in zip(ranks, ranks[1:], strict=False)):
        raise ValueError("the line must rise strictly, direct superior first")
    return (*superiors, Superior(PejabatLevel.PPK), Superior(PejabatLevel.PRESIDEN))


def _along_the_line(
    asn: JabatanLevel,
    jenis: JenisHukuman,
    instansi: InstansiKind,
    line: Sequence[PejabatLevel | Superior],
    flags: dict[str, bool],
) -> list[tuple[Superior, Authority]]:
    """Each official up the chain with what Pasal 17-23 give them (line[i] is i+1 levels up)."""
    along = []
    for levels_below, superior in enumerate(_chain(line), start=1):
        authority = direct_authority(
            superior.level,
            asn,
            jenis,
            instansi=instansi,
            levels_below=levels_below,
            designated_jf=superior.designated_jf,
            **flags,
        )
        along.append((superior, authority))
    return along


def lowest_competent(
    asn: JabatanLevel,
    jenis: JenisHukuman,
    *,
    instansi: InstansiKind,
    line: Sequence[PejabatLevel | Superior] = (),
    asn_is_ppk: bool = False,
    asn_appointed_by_president: bool = False,
) -> Authority | None:
    """The first official up the civil servant's line whom Pasal 17-23 make competent.

    `line`: the superiors below the PPK, direct superior first (it sits 1 level above, the next
    2, and so on); the PPK and the President follow. None when nobody is competent.
    """
    flags = {"asn_is_ppk": asn_is_ppk, "asn_appointed_by_president": asn_appointed_by_president}
    along = _along_the_line(asn, jenis, instansi, line, flags)
    return next((authority for _, authority in along if authority.allowed), None)


def may_impose(
    official: PejabatLevel,
    asn: JabatanLevel,
    jenis: JenisHukuman,
    *,
    instansi: InstansiKind,
    line: Sequence[PejabatLevel | Superior] = (),
    asn_is_ppk: bool = False,
    asn_appointed_by_president: bool = False,
) -> Authority:
    """Whether `official` may impose `jenis` on the civil servant whose line is `line`.

    Allowed when Pasal 17-23 make the official competent, or when the official sits above the
    lowest competent one (Pasal 25: the higher official acts where there is no PyBM). A JF
    designated in place of a post stays limited to ringan (Pasal 22, 23).
    """
    official, jenis = PejabatLevel(official), JenisHukuman(jenis)
    flags = {"asn_is_ppk": asn_is_ppk, "asn_appointed_by_president": asn_appointed_by_president}
    along = _along_the_line(asn, jenis, instansi, line, flags)
    levels = [superior.level for superior, _ in along]
    if official not in levels:
        return _refused(official, f"the {official} is not in the {asn}'s line")
    position = levels.index(official)
    superior, own = along[position]
    if own.allowed or (superior.designated_jf and jenis.tingkat is not TingkatHukuman.RINGAN):
        return own
    competent = [index for index, (_, authority) in enumerate(along) if authority.allowed]
    if not competent:
        return _refused(official, f"nobody in the line is competent; {NO_PYBM_ARTICLE} ends there")
    lowest = along[competent[0]][1]
    if competent[0] < position:
        reason = f"above the competent {lowest.official} ({lowest.article})"
        return _allowed(official, NO_PYBM_ARTICLE, reason)
    return _refused(official, f"the lowest competent is the {lowest.official} ({lowest.article})")
