"""What the President imposes (PP 94/2021 Pasal 17)."""

from __future__ import annotations

from asn_shared.catalog.vocabulary import JenisHukuman

from .levels import Authority, JabatanLevel, PejabatLevel, grant, refuse

PRESIDEN_ARTICLE = "PP 94/2021 Pasal 17"


def presiden(
    asn: JabatanLevel, jenis: JenisHukuman, *, asn_is_ppk: bool, by_president: bool
) -> Authority:
    # Pasal 17: every type for a JPT Utama and for a JPT Madya who is PPK; dismissal for a JPT
    # Madya, a JF Ahli Utama and any post the President appoints.
    who = PejabatLevel.PRESIDEN
    if asn is JabatanLevel.JPT_UTAMA or asn_is_ppk:
        return grant(who, PRESIDEN_ARTICLE, f"every punishment of a {asn}")
    dismissal = jenis is JenisHukuman.PEMBERHENTIAN_DH_TAPS
    if dismissal and (asn in (JabatanLevel.JPT_MADYA, JabatanLevel.JF_AHLI_UTAMA) or by_president):
        return grant(who, PRESIDEN_ARTICLE, "dismissal of a post the President appoints")
    return refuse(who, f"{PRESIDEN_ARTICLE} does not reserve {jenis} of a {asn}")
