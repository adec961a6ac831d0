"""What the officials in the civil servant's line impose (PP 94/2021 Pasal 19-23): by how far
below them the civil servant sits, and for the functional posts in their unit."""

from __future__ import annotations

from dataclasses import dataclass

from asn_shared.catalog.vocabulary import JenisHukuman

from .levels import (
    NOTHING,
    POST_RANK,
    RINGAN_ONLY,
    RINGAN_SEDANG,
    SEDANG_ONLY,
    Authority,
    JabatanLevel,
    PejabatLevel,
    grant,
    refuse,
)


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
    PejabatLevel.JPT_MADYA: LineRule(
        "PP 94/2021 Pasal 20", RINGAN_ONLY, SEDANG_ONLY, NOTHING, False
    ),
    PejabatLevel.JPT_PRATAMA: LineRule(
        "PP 94/2021 Pasal 21", RINGAN_ONLY, SEDANG_ONLY, RINGAN_SEDANG, False
    ),
    PejabatLevel.ADMINISTRATOR: LineRule(
        "PP 94/2021 Pasal 22", RINGAN_ONLY, SEDANG_ONLY, RINGAN_SEDANG, True
    ),
    # Pasal 23: two levels below a pengawas is ringan *and* sedang, as the text says.
    PejabatLevel.PENGAWAS: LineRule(
        "PP 94/2021 Pasal 23", RINGAN_ONLY, RINGAN_SEDANG, RINGAN_ONLY, True
    ),
}


def line_official(
    official: PejabatLevel,
    asn: JabatanLevel,
    jenis: JenisHukuman,
    levels_below: int | None,
    designated_jf: bool,
) -> Authority:
    rule = LINE_RULES[official]
    if levels_below is None:
        return refuse(official, f"the {asn} is not in the {official}'s line")
    if asn is JabatanLevel.JF_LAINNYA:
        scope, where = rule.functional_in_unit, "a JF in the unit"
    elif asn in POST_RANK:
        scope = {1: rule.one_level_below, 2: rule.two_levels_below}.get(levels_below, NOTHING)
        where = f"{levels_below} level(s) below"
    else:  # JF Ahli Utama: Pasal 17-18 only
        scope, where = NOTHING, f"a {asn}"
    if designated_jf:
        # Pasal 22, 23: the designated JF imposes ringan only, where the post could.
        scope = scope & RINGAN_ONLY
    if jenis in scope:
        return grant(official, rule.article, f"{jenis.tingkat} for {where}")
    return refuse(official, f"{rule.article} does not give {jenis} for {where}")
