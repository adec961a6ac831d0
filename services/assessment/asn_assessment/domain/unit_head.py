"""The head of a unit is rated on the unit's achievement (SE MenPANRB 3/2023, as reported).

docs/regulation.md 1.4: "If the evaluated employee is the head of the organisational unit, the
unit's organisational achievement is used as that person's Rating Hasil Kerja." The sources found
give no table from the organisation predicate to a rating level, so the mapping below is the
reading that keeps the three levels' order, and the instance can replace it (a setting).
"""

from __future__ import annotations

from collections.abc import Mapping

from asn_shared.catalog.vocabulary import PredikatOrganisasi as O
from asn_shared.catalog.vocabulary import RatingLevel as R

DEFAULT_HEAD_HASIL_KERJA: Mapping[O, R] = {
    O.ISTIMEWA: R.DI_ATAS_EKSPEKTASI,
    O.BAIK: R.SESUAI_EKSPEKTASI,
    O.BUTUH_PERBAIKAN: R.DI_BAWAH_EKSPEKTASI,
    O.KURANG: R.DI_BAWAH_EKSPEKTASI,
    O.SANGAT_KURANG: R.DI_BAWAH_EKSPEKTASI,
}


def head_hasil_kerja(
    predikat_organisasi: O, mapping: Mapping[O, R] = DEFAULT_HEAD_HASIL_KERJA
) -> R:
    return mapping[predikat_organisasi]
