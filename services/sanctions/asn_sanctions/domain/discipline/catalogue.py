"""The disciplinary punishments in order of severity (PP 94/2021 Pasal 8, 33; Pasal 42).

Pasal 8 lists three levels of three types each: ringan a<b<c, then sedang a<b<c, then berat
a<b<c, nine steps in all. The sedang types are the 25% tukin cuts of 6, 9 and 12 months, except
that until the salary PP takes effect PP 94/2021 Pasal 42 keeps the PP 53/2010 Pasal 7(3) sedang
types in their place: penundaan KGB, penundaan pangkat and penurunan pangkat, each for one year.
Which of the two applies is a setting of the service; here it is always an argument.

A sedang type has the same rank (its letter) in either catalogue, so `severity` compares types
across catalogues; a list to choose from must not mix them (see `heaviest`).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from asn_shared.catalog.vocabulary import JenisHukuman


class SedangCatalogue(StrEnum):
    """Which sedang types apply (PP 94/2021 Pasal 42 transitional rule)."""

    PP_94_2021 = "PP_94_2021"  # Pasal 8(3): pemotongan tunjangan kinerja 25%
    PP_53_2010 = "PP_53_2010"  # PP 53/2010 Pasal 7(3), kept by PP 94/2021 Pasal 42


# PP 94/2021 Pasal 8(2) huruf a-c.
RINGAN: tuple[JenisHukuman, ...] = (
    JenisHukuman.TEGURAN_LISAN,
    JenisHukuman.TEGURAN_TERTULIS,
    JenisHukuman.PERNYATAAN_TIDAK_PUAS,
)
# PP 94/2021 Pasal 8(3) huruf a-c, or PP 53/2010 Pasal 7(3) huruf a-c under Pasal 42.
SEDANG: dict[SedangCatalogue, tuple[JenisHukuman, ...]] = {
    SedangCatalogue.PP_94_2021: (
        JenisHukuman.POTONG_TUKIN_25_6B,
        JenisHukuman.POTONG_TUKIN_25_9B,
        JenisHukuman.POTONG_TUKIN_25_12B,
    ),
    SedangCatalogue.PP_53_2010: (
        JenisHukuman.PENUNDAAN_KGB_1T,
        JenisHukuman.PENUNDAAN_PANGKAT_1T,
        JenisHukuman.PENURUNAN_PANGKAT_1T,
    ),
}
# PP 94/2021 Pasal 8(4) huruf a-c.
BERAT: tuple[JenisHukuman, ...] = (
    JenisHukuman.PENURUNAN_JABATAN_12B,
    JenisHukuman.PEMBEBASAN_JABATAN_12B,
    JenisHukuman.PEMBERHENTIAN_DH_TAPS,
)

HEAVIEST_POSSIBLE = JenisHukuman.PEMBERHENTIAN_DH_TAPS


def catalogue(sedang: SedangCatalogue) -> tuple[JenisHukuman, ...]:
    """The nine punishments of one catalogue, lightest first."""
    return (*RINGAN, *SEDANG[SedangCatalogue(sedang)], *BERAT)


_SEVERITY: dict[JenisHukuman, int] = {
    jenis: rank for sedang in SedangCatalogue for rank, jenis in enumerate(catalogue(sedang))
}


def severity(jenis: JenisHukuman) -> int:
    """0 (teguran lisan) to 8 (pemberhentian); a sedang type ranks by its letter in either
    catalogue, so PENUNDAAN_KGB_1T and POTONG_TUKIN_25_6B are both 3."""
    return _SEVERITY[JenisHukuman(jenis)]


def catalogue_of(jenis: JenisHukuman) -> SedangCatalogue | None:
    """The catalogue a sedang type belongs to; None for ringan and berat (in both)."""
    jenis = JenisHukuman(jenis)
    for sedang, types in SEDANG.items():
        if jenis in types:
            return sedang
    return None


def translate(jenis: JenisHukuman, to: SedangCatalogue) -> JenisHukuman:
    """The same step in catalogue `to`: a sedang type keeps its letter (a, b, c); ringan and
    berat are the same in both catalogues and come back unchanged."""
    return catalogue(to)[severity(jenis)]


def heaviest(jenis_list: Iterable[JenisHukuman]) -> JenisHukuman:
    """Several violations get one punishment, the heaviest (PP 94/2021 Pasal 33).

    Raises ValueError for an empty list, and for a list mixing the sedang types of both
    catalogues: the two types of one letter would tie, and only one catalogue applies to a
    decision, so the caller translates first.
    """
    types = [JenisHukuman(jenis) for jenis in jenis_list]
    if not types:
        raise ValueError("heaviest() needs at least one punishment")
    catalogues = {catalogue_of(jenis) for jenis in types} - {None}
    if len(catalogues) > 1:
        raise ValueError(
            "the list mixes PP 94/2021 and PP 53/2010 sedang types; translate() them first"
        )
    return max(types, key=severity)


def for_repeat(
    proposed: JenisHukuman, previous: JenisHukuman, sedang: SedangCatalogue
) -> JenisHukuman:
    """A repeated violation of the same nature gets a heavier punishment than the last one
    (PP 94/2021 Pasal 33-35, docs/regulation.md 3.4, which cites the three decision rules
    together without splitting them by ayat): the heavier of `proposed` and the step above
    `previous` in catalogue `sedang`. PEMBERHENTIAN_DH_TAPS has no step above and stays the top.

    Either type may come from the other catalogue (a punishment set before the switch, or a
    proposal copied from it) and is translated to `sedang` first: the result always belongs to
    `sedang`.

    "No double punishment for one violation" is not decided here: the caller imposes one
    punishment per case, and a repeat is a new violation in a new case.
    """
    steps = catalogue(sedang)
    step_above_previous = steps[min(severity(previous) + 1, len(steps) - 1)]
    return max(translate(proposed, sedang), step_above_previous, key=severity)
