"""The punishment catalogue (PP 94/2021 Pasal 8, 33-35, 42) row by row, and its properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_sanctions.domain.discipline.catalogue import (
    SedangCatalogue,
    catalogue,
    catalogue_of,
    for_repeat,
    heaviest,
    severity,
    translate,
)
from asn_shared.catalog.vocabulary import JenisHukuman as J
from asn_shared.catalog.vocabulary import TingkatHukuman

PP94, PP53 = SedangCatalogue.PP_94_2021, SedangCatalogue.PP_53_2010

# Pasal 8 in order, lightest first, with the PP 53/2010 sedang types of Pasal 42 beside.
ORDER = [
    # (severity, PP 94/2021 catalogue, PP 53/2010 catalogue, tingkat)
    (0, J.TEGURAN_LISAN, J.TEGURAN_LISAN, TingkatHukuman.RINGAN),
    (1, J.TEGURAN_TERTULIS, J.TEGURAN_TERTULIS, TingkatHukuman.RINGAN),
    (2, J.PERNYATAAN_TIDAK_PUAS, J.PERNYATAAN_TIDAK_PUAS, TingkatHukuman.RINGAN),
    (3, J.POTONG_TUKIN_25_6B, J.PENUNDAAN_KGB_1T, TingkatHukuman.SEDANG),
    (4, J.POTONG_TUKIN_25_9B, J.PENUNDAAN_PANGKAT_1T, TingkatHukuman.SEDANG),
    (5, J.POTONG_TUKIN_25_12B, J.PENURUNAN_PANGKAT_1T, TingkatHukuman.SEDANG),
    (6, J.PENURUNAN_JABATAN_12B, J.PENURUNAN_JABATAN_12B, TingkatHukuman.BERAT),
    (7, J.PEMBEBASAN_JABATAN_12B, J.PEMBEBASAN_JABATAN_12B, TingkatHukuman.BERAT),
    (8, J.PEMBERHENTIAN_DH_TAPS, J.PEMBERHENTIAN_DH_TAPS, TingkatHukuman.BERAT),
]


def test_each_catalogue_has_nine_steps_and_every_type_belongs_to_one() -> None:
    assert len(catalogue(PP94)) == len(catalogue(PP53)) == 9
    assert set(catalogue(PP94)) | set(catalogue(PP53)) == set(J)


@pytest.mark.parametrize(("rank", "pp94", "pp53", "tingkat"), ORDER)
def test_the_order_row_by_row(rank, pp94, pp53, tingkat) -> None:
    assert catalogue(PP94)[rank] is pp94
    assert catalogue(PP53)[rank] is pp53
    assert severity(pp94) == severity(pp53) == rank
    assert pp94.tingkat is pp53.tingkat is tingkat


@pytest.mark.parametrize(("rank", "pp94", "pp53", "tingkat"), ORDER)
def test_translate_row_by_row(rank, pp94, pp53, tingkat) -> None:
    assert translate(pp94, PP53) is pp53
    assert translate(pp53, PP94) is pp94
    assert translate(pp94, PP94) is pp94
    assert translate(pp53, PP53) is pp53


@pytest.mark.parametrize(
    ("jenis", "belongs_to"),
    [
        (J.TEGURAN_LISAN, None),
        (J.POTONG_TUKIN_25_9B, PP94),
        (J.PENUNDAAN_PANGKAT_1T, PP53),
        (J.PEMBERHENTIAN_DH_TAPS, None),
    ],
)
def test_catalogue_of(jenis, belongs_to) -> None:
    assert catalogue_of(jenis) is belongs_to


@pytest.mark.parametrize(
    ("violations", "expected"),
    [
        ([J.TEGURAN_LISAN], J.TEGURAN_LISAN),
        ([J.TEGURAN_TERTULIS, J.TEGURAN_LISAN], J.TEGURAN_TERTULIS),
        (
            [J.POTONG_TUKIN_25_6B, J.PERNYATAAN_TIDAK_PUAS, J.POTONG_TUKIN_25_12B],
            J.POTONG_TUKIN_25_12B,
        ),
        ([J.PENUNDAAN_KGB_1T, J.PENURUNAN_JABATAN_12B], J.PENURUNAN_JABATAN_12B),
        ([J.PEMBERHENTIAN_DH_TAPS, J.TEGURAN_LISAN, J.TEGURAN_LISAN], J.PEMBERHENTIAN_DH_TAPS),
        ([J.PENUNDAAN_PANGKAT_1T, J.PENUNDAAN_PANGKAT_1T], J.PENUNDAAN_PANGKAT_1T),
    ],
)
def test_heaviest_pasal_33(violations, expected) -> None:
    assert heaviest(violations) is expected


@pytest.mark.parametrize(
    "violations",
    [[], [J.POTONG_TUKIN_25_6B, J.PENUNDAAN_KGB_1T], [J.PENUNDAAN_KGB_1T, J.POTONG_TUKIN_25_12B]],
)
def test_heaviest_refuses_nothing_and_mixed_catalogues(violations) -> None:
    with pytest.raises(ValueError):
        heaviest(violations)


@pytest.mark.parametrize(
    ("proposed", "previous", "sedang", "expected"),
    [
        (J.TEGURAN_LISAN, J.TEGURAN_LISAN, PP94, J.TEGURAN_TERTULIS),
        (J.TEGURAN_LISAN, J.PERNYATAAN_TIDAK_PUAS, PP94, J.POTONG_TUKIN_25_6B),
        (J.TEGURAN_LISAN, J.PERNYATAAN_TIDAK_PUAS, PP53, J.PENUNDAAN_KGB_1T),
        (J.TEGURAN_TERTULIS, J.POTONG_TUKIN_25_12B, PP94, J.PENURUNAN_JABATAN_12B),
        (J.PENUNDAAN_PANGKAT_1T, J.PENUNDAAN_KGB_1T, PP53, J.PENUNDAAN_PANGKAT_1T),
        # The proposal is already heavier than the step above the last punishment.
        (J.PEMBEBASAN_JABATAN_12B, J.TEGURAN_LISAN, PP94, J.PEMBEBASAN_JABATAN_12B),
        # A last punishment under the other catalogue (set before the switch) is translated.
        (J.TEGURAN_LISAN, J.PENUNDAAN_KGB_1T, PP94, J.POTONG_TUKIN_25_9B),
        (J.TEGURAN_LISAN, J.POTONG_TUKIN_25_9B, PP53, J.PENURUNAN_PANGKAT_1T),
        # The top stays the top.
        (J.TEGURAN_LISAN, J.PEMBERHENTIAN_DH_TAPS, PP94, J.PEMBERHENTIAN_DH_TAPS),
        (J.PEMBERHENTIAN_DH_TAPS, J.PEMBERHENTIAN_DH_TAPS, PP53, J.PEMBERHENTIAN_DH_TAPS),
    ],
)
def test_for_repeat_row_by_row(proposed, previous, sedang, expected) -> None:
    assert for_repeat(proposed, previous, sedang) is expected


@pytest.mark.parametrize(
    ("proposed", "previous", "sedang", "expected"),
    [
        (J.POTONG_TUKIN_25_12B, J.TEGURAN_LISAN, PP53, J.PENURUNAN_PANGKAT_1T),
        (J.PENUNDAAN_KGB_1T, J.PENUNDAAN_KGB_1T, PP94, J.POTONG_TUKIN_25_9B),
    ],
)
def test_for_repeat_answers_in_the_catalogue_in_force(proposed, previous, sedang, expected):
    assert for_repeat(proposed, previous, sedang) is expected


# --- properties ---

catalogues = st.sampled_from(SedangCatalogue)
any_jenis = st.sampled_from(J)


@st.composite
def one_catalogue_lists(draw) -> list[J]:
    steps = catalogue(draw(catalogues))
    return draw(st.lists(st.sampled_from(steps), min_size=1, max_size=12))


@given(one_catalogue_lists(), st.randoms(use_true_random=False))
def test_heaviest_is_order_independent_and_from_the_list(violations, rng) -> None:
    shuffled = list(violations)
    rng.shuffle(shuffled)
    result = heaviest(violations)
    assert result in violations
    assert heaviest(shuffled) is result
    assert all(severity(result) >= severity(jenis) for jenis in violations)


@given(catalogues, any_jenis, any_jenis)
def test_for_repeat_is_never_lighter_and_steps_above_the_last(sedang, previous, proposed) -> None:
    result = for_repeat(proposed, previous, sedang)
    assert result in catalogue(sedang)
    assert severity(result) >= severity(proposed)
    if previous is J.PEMBERHENTIAN_DH_TAPS:
        assert result is J.PEMBERHENTIAN_DH_TAPS
    else:
        assert severity(result) > severity(previous)


@given(any_jenis, catalogues, catalogues)
def test_translate_round_trips_and_keeps_the_step(jenis, home, other) -> None:
    native = translate(jenis, home)
    assert native in catalogue(home)
    assert translate(translate(native, other), home) is native
    assert severity(translate(jenis, other)) == severity(jenis)
    assert translate(jenis, other).tingkat is jenis.tingkat
