"""Unexcused absence (PP 94/2021 Pasal 4 huruf f; Pasal 9-11, 15).

Two rules:

- Cumulative: the working days absent without a valid reason in one year, counted cumulatively
  to the end of the running year (Pasal 15(1)), map to a punishment by the table below
  (Pasal 9(2)(b), 10(2)(f), 11(2)(d)(1)-(3)).
- Consecutive: ten working days in a row is dismissal (Pasal 11(2)(d)(4)), and the salary stops
  from the following month (Pasal 15(2)).

The table is written with the PP 94/2021 tukin cuts. Under the PP 53/2010 catalogue (Pasal 42) a
sedang row takes the PP 53/2010 type of the same letter, and its article cites Pasal 42 too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from asn_shared.calendar import WorkingCalendar
from asn_shared.catalog.vocabulary import JenisHukuman

from .catalogue import SedangCatalogue, translate


@dataclass(frozen=True)
class AbsenceRule:
    """One row: `lowest_days` to `highest_days` (None: no upper bound) working days absent."""

    lowest_days: int
    highest_days: int | None
    jenis: JenisHukuman
    article: str

    def covers(self, days: int) -> bool:
        return self.lowest_days <= days and (self.highest_days is None or days <= self.highest_days)


def _row(lowest: int, highest: int | None, jenis: JenisHukuman, article: str) -> AbsenceRule:
    return AbsenceRule(lowest, highest, jenis, f"PP 94/2021 Pasal {article}")


# Lightest first; the rows meet without gap or overlap from 3 days up.
CUMULATIVE_ABSENCE_TABLE: tuple[AbsenceRule, ...] = (
    _row(3, 3, JenisHukuman.TEGURAN_LISAN, "9 ayat (2) huruf b angka 1"),
    _row(4, 6, JenisHukuman.TEGURAN_TERTULIS, "9 ayat (2) huruf b angka 2"),
    _row(7, 10, JenisHukuman.PERNYATAAN_TIDAK_PUAS, "9 ayat (2) huruf b angka 3"),
    _row(11, 13, JenisHukuman.POTONG_TUKIN_25_6B, "10 ayat (2) huruf f angka 1"),
    _row(14, 16, JenisHukuman.POTONG_TUKIN_25_9B, "10 ayat (2) huruf f angka 2"),
    _row(17, 20, JenisHukuman.POTONG_TUKIN_25_12B, "10 ayat (2) huruf f angka 3"),
    _row(21, 24, JenisHukuman.PENURUNAN_JABATAN_12B, "11 ayat (2) huruf d angka 1"),
    _row(25, 27, JenisHukuman.PEMBEBASAN_JABATAN_12B, "11 ayat (2) huruf d angka 2"),
    _row(28, None, JenisHukuman.PEMBERHENTIAN_DH_TAPS, "11 ayat (2) huruf d angka 3"),
)
FIRST_PUNISHED_DAY = CUMULATIVE_ABSENCE_TABLE[0].lowest_days


def _in_catalogue(rule: AbsenceRule, sedang: SedangCatalogue) -> AbsenceRule:
    jenis = translate(rule.jenis, sedang)
    if jenis is rule.jenis:
        return rule
    return replace(rule, jenis=jenis, article=f"{rule.article} jo. Pasal 42")


def absence_table(sedang: SedangCatalogue) -> tuple[AbsenceRule, ...]:
    """The cumulative table with the sedang types of catalogue `sedang`."""
    return tuple(_in_catalogue(rule, sedang) for rule in CUMULATIVE_ABSENCE_TABLE)


def punishment_for_cumulative(days: int, sedang: SedangCatalogue) -> AbsenceRule | None:
    """The row for `days` unexcused working days so far this year; None below 3."""
    if days < 0:
        raise ValueError("an absence count cannot be negative")
    for rule in absence_table(sedang):
        if rule.covers(days):
            return rule
    return None


def threshold_crossed(before: int, after: int, sedang: SedangCatalogue) -> AbsenceRule | None:
    """The row newly reached when this year's count goes from `before` to `after`, so that a
    case is opened once per row and not on every absence.

    A jump over several rows (2 -> 12) gives only the row reached (11-13): one punishment, the
    heaviest, for the violations together (Pasal 33). A count that stays in its row, or falls
    (an absence excused later), reaches nothing new; a case already opened is the caller's.
    """
    if before < 0 or after < 0:
        raise ValueError("an absence count cannot be negative")
    if after <= before:
        return None
    reached = punishment_for_cumulative(after, sedang)
    if reached is None or reached == punishment_for_cumulative(before, sedang):
        return None
    return reached


# --- Ten consecutive working days (Pasal 11 ayat (2) huruf d angka 4; Pasal 15 ayat (2)) ---

CONSECUTIVE_DISMISSAL_DAYS = 10


@dataclass(frozen=True)
class ConsecutiveAbsenceRule:
    """`days` working days absent in a row: `jenis`, and the salary stops the month after."""

    days: int
    jenis: JenisHukuman
    article: str
    salary_article: str


CONSECUTIVE_ABSENCE_RULE = ConsecutiveAbsenceRule(
    days=CONSECUTIVE_DISMISSAL_DAYS,
    jenis=JenisHukuman.PEMBERHENTIAN_DH_TAPS,
    article="PP 94/2021 Pasal 11 ayat (2) huruf d angka 4",
    salary_article="PP 94/2021 Pasal 15 ayat (2)",
)


def _working_runs(absent_dates: Iterable[date], calendar: WorkingCalendar) -> list[list[date]]:
    """The absent working days grouped into runs of consecutive working days."""
    runs: list[list[date]] = []
    for day in sorted(d for d in set(absent_dates) if calendar.is_working_day(d)):
        if runs and calendar.add_working_days(runs[-1][-1], 1) == day:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def consecutive_run(absent_dates: set[date], calendar: WorkingCalendar) -> int:
    """The longest run of consecutive working days in `absent_dates`.

    A weekend or holiday between two absent working days does not break the run and is not
    counted; an absent date that is not a working day is ignored.
    """
    return max((len(run) for run in _working_runs(absent_dates, calendar)), default=0)


def dismissal_reached_on(absent_dates: set[date], calendar: WorkingCalendar) -> date | None:
    """The earliest day on which a run reaches ten consecutive working days; None if none does."""
    reached = [
        run[CONSECUTIVE_DISMISSAL_DAYS - 1]
        for run in _working_runs(absent_dates, calendar)
        if len(run) >= CONSECUTIVE_DISMISSAL_DAYS
    ]
    return min(reached, default=None)


def salary_stops_on(last_absent_day: date) -> date:
    """The first day of the month after `last_absent_day` (Pasal 15 ayat (2): "mulai bulan
    berikutnya"). Pass the day the tenth consecutive day was reached (`dismissal_reached_on`):
    reading "the following month" as the month after the violation was complete, so days of a
    longer run do not postpone the stop."""
    if last_absent_day.month == 12:
        return date(last_absent_day.year + 1, 1, 1)
    return date(last_absent_day.year, last_absent_day.month + 1, 1)
