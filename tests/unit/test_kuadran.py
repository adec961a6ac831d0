"""The kuadran of docs/regulation.md 1.5, cell by cell, and its reading as properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_assessment.domain import KUADRAN, predikat
from asn_shared.catalog.vocabulary import Predikat, RatingLevel

ATAS, SESUAI, BAWAH = (
    RatingLevel.DI_ATAS_EKSPEKTASI,
    RatingLevel.SESUAI_EKSPEKTASI,
    RatingLevel.DI_BAWAH_EKSPEKTASI,
)

# Written out from the table in docs/regulation.md, row = hasil kerja, column = perilaku kerja.
TABLE = [
    (ATAS, BAWAH, Predikat.KURANG_MISCONDUCT),
    (ATAS, SESUAI, Predikat.BAIK),
    (ATAS, ATAS, Predikat.SANGAT_BAIK),
    (SESUAI, BAWAH, Predikat.KURANG_MISCONDUCT),
    (SESUAI, SESUAI, Predikat.BAIK),
    (SESUAI, ATAS, Predikat.BAIK),
    (BAWAH, BAWAH, Predikat.SANGAT_KURANG),
    (BAWAH, SESUAI, Predikat.BUTUH_PERBAIKAN),
    (BAWAH, ATAS, Predikat.BUTUH_PERBAIKAN),
]


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), TABLE)
def test_each_cell(hasil, perilaku, expected) -> None:
    assert predikat(hasil, perilaku) is expected


def test_all_nine_cells_and_all_five_predikat_are_covered() -> None:
    assert len(KUADRAN) == 9
    assert set(KUADRAN.values()) == set(Predikat)


def test_plain_strings_from_the_wire_are_accepted() -> None:
    assert predikat("DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI") is Predikat.BUTUH_PERBAIKAN


levels = st.sampled_from(list(RatingLevel))


@given(hasil=levels, perilaku=levels)
def test_reading_of_the_matrix(hasil, perilaku) -> None:
    result = predikat(hasil, perilaku)
    # Sangat Baik needs both above expectation.
    assert (result is Predikat.SANGAT_BAIK) == (hasil is ATAS and perilaku is ATAS)
    # Behaviour below with at least expected results is misconduct.
    if perilaku is BAWAH and hasil is not BAWAH:
        assert result is Predikat.KURANG_MISCONDUCT
    # Results below with acceptable behaviour need improvement.
    if hasil is BAWAH and perilaku is not BAWAH:
        assert result is Predikat.BUTUH_PERBAIKAN
    assert (result is Predikat.SANGAT_KURANG) == (hasil is BAWAH and perilaku is BAWAH)


@given(hasil=levels, low=levels, high=levels)
def test_better_behaviour_never_lowers_the_predikat(hasil, low, high) -> None:
    order = [BAWAH, SESUAI, ATAS]
    rank = [
        Predikat.SANGAT_KURANG,
        Predikat.KURANG_MISCONDUCT,
        Predikat.BUTUH_PERBAIKAN,
        Predikat.BAIK,
        Predikat.SANGAT_BAIK,
    ]
    if order.index(low) <= order.index(high):
        assert rank.index(predikat(hasil, low)) <= rank.index(predikat(hasil, high))
