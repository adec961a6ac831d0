"""Whether an official may impose a punishment (PP 94/2021 Pasal 16-25): each role's rule
(`presiden`, `ppk`, `line`) asked for one official, then along the civil servant's line with
Pasal 25's "no PyBM -> the higher official". The readings applied are in the package's docstring.
"""

from __future__ import annotations

from collections.abc import Sequence

from asn_shared.catalog.vocabulary import JenisHukuman, TingkatHukuman

from .levels import (
    HIERARCHY,
    LINE_OFFICIALS,
    POST_RANK,
    Authority,
    InstansiKind,
    JabatanLevel,
    PejabatLevel,
    Superior,
    grant,
    refuse,
)
from .line import LINE_RULES, line_official
from .ppk import ppk
from .presiden import PRESIDEN_ARTICLE, presiden

NO_PYBM_ARTICLE = "PP 94/2021 Pasal 25"


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
    if rule and asn in POST_RANK and HIERARCHY.index(official) > POST_RANK[asn]:
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
        return presiden(asn, jenis, asn_is_ppk=asn_is_ppk, by_president=asn_appointed_by_president)
    if asn_is_ppk:
        return refuse(official, f"{PRESIDEN_ARTICLE}: only the President punishes a PPK")
    if official is PejabatLevel.PPK:
        return ppk(asn, jenis, instansi, by_president=asn_appointed_by_president)
    return line_official(official, asn, jenis, levels_below, designated_jf)


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
        return refuse(official, f"the {official} is not in the {asn}'s line")
    position = levels.index(official)
    superior, own = along[position]
    if own.allowed or (superior.designated_jf and jenis.tingkat is not TingkatHukuman.RINGAN):
        return own
    competent = [index for index, (_, authority) in enumerate(along) if authority.allowed]
    if not competent:
        return refuse(official, f"nobody in the line is competent; {NO_PYBM_ARTICLE} ends there")
    lowest = along[competent[0]][1]
    if competent[0] < position:
        reason = f"above the competent {lowest.official} ({lowest.article})"
        return grant(official, NO_PYBM_ARTICLE, reason)
    return refuse(official, f"the lowest competent is the {lowest.official} ({lowest.article})")
