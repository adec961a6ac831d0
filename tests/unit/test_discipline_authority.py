"""Pejabat yang Berwenang Menghukum (PP 94/2021 Pasal 16-25), row by row.

A row's expected scope is written as letters: r = ringan, s = sedang (either catalogue),
ab = berat a and b, c = dismissal; "" = nothing.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_sanctions.domain.discipline.authority import (
    InstansiKind,
    JabatanLevel,
    PejabatLevel,
    Superior,
    direct_authority,
    lowest_competent,
    may_impose,
)
from asn_shared.catalog.vocabulary import JenisHukuman as J
from asn_shared.catalog.vocabulary import TingkatHukuman

P, A = PejabatLevel, JabatanLevel
PUSAT, KAB = InstansiKind.PUSAT_PROVINSI, InstansiKind.KABUPATEN_KOTA
STRUCTURAL_OFFICIALS = (P.JPT_MADYA, P.JPT_PRATAMA, P.ADMINISTRATOR, P.PENGAWAS)


def scope(letters: str) -> frozenset[J]:
    def wanted(jenis: J) -> bool:
        if jenis.tingkat is TingkatHukuman.RINGAN:
            return "r" in letters
        if jenis.tingkat is TingkatHukuman.SEDANG:
            return "s" in letters
        if jenis is J.PEMBERHENTIAN_DH_TAPS:
            return "c" in letters
        return "ab" in letters

    return frozenset(filter(wanted, J))


ALL = "rsabc"


def allowed_set(official, asn, **kwargs) -> frozenset[J]:
    return frozenset(j for j in J if direct_authority(official, asn, j, **kwargs).allowed)


# --- Pasal 17: the President ---

PRESIDEN_ROWS = [
    # (asn, asn_is_ppk, appointed_by_president, scope)
    (A.JPT_UTAMA, False, False, ALL),
    (A.JPT_MADYA, True, False, ALL),  # a JPT Madya who is PPK
    (A.JPT_MADYA, False, False, "c"),
    (A.JF_AHLI_UTAMA, False, False, "c"),
    (A.JPT_PRATAMA, False, True, "c"),  # a post the President appoints
    (A.JPT_PRATAMA, False, False, ""),
    (A.ADMINISTRATOR, False, False, ""),
    (A.PENGAWAS, False, False, ""),
    (A.PELAKSANA, False, False, ""),
    (A.JF_LAINNYA, False, False, ""),
    (A.JF_LAINNYA, False, True, "c"),
]


@pytest.mark.parametrize(("asn", "is_ppk", "by_president", "letters"), PRESIDEN_ROWS)
@pytest.mark.parametrize("instansi", list(InstansiKind))
def test_presiden_pasal_17(asn, is_ppk, by_president, letters, instansi) -> None:
    flags = {"asn_is_ppk": is_ppk, "asn_appointed_by_president": by_president}
    got = allowed_set(P.PRESIDEN, asn, instansi=instansi, levels_below=None, **flags)
    assert got == scope(letters)
    for jenis in got:
        authority = direct_authority(
            P.PRESIDEN, asn, jenis, instansi=instansi, levels_below=None, **flags
        )
        assert authority.article == "PP 94/2021 Pasal 17"


# --- Pasal 18: the PPK ---

PPK_ROWS = [
    # Pasal 18 ayat (1)-(2): central and province.
    (PUSAT, A.JPT_UTAMA, ""),
    (PUSAT, A.JPT_MADYA, "rsab"),
    (PUSAT, A.JPT_PRATAMA, "sabc"),
    (PUSAT, A.JF_AHLI_UTAMA, "rsab"),
    (PUSAT, A.ADMINISTRATOR, "abc"),
    (PUSAT, A.PENGAWAS, "abc"),
    (PUSAT, A.PELAKSANA, "abc"),
    (PUSAT, A.JF_LAINNYA, "abc"),
    # Pasal 18 ayat (3): kabupaten/kota.
    (KAB, A.JPT_UTAMA, ""),
    (KAB, A.JPT_MADYA, ""),  # not a kabupaten/kota post: the text gives nothing
    (KAB, A.JPT_PRATAMA, ALL),
    (KAB, A.JF_AHLI_UTAMA, "rsab"),
    (KAB, A.ADMINISTRATOR, "sabc"),
    (KAB, A.PENGAWAS, "sabc"),
    (KAB, A.PELAKSANA, "sabc"),
    (KAB, A.JF_LAINNYA, "abc"),
]
PPK_ARTICLE = {PUSAT: "PP 94/2021 Pasal 18 ayat (1)-(2)", KAB: "PP 94/2021 Pasal 18 ayat (3)"}


def test_the_ppk_rows_cover_every_post_in_both_kinds_of_instansi() -> None:
    assert {(row[0], row[1]) for row in PPK_ROWS} == set(itertools.product(InstansiKind, A))


@pytest.mark.parametrize(("instansi", "asn", "letters"), PPK_ROWS)
def test_ppk_pasal_18(instansi, asn, letters) -> None:
    assert allowed_set(P.PPK, asn, instansi=instansi, levels_below=None) == scope(letters)
    for jenis in scope(letters):
        authority = direct_authority(P.PPK, asn, jenis, instansi=instansi, levels_below=1)
        assert authority.article == PPK_ARTICLE[instansi]


@pytest.mark.parametrize("instansi", list(InstansiKind))
def test_the_ppk_does_not_punish_a_ppk_nor_dismiss_whom_the_president_appoints(instansi) -> None:
    assert allowed_set(
        P.PPK, A.JPT_MADYA, instansi=instansi, levels_below=None, asn_is_ppk=True
    ) == (frozenset())
    got = allowed_set(
        P.PPK, A.JPT_PRATAMA, instansi=instansi, levels_below=None, asn_appointed_by_president=True
    )
    assert J.PEMBERHENTIAN_DH_TAPS not in got
    assert got == allowed_set(P.PPK, A.JPT_PRATAMA, instansi=instansi, levels_below=None) - {
        J.PEMBERHENTIAN_DH_TAPS
    }


# --- Pasal 19-23: officials in the line ---

# (official, article, 1 level below, 2 levels below, JF in the unit)
LINE_ROWS = [
    (P.JPT_MADYA, "PP 94/2021 Pasal 20", "r", "s", ""),  # also Kepala Perwakilan RI, Pasal 19
    (P.JPT_PRATAMA, "PP 94/2021 Pasal 21", "r", "s", "rs"),
    (P.ADMINISTRATOR, "PP 94/2021 Pasal 22", "r", "s", "rs"),
    (P.PENGAWAS, "PP 94/2021 Pasal 23", "r", "rs", "r"),
]
RANK = {A.JPT_UTAMA: 1, A.JPT_MADYA: 2, A.JPT_PRATAMA: 3, A.ADMINISTRATOR: 4, A.PENGAWAS: 5}
OFFICIAL_RANK = {P.JPT_MADYA: 2, P.JPT_PRATAMA: 3, P.ADMINISTRATOR: 4, P.PENGAWAS: 5}


def line_cases() -> list[tuple]:
    rows = []
    for (official, article, one, two, jf), asn in itertools.product(LINE_ROWS, A):
        for levels_below in (1, 2, 3, None):
            if asn is A.JF_LAINNYA:
                letters = jf
            elif asn is A.JF_AHLI_UTAMA:
                letters = ""  # Pasal 17-18 only
            else:
                letters = {1: one, 2: two}.get(levels_below, "")
            rows.append((official, article, asn, levels_below, letters if levels_below else ""))
    return rows


@pytest.mark.parametrize(("official", "article", "asn", "levels_below", "letters"), line_cases())
@pytest.mark.parametrize("instansi", list(InstansiKind))
def test_line_officials_pasal_19_to_23(official, article, asn, levels_below, letters, instansi):
    if RANK.get(asn, 99) < OFFICIAL_RANK[official]:
        with pytest.raises(ValueError, match="does not sit below"):
            direct_authority(official, asn, J.TEGURAN_LISAN, instansi=instansi, levels_below=1)
        return
    got = allowed_set(official, asn, instansi=instansi, levels_below=levels_below)
    assert got == scope(letters)
    for jenis in got:
        authority = direct_authority(
            official, asn, jenis, instansi=instansi, levels_below=levels_below
        )
        assert authority.article == article


@pytest.mark.parametrize(
    ("official", "asn", "levels_below", "letters"),
    [
        # Pasal 22: a JF Ahli Madya where there is no administrator post, ringan only.
        (P.ADMINISTRATOR, A.PELAKSANA, 1, "r"),
        (P.ADMINISTRATOR, A.PELAKSANA, 2, ""),
        (P.ADMINISTRATOR, A.JF_LAINNYA, 1, "r"),
        # Pasal 23: a JF Ahli Muda where there is no pengawas post, ringan only.
        (P.PENGAWAS, A.PELAKSANA, 1, "r"),
        (P.PENGAWAS, A.PELAKSANA, 2, "r"),
        (P.PENGAWAS, A.JF_LAINNYA, 3, "r"),
    ],
)
def test_a_designated_jf_imposes_ringan_only(official, asn, levels_below, letters) -> None:
    got = allowed_set(official, asn, instansi=PUSAT, levels_below=levels_below, designated_jf=True)
    assert got == scope(letters)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"official": P.JPT_PRATAMA, "designated_jf": True},  # only Pasal 22 and 23 designate
        {"official": P.PPK, "designated_jf": True},
        {"official": P.ADMINISTRATOR, "asn_is_ppk": True},  # a pelaksana is not a PPK
        {"official": P.ADMINISTRATOR, "levels_below": 0},
    ],
)
def test_arguments_that_describe_no_real_case_are_refused(kwargs) -> None:
    arguments = {"levels_below": 1} | kwargs
    with pytest.raises(ValueError):
        direct_authority(jenis=J.TEGURAN_LISAN, asn=A.PELAKSANA, instansi=PUSAT, **arguments)


def test_a_ppk_is_punished_by_the_president_alone() -> None:
    for official in (P.PPK, P.JPT_MADYA):  # lower officials cannot be above a JPT Madya
        assert allowed_set(
            official, A.JPT_MADYA, instansi=PUSAT, levels_below=1, asn_is_ppk=True
        ) == (frozenset())


# --- Pasal 25 and the line: lowest_competent and may_impose ---

MINISTRY_PELAKSANA = (P.PENGAWAS, P.ADMINISTRATOR, P.JPT_PRATAMA, P.JPT_MADYA)
CHAIN = (*MINISTRY_PELAKSANA, P.PPK, P.PRESIDEN)

# A pelaksana in a ministry: (jenis, the lowest competent official and its article).
PELAKSANA_LOWEST = [
    (J.TEGURAN_LISAN, P.PENGAWAS, "PP 94/2021 Pasal 23"),
    (J.PERNYATAAN_TIDAK_PUAS, P.PENGAWAS, "PP 94/2021 Pasal 23"),
    (J.POTONG_TUKIN_25_6B, P.ADMINISTRATOR, "PP 94/2021 Pasal 22"),  # 2 levels below
    (J.PENUNDAAN_PANGKAT_1T, P.ADMINISTRATOR, "PP 94/2021 Pasal 22"),
    (J.PENURUNAN_JABATAN_12B, P.PPK, "PP 94/2021 Pasal 18 ayat (1)-(2)"),
    (J.PEMBERHENTIAN_DH_TAPS, P.PPK, "PP 94/2021 Pasal 18 ayat (1)-(2)"),
]


@pytest.mark.parametrize(("jenis", "lowest", "article"), PELAKSANA_LOWEST)
def test_lowest_competent_for_a_ministry_pelaksana(jenis, lowest, article) -> None:
    authority = lowest_competent(A.PELAKSANA, jenis, instansi=PUSAT, line=MINISTRY_PELAKSANA)
    assert (authority.official, authority.article) == (lowest, article)


@pytest.mark.parametrize(("jenis", "lowest", "article"), PELAKSANA_LOWEST)
@pytest.mark.parametrize("official", CHAIN)
def test_may_impose_at_or_above_the_lowest_competent(jenis, lowest, article, official) -> None:
    authority = may_impose(official, A.PELAKSANA, jenis, instansi=PUSAT, line=MINISTRY_PELAKSANA)
    assert authority.allowed is (CHAIN.index(official) >= CHAIN.index(lowest))
    if official is lowest:
        assert authority.article == article
    elif (
        authority.allowed
        and not direct_authority(
            official, A.PELAKSANA, jenis, instansi=PUSAT, levels_below=CHAIN.index(official) + 1
        ).allowed
    ):
        assert authority.article == "PP 94/2021 Pasal 25"
    if not authority.allowed:
        assert authority.article is None


@pytest.mark.parametrize(
    ("official", "asn", "jenis", "instansi", "line", "flags", "allowed", "article"),
    [
        # Kabupaten: the PPK's own Pasal 18(3) covers a pelaksana's sedang.
        (P.PPK, A.PELAKSANA, J.POTONG_TUKIN_25_9B, KAB, MINISTRY_PELAKSANA[:3], {}, True,
         "PP 94/2021 Pasal 18 ayat (3)"),
        # Ringan of a JPT Pratama: its JPT Madya (Pasal 20); the PPK as the higher (Pasal 25).
        (P.JPT_MADYA, A.JPT_PRATAMA, J.TEGURAN_LISAN, PUSAT, (P.JPT_MADYA,), {}, True,
         "PP 94/2021 Pasal 20"),
        (P.PPK, A.JPT_PRATAMA, J.TEGURAN_LISAN, PUSAT, (P.JPT_MADYA,), {}, True,
         "PP 94/2021 Pasal 25"),
        # No JPT Madya above: nobody is competent for the ringan, so nobody may.
        (P.PPK, A.JPT_PRATAMA, J.TEGURAN_LISAN, PUSAT, (), {}, False, None),
        # A JPT Madya who is PPK: the President only.
        (P.PPK, A.JPT_MADYA, J.TEGURAN_LISAN, PUSAT, (), {"asn_is_ppk": True}, False, None),
        (P.PRESIDEN, A.JPT_MADYA, J.TEGURAN_LISAN, PUSAT, (), {"asn_is_ppk": True}, True,
         "PP 94/2021 Pasal 17"),
        # Dismissal of a JPT Madya: the President (Pasal 17); the PPK is below.
        (P.PPK, A.JPT_MADYA, J.PEMBERHENTIAN_DH_TAPS, PUSAT, (), {}, False, None),
        (P.PRESIDEN, A.JPT_MADYA, J.PEMBERHENTIAN_DH_TAPS, PUSAT, (), {}, True,
         "PP 94/2021 Pasal 17"),
        # A post the President appoints: the PPK does not dismiss it.
        (P.PPK, A.ADMINISTRATOR, J.PEMBERHENTIAN_DH_TAPS, PUSAT, (P.JPT_PRATAMA,),
         {"asn_appointed_by_president": True}, False, None),
        (P.PRESIDEN, A.ADMINISTRATOR, J.PEMBERHENTIAN_DH_TAPS, PUSAT, (P.JPT_PRATAMA,),
         {"asn_appointed_by_president": True}, True, "PP 94/2021 Pasal 17"),
        # The President is above the PPK, so may impose what the PPK could (Pasal 25 reading).
        (P.PRESIDEN, A.PELAKSANA, J.PENURUNAN_JABATAN_12B, PUSAT, MINISTRY_PELAKSANA, {}, True,
         "PP 94/2021 Pasal 25"),
        # A JF directly under a JPT Madya: Pasal 20 names no JF and the PPK has only berat.
        (P.JPT_MADYA, A.JF_LAINNYA, J.TEGURAN_LISAN, PUSAT, (P.JPT_MADYA,), {}, False, None),
        (P.PRESIDEN, A.JF_LAINNYA, J.TEGURAN_LISAN, PUSAT, (P.JPT_MADYA,), {}, False, None),
        (P.PPK, A.JF_LAINNYA, J.PEMBEBASAN_JABATAN_12B, PUSAT, (P.JPT_MADYA,), {}, True,
         "PP 94/2021 Pasal 18 ayat (1)-(2)"),
        # A JF in a JPT Pratama's unit: the JPT Pratama (Pasal 21), the JPT Madya above it.
        (P.JPT_PRATAMA, A.JF_LAINNYA, J.POTONG_TUKIN_25_12B, PUSAT, (P.JPT_PRATAMA, P.JPT_MADYA),
         {}, True, "PP 94/2021 Pasal 21"),
        (P.JPT_MADYA, A.JF_LAINNYA, J.POTONG_TUKIN_25_12B, PUSAT, (P.JPT_PRATAMA, P.JPT_MADYA),
         {}, True, "PP 94/2021 Pasal 25"),
        # An official not in the line.
        (P.PENGAWAS, A.PELAKSANA, J.TEGURAN_LISAN, PUSAT, (P.ADMINISTRATOR,), {}, False, None),
    ],
)  # fmt: skip
def test_may_impose_cases(official, asn, jenis, instansi, line, flags, allowed, article) -> None:
    authority = may_impose(official, asn, jenis, instansi=instansi, line=line, **flags)
    assert (authority.allowed, authority.article) == (allowed, article)
    assert authority.official is official
    assert authority.reason


def test_a_designated_jf_in_the_line() -> None:
    # No pengawas and no administrator post: a JF Ahli Madya designated in the administrator's
    # place is the pelaksana's direct superior (Pasal 22), the JPT Pratama is 2 levels up.
    line = (Superior(P.ADMINISTRATOR, designated_jf=True), P.JPT_PRATAMA)
    ringan = may_impose(P.ADMINISTRATOR, A.PELAKSANA, J.TEGURAN_TERTULIS, instansi=PUSAT, line=line)
    assert (ringan.allowed, ringan.article) == (True, "PP 94/2021 Pasal 22")
    sedang = may_impose(
        P.ADMINISTRATOR, A.PELAKSANA, J.POTONG_TUKIN_25_6B, instansi=PUSAT, line=line
    )
    assert not sedang.allowed
    lowest = lowest_competent(A.PELAKSANA, J.POTONG_TUKIN_25_6B, instansi=PUSAT, line=line)
    assert (lowest.official, lowest.article) == (P.JPT_PRATAMA, "PP 94/2021 Pasal 21")


@pytest.mark.parametrize(
    "line",
    [
        (P.PPK,),  # the PPK and the President are added, not given
        (P.PRESIDEN,),
        (P.ADMINISTRATOR, P.PENGAWAS),  # falling
        (P.ADMINISTRATOR, P.ADMINISTRATOR),
    ],
)
def test_a_malformed_line_is_refused(line) -> None:
    with pytest.raises(ValueError):
        lowest_competent(A.PELAKSANA, J.TEGURAN_LISAN, instansi=PUSAT, line=line)


# --- properties ---

lines = st.sets(st.sampled_from(STRUCTURAL_OFFICIALS)).map(
    lambda chosen: tuple(o for o in reversed(STRUCTURAL_OFFICIALS) if o in chosen)
)


@given(
    st.sampled_from([A.PELAKSANA, A.JF_LAINNYA, A.PENGAWAS]),
    st.sampled_from(J),
    st.sampled_from(InstansiKind),
    lines,
    st.booleans(),
)
def test_authority_rises_with_the_line(asn, jenis, instansi, line, by_president) -> None:
    if asn is A.PENGAWAS:
        line = tuple(o for o in line if o is not P.PENGAWAS)
    chain = (*line, P.PPK, P.PRESIDEN)
    flags = {"asn_appointed_by_president": by_president}
    allowed = [
        may_impose(o, asn, jenis, instansi=instansi, line=line, **flags).allowed for o in chain
    ]
    lowest = lowest_competent(asn, jenis, instansi=instansi, line=line, **flags)
    if lowest is None:
        assert not any(allowed)
    else:
        first = chain.index(lowest.official)
        assert allowed == [index >= first for index in range(len(chain))]
