"""Unexcused absence (PP 94/2021 Pasal 9-11, 15) row by row, under both sedang catalogues."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_sanctions.domain.discipline.attendance import (
    CONSECUTIVE_ABSENCE_RULE,
    CONSECUTIVE_DISMISSAL_DAYS,
    CUMULATIVE_ABSENCE_TABLE,
    AbsenceRule,
    absence_table,
    consecutive_run,
    dismissal_reached_on,
    punishment_for_cumulative,
    salary_stops_on,
    threshold_crossed,
)
from asn_sanctions.domain.discipline.catalogue import SedangCatalogue, severity
from asn_shared.calendar import WorkingCalendar
from asn_shared.catalog.vocabulary import JenisHukuman as J

PP94, PP53 = SedangCatalogue.PP_94_2021, SedangCatalogue.PP_53_2010
TL, TT, PTP = J.TEGURAN_LISAN, J.TEGURAN_TERTULIS, J.PERNYATAAN_TIDAK_PUAS
T6, T9, T12 = J.POTONG_TUKIN_25_6B, J.POTONG_TUKIN_25_9B, J.POTONG_TUKIN_25_12B
KGB, PKT, TURUN = J.PENUNDAAN_KGB_1T, J.PENUNDAAN_PANGKAT_1T, J.PENURUNAN_PANGKAT_1T
JAB, BEBAS, PHK = J.PENURUNAN_JABATAN_12B, J.PEMBEBASAN_JABATAN_12B, J.PEMBERHENTIAN_DH_TAPS

# docs/regulation.md 3.2, one line per count: (days, PP 94/2021 jenis, PP 53/2010 jenis, article).
EVERY_COUNT = [
    (0, None, None, None),
    (1, None, None, None),
    (2, None, None, None),
    (3, TL, TL, "9 ayat (2) huruf b angka 1"),
    (4, TT, TT, "9 ayat (2) huruf b angka 2"),
    (5, TT, TT, "9 ayat (2) huruf b angka 2"),
    (6, TT, TT, "9 ayat (2) huruf b angka 2"),
    (7, PTP, PTP, "9 ayat (2) huruf b angka 3"),
    (8, PTP, PTP, "9 ayat (2) huruf b angka 3"),
    (9, PTP, PTP, "9 ayat (2) huruf b angka 3"),
    (10, PTP, PTP, "9 ayat (2) huruf b angka 3"),
    (11, T6, KGB, "10 ayat (2) huruf f angka 1"),
    (12, T6, KGB, "10 ayat (2) huruf f angka 1"),
    (13, T6, KGB, "10 ayat (2) huruf f angka 1"),
    (14, T9, PKT, "10 ayat (2) huruf f angka 2"),
    (15, T9, PKT, "10 ayat (2) huruf f angka 2"),
    (16, T9, PKT, "10 ayat (2) huruf f angka 2"),
    (17, T12, TURUN, "10 ayat (2) huruf f angka 3"),
    (18, T12, TURUN, "10 ayat (2) huruf f angka 3"),
    (19, T12, TURUN, "10 ayat (2) huruf f angka 3"),
    (20, T12, TURUN, "10 ayat (2) huruf f angka 3"),
    (21, JAB, JAB, "11 ayat (2) huruf d angka 1"),
    (22, JAB, JAB, "11 ayat (2) huruf d angka 1"),
    (23, JAB, JAB, "11 ayat (2) huruf d angka 1"),
    (24, JAB, JAB, "11 ayat (2) huruf d angka 1"),
    (25, BEBAS, BEBAS, "11 ayat (2) huruf d angka 2"),
    (26, BEBAS, BEBAS, "11 ayat (2) huruf d angka 2"),
    (27, BEBAS, BEBAS, "11 ayat (2) huruf d angka 2"),
    (28, PHK, PHK, "11 ayat (2) huruf d angka 3"),
    (29, PHK, PHK, "11 ayat (2) huruf d angka 3"),
    (30, PHK, PHK, "11 ayat (2) huruf d angka 3"),
]


def test_every_count_from_0_to_30_is_listed() -> None:
    assert [row[0] for row in EVERY_COUNT] == list(range(31))


@pytest.mark.parametrize(("days", "pp94", "pp53", "article"), EVERY_COUNT)
def test_every_count_under_pp_94_2021(days, pp94, pp53, article) -> None:
    rule = punishment_for_cumulative(days, PP94)
    if pp94 is None:
        assert rule is None
    else:
        assert (rule.jenis, rule.article) == (pp94, f"PP 94/2021 Pasal {article}")


@pytest.mark.parametrize(("days", "pp94", "pp53", "article"), EVERY_COUNT)
def test_every_count_under_pp_53_2010(days, pp94, pp53, article) -> None:
    rule = punishment_for_cumulative(days, PP53)
    if pp53 is None:
        assert rule is None
        return
    # A sedang row cites the Pasal 42 transitional rule that puts the PP 53/2010 type in place.
    suffix = " jo. Pasal 42" if pp53 is not pp94 else ""
    assert (rule.jenis, rule.article) == (pp53, f"PP 94/2021 Pasal {article}{suffix}")


@pytest.mark.parametrize(
    ("below", "at"),
    [(2, 3), (3, 4), (6, 7), (10, 11), (13, 14), (16, 17), (20, 21), (24, 25), (27, 28)],
)
@pytest.mark.parametrize("sedang", list(SedangCatalogue))
def test_every_edge_of_the_table(below, at, sedang) -> None:
    lower, upper = punishment_for_cumulative(below, sedang), punishment_for_cumulative(at, sedang)
    assert upper is not None and upper.lowest_days == at
    assert lower is None or lower.highest_days == below
    assert lower is None or severity(upper.jenis) == severity(lower.jenis) + 1


def test_the_rows_meet_without_gap_and_end_open() -> None:
    for lower, upper in pairwise(CUMULATIVE_ABSENCE_TABLE):
        assert upper.lowest_days == lower.highest_days + 1
    assert CUMULATIVE_ABSENCE_TABLE[-1].highest_days is None
    assert punishment_for_cumulative(250, PP94).jenis is PHK
    assert [rule.jenis for rule in absence_table(PP53)][3:6] == [KGB, PKT, TURUN]


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        punishment_for_cumulative(-1, PP94)
    with pytest.raises(ValueError):
        threshold_crossed(-1, 3, PP94)


@pytest.mark.parametrize(
    ("before", "after", "sedang", "expected_jenis", "expected_lowest"),
    [
        (2, 3, PP94, TL, 3),
        (3, 4, PP94, TT, 4),
        (5, 6, PP94, None, None),  # still 4-6: nothing new
        (4, 5, PP94, None, None),
        (6, 7, PP94, PTP, 7),
        (2, 12, PP94, T6, 11),  # a jump: the row reached, not the ones passed
        (2, 12, PP53, KGB, 11),
        (10, 11, PP53, KGB, 11),
        (13, 14, PP53, PKT, 14),
        (16, 17, PP94, T12, 17),
        (20, 21, PP94, JAB, 21),
        (24, 25, PP94, BEBAS, 25),
        (27, 28, PP94, PHK, 28),
        (0, 30, PP94, PHK, 28),
        (28, 40, PP94, None, None),  # dismissal already reached
        (0, 2, PP94, None, None),
        (0, 0, PP94, None, None),
        (4, 3, PP94, None, None),  # a count that falls (an absence excused later)
        (12, 3, PP94, None, None),
    ],
)
def test_threshold_crossed(before, after, sedang, expected_jenis, expected_lowest) -> None:
    rule = threshold_crossed(before, after, sedang)
    if expected_jenis is None:
        assert rule is None
    else:
        assert (rule.jenis, rule.lowest_days) == (expected_jenis, expected_lowest)


@given(st.sampled_from(SedangCatalogue), st.lists(st.integers(0, 45), max_size=30))
def test_an_increasing_count_crosses_each_row_once_lightest_first(sedang, counts) -> None:
    counts = sorted(counts)
    crossed: list[AbsenceRule] = []
    for before, after in pairwise([0, *counts]):
        if rule := threshold_crossed(before, after, sedang):
            crossed.append(rule)
    assert len(crossed) == len(set(crossed))
    assert all(severity(a.jenis) < severity(b.jenis) for a, b in pairwise(crossed))
    # Whatever the steps, the last row crossed is the one the final count sits in.
    final = punishment_for_cumulative(counts[-1], sedang) if counts else None
    assert (crossed[-1] if crossed else None) == final


# --- Ten consecutive working days ---

NYEPI, IDUL_FITRI = date(2026, 3, 19), date(2026, 3, 20)  # Thursday, Friday
HOLIDAYS = WorkingCalendar.of([NYEPI, IDUL_FITRI])
WEEKENDS_ONLY = WorkingCalendar()


def days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


def working(first: date, last: date, calendar: WorkingCalendar) -> set[date]:
    return {d for d in days(first, last) if calendar.is_working_day(d)}


MARCH_2_TO_13 = working(date(2026, 3, 2), date(2026, 3, 13), WEEKENDS_ONLY)  # 10 days
# Mon 9 - Wed 18, then Nyepi and Idul Fitri, the weekend, Mon 23 - Tue 24: 10 working days.
ACROSS_HOLIDAYS = working(date(2026, 3, 9), date(2026, 3, 24), HOLIDAYS)


@pytest.mark.parametrize(
    ("absent", "calendar", "run"),
    [
        (set(), HOLIDAYS, 0),
        ({date(2026, 3, 7), date(2026, 3, 8)}, HOLIDAYS, 0),  # a weekend only
        (MARCH_2_TO_13, WEEKENDS_ONLY, 10),  # across a weekend, which is not counted
        (MARCH_2_TO_13 | {date(2026, 3, 7), date(2026, 3, 8)}, WEEKENDS_ONLY, 10),
        (MARCH_2_TO_13 - {date(2026, 3, 9)}, WEEKENDS_ONLY, 5),  # Monday present: two runs
        (ACROSS_HOLIDAYS, HOLIDAYS, 10),  # the holidays do not break the run
        (ACROSS_HOLIDAYS | {NYEPI, IDUL_FITRI}, HOLIDAYS, 10),  # nor count
        (ACROSS_HOLIDAYS, WEEKENDS_ONLY, 8),  # without them, 19-20 were working days
        ({date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 5)}, HOLIDAYS, 2),
        ({date(2026, 3, 13), date(2026, 3, 16)}, HOLIDAYS, 2),  # Friday, Monday
        ({date(2026, 3, 18), date(2026, 3, 23)}, HOLIDAYS, 2),  # Wednesday, Nyepi..., Monday
    ],
)
def test_consecutive_run(absent, calendar, run) -> None:
    assert consecutive_run(absent, calendar) == run


def test_the_consecutive_rule() -> None:
    assert CONSECUTIVE_DISMISSAL_DAYS == CONSECUTIVE_ABSENCE_RULE.days == 10
    assert CONSECUTIVE_ABSENCE_RULE.jenis is PHK
    assert CONSECUTIVE_ABSENCE_RULE.article == "PP 94/2021 Pasal 11 ayat (2) huruf d angka 4"
    assert CONSECUTIVE_ABSENCE_RULE.salary_article == "PP 94/2021 Pasal 15 ayat (2)"


@pytest.mark.parametrize(
    ("absent", "calendar", "reached_on"),
    [
        (MARCH_2_TO_13, WEEKENDS_ONLY, date(2026, 3, 13)),
        (MARCH_2_TO_13 - {date(2026, 3, 13)}, WEEKENDS_ONLY, None),
        (ACROSS_HOLIDAYS, HOLIDAYS, date(2026, 3, 24)),
        (ACROSS_HOLIDAYS, WEEKENDS_ONLY, None),
        # Twelve days in a row: the tenth is the day, the rest do not postpone it.
        (
            working(date(2026, 3, 2), date(2026, 3, 17), WEEKENDS_ONLY),
            WEEKENDS_ONLY,
            date(2026, 3, 13),
        ),
        # Two long runs: the earlier one.
        (
            MARCH_2_TO_13 | working(date(2026, 4, 6), date(2026, 4, 17), HOLIDAYS),
            HOLIDAYS,
            date(2026, 3, 13),
        ),
    ],
)
def test_dismissal_reached_on(absent, calendar, reached_on) -> None:
    assert dismissal_reached_on(absent, calendar) == reached_on


@pytest.mark.parametrize(
    ("last_absent_day", "stops_on"),
    [
        (date(2026, 3, 13), date(2026, 4, 1)),
        (date(2026, 3, 31), date(2026, 4, 1)),
        (date(2026, 3, 1), date(2026, 4, 1)),
        (date(2026, 12, 31), date(2027, 1, 1)),
        (date(2028, 2, 29), date(2028, 3, 1)),
    ],
)
def test_salary_stops_from_the_following_month(last_absent_day, stops_on) -> None:
    assert salary_stops_on(last_absent_day) == stops_on


@given(st.sets(st.dates(date(2026, 1, 1), date(2026, 6, 30)), max_size=60))
def test_a_run_never_exceeds_the_working_days_absent(absent) -> None:
    run = consecutive_run(absent, HOLIDAYS)
    assert 0 <= run <= len({d for d in absent if HOLIDAYS.is_working_day(d)})
    assert (dismissal_reached_on(absent, HOLIDAYS) is not None) == (run >= 10)
