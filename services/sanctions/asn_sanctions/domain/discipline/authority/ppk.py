"""What the Pejabat Pembina Kepegawaian imposes (PP 94/2021 Pasal 18), by kind of instansi."""

from __future__ import annotations

from asn_shared.catalog.vocabulary import JenisHukuman

from .levels import (
    ALL_BUT_DISMISSAL,
    BERAT_ONLY,
    NOTHING,
    SEDANG_ONLY,
    Authority,
    InstansiKind,
    JabatanLevel,
    PejabatLevel,
    grant,
    refuse,
)
from .presiden import PRESIDEN_ARTICLE

_ADMINISTRATOR_AND_BELOW = (
    JabatanLevel.ADMINISTRATOR,
    JabatanLevel.PENGAWAS,
    JabatanLevel.PELAKSANA,
)

# Pasal 18: what the PPK imposes, by kind of instansi (article, then jenis by post). A post not
# listed gets nothing from the PPK.
PPK_RULES: dict[InstansiKind, tuple[str, dict[JabatanLevel, frozenset[JenisHukuman]]]] = {
    InstansiKind.PUSAT_PROVINSI: (
        "PP 94/2021 Pasal 18 ayat (1)-(2)",
        {
            JabatanLevel.JPT_MADYA: ALL_BUT_DISMISSAL,
            JabatanLevel.JPT_PRATAMA: SEDANG_ONLY | BERAT_ONLY,
            JabatanLevel.JF_AHLI_UTAMA: ALL_BUT_DISMISSAL,
            **dict.fromkeys(_ADMINISTRATOR_AND_BELOW, BERAT_ONLY),
            JabatanLevel.JF_LAINNYA: BERAT_ONLY,
        },
    ),
    InstansiKind.KABUPATEN_KOTA: (
        "PP 94/2021 Pasal 18 ayat (3)",
        {
            JabatanLevel.JPT_PRATAMA: frozenset(JenisHukuman),
            JabatanLevel.JF_AHLI_UTAMA: ALL_BUT_DISMISSAL,
            **dict.fromkeys(_ADMINISTRATOR_AND_BELOW, SEDANG_ONLY | BERAT_ONLY),
            JabatanLevel.JF_LAINNYA: BERAT_ONLY,
        },
    ),
}


def ppk(
    asn: JabatanLevel, jenis: JenisHukuman, instansi: InstansiKind, *, by_president: bool
) -> Authority:
    who = PejabatLevel.PPK
    if by_president and jenis is JenisHukuman.PEMBERHENTIAN_DH_TAPS:
        # Reading: Pasal 17 gives dismissal of a post the President appoints to the President,
        # so for that post Pasal 18's "berat" stops at huruf b.
        return refuse(who, f"{PRESIDEN_ARTICLE}: the President dismisses whom they appoint")
    article, table = PPK_RULES[InstansiKind(instansi)]
    if jenis in table.get(asn, NOTHING):
        return grant(who, article, f"{jenis} of a {asn}")
    return refuse(who, f"{article} does not give the PPK {jenis} of a {asn}")
