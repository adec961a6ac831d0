"""PP 30/2019 Pasal 57-58 after the improvement window, row by row, and its properties."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_sanctions.domain.coaching.chain import (
    LIVE,
    RetestRefused,
    Stage,
    Track,
    after_retest,
    after_window,
    improved,
    post_found,
    track_for,
)
from asn_shared.catalog.sanctions_events import JenisMutasi
from asn_shared.catalog.vocabulary import PositionType, Predikat

P = Predikat
JPT, ADM, FUNG = PositionType.JPT, PositionType.ADMINISTRASI, PositionType.FUNGSIONAL
SESUAI, RENDAH, SEMENTARA = (
    JenisMutasi.JABATAN_SESUAI,
    JenisMutasi.JABATAN_LEBIH_RENDAH,
    JenisMutasi.PENEMPATAN_SEMENTARA,
)


@pytest.mark.parametrize(
    ("predikat", "position", "track"),
    [
        # Pasal 57: a JPT assessed Cukup (Butuh Perbaikan), Kurang or Sangat Kurang.
        (P.BUTUH_PERBAIKAN, JPT, Track.PASAL_57),
        (P.KURANG_MISCONDUCT, JPT, Track.PASAL_57),
        (P.SANGAT_KURANG, JPT, Track.PASAL_57),
        # Pasal 58: pejabat administrasi and fungsional, Kurang or Sangat Kurang only.
        (P.KURANG_MISCONDUCT, ADM, Track.PASAL_58),
        (P.SANGAT_KURANG, ADM, Track.PASAL_58),
        (P.KURANG_MISCONDUCT, FUNG, Track.PASAL_58),
        (P.SANGAT_KURANG, FUNG, Track.PASAL_58),
        # A non-JPT Butuh Perbaikan: pembinaan (Pasal 30-34) without a statutory chain.
        (P.BUTUH_PERBAIKAN, ADM, Track.PEMBINAAN),
        (P.BUTUH_PERBAIKAN, FUNG, Track.PEMBINAAN),
        # No profile yet: read as non-JPT, the narrower Pasal 58.
        (P.SANGAT_KURANG, None, Track.PASAL_58),
        (P.BUTUH_PERBAIKAN, None, Track.PEMBINAAN),
    ],
)
def test_track(predikat, position, track):
    assert track_for(predikat, position) is track


# (track, predikat at the window's end, improved)
IMPROVEMENT = [
    (Track.PASAL_58, P.SANGAT_BAIK, True),
    (Track.PASAL_58, P.BAIK, True),
    (Track.PASAL_58, P.BUTUH_PERBAIKAN, True),  # out of Kurang: the improvement Pasal 58 asks
    (Track.PASAL_58, P.KURANG_MISCONDUCT, False),
    (Track.PASAL_58, P.SANGAT_KURANG, False),
    (Track.PASAL_57, P.SANGAT_BAIK, True),
    (Track.PASAL_57, P.BAIK, True),
    (Track.PASAL_57, P.BUTUH_PERBAIKAN, False),  # Cukup is itself a Pasal 57 predikat
    (Track.PASAL_57, P.KURANG_MISCONDUCT, False),
    (Track.PASAL_57, P.SANGAT_KURANG, False),
    (Track.PEMBINAAN, P.BAIK, True),
    (Track.PEMBINAAN, P.BUTUH_PERBAIKAN, False),
    (Track.PEMBINAAN, P.SANGAT_KURANG, False),
]


@pytest.mark.parametrize(("track", "latest", "expected"), IMPROVEMENT)
def test_improved(track, latest, expected):
    assert improved(track, latest) is expected


@pytest.mark.parametrize(
    ("track", "has_improved", "stage"),
    [
        (Track.PASAL_57, True, Stage.COMPLETED),
        (Track.PASAL_57, False, Stage.UJI_KOMPETENSI),
        (Track.PASAL_58, True, Stage.COMPLETED),
        (Track.PASAL_58, False, Stage.UJI_KOMPETENSI),
        (Track.PEMBINAAN, True, Stage.COMPLETED),
        (Track.PEMBINAAN, False, Stage.COMPLETED),  # no article orders a re-test
    ],
)
def test_after_window(track, has_improved, stage):
    assert after_window(track, has_improved) is stage


TESTED = date(2026, 8, 31)


@pytest.mark.parametrize(
    ("track", "meets", "placement", "stage", "until"),
    [
        (Track.PASAL_58, True, None, Stage.COMPETENT, None),
        (Track.PASAL_58, False, SESUAI, Stage.ROTATION_RECOMMENDED, None),
        (Track.PASAL_58, False, RENDAH, Stage.ROTATION_RECOMMENDED, None),
        # Pasal 58(4): at most one year; 31 August + 12 months.
        (Track.PASAL_58, False, SEMENTARA, Stage.TEMPORARY_PLACEMENT, date(2027, 8, 31)),
        (Track.PASAL_57, True, None, Stage.COMPETENT, None),
        (Track.PASAL_57, False, SESUAI, Stage.ROTATION_RECOMMENDED, None),
        (Track.PASAL_57, False, RENDAH, Stage.ROTATION_RECOMMENDED, None),
    ],
)
def test_after_retest(track, meets, placement, stage, until):
    outcome = after_retest(track, TESTED, meets, placement)
    assert (outcome.stage, outcome.jenis_mutasi, outcome.placement_until) == (
        stage,
        placement,
        until,
    )
    assert outcome.legal_basis


@pytest.mark.parametrize(
    ("track", "meets", "placement", "cites"),
    [
        (Track.PASAL_57, False, SEMENTARA, "Pasal 58 ayat (4)"),  # no temporary placement for JPT
        (Track.PASAL_58, True, SESUAI, "Pasal 58 ayat (2)"),  # meets the standard: not moved
        (Track.PASAL_58, False, None, "Pasal 58 ayat (2)"),  # below it: a post must be named
        (Track.PASAL_57, False, None, "Pasal 57 ayat (3)"),
    ],
)
def test_retest_refusals_cite_the_article(track, meets, placement, cites):
    with pytest.raises(RetestRefused, match=cites.replace("(", r"\(").replace(")", r"\)")):
        after_retest(track, TESTED, meets, placement)


def test_a_post_found_ends_the_placement_but_cannot_be_another_placement():
    assert post_found(RENDAH).stage is Stage.ROTATION_RECOMMENDED
    with pytest.raises(RetestRefused):
        post_found(SEMENTARA)


def test_live_stages_are_the_ones_with_a_step_still_to_come():
    assert set(LIVE) == {
        Stage.OPEN,
        Stage.AWAITING_RATING,
        Stage.UJI_KOMPETENSI,
        Stage.TEMPORARY_PLACEMENT,
    }


@given(st.sampled_from(list(P)), st.sampled_from([JPT, ADM, FUNG, None]), st.sampled_from(list(P)))
def test_baik_or_better_always_counts_as_improved(opening, position, latest):
    track = track_for(opening, position)
    if latest in (P.BAIK, P.SANGAT_BAIK):
        assert improved(track, latest)
    # The predikat that opened a statutory track never counts as its own improvement.
    if track is not Track.PEMBINAAN and opening is latest:
        assert not improved(track, latest)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)))
def test_a_placement_lasts_at_most_one_year(tested_on):
    until = after_retest(Track.PASAL_58, tested_on, False, SEMENTARA).placement_until
    assert tested_on < until
    assert (until - tested_on).days <= 366
    assert until.year == tested_on.year + 1
