"""The holiday calendar every service counts working days with (asn_shared.calendar)."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_shared.calendar import HolidaySource, WorkingCalendar
from asn_shared.settings import ServiceSettings

NYEPI, IDUL_FITRI = date(2026, 3, 19), date(2026, 3, 20)


@pytest.mark.parametrize(
    ("start", "days", "holidays", "end"),
    [
        (date(2026, 3, 16), 3, (), date(2026, 3, 19)),
        (date(2026, 3, 16), 3, (NYEPI,), date(2026, 3, 20)),
        (date(2026, 3, 16), 3, (NYEPI, IDUL_FITRI), date(2026, 3, 23)),  # over the weekend too
        (date(2026, 3, 20), 1, (), date(2026, 3, 23)),  # Friday -> Monday
        (date(2026, 3, 21), 0, (), date(2026, 3, 21)),
    ],
)
def test_add_working_days_table(start, days, holidays, end) -> None:
    calendar = WorkingCalendar.of(holidays)
    assert calendar.add_working_days(start, days) == end
    assert calendar.working_days_between(start, end) == days


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(0, 30))
def test_working_days_between_inverts_add(start, days) -> None:
    calendar = WorkingCalendar.of([NYEPI, IDUL_FITRI])
    assert calendar.working_days_between(start, calendar.add_working_days(start, days)) == days


def test_the_file_is_re_read_when_ops_change_it(tmp_path) -> None:
    path = tmp_path / "holidays.json"
    path.write_text('[{"day": "2026-03-19", "name": "Hari Suci Nyepi"}]')
    source = HolidaySource(path)
    assert source.calendar().holidays == {NYEPI}
    path.write_text(
        '[{"day": "2026-03-19", "name": "Nyepi"}, {"day": "2026-03-20", "name": "Idul Fitri"}]'
    )
    later = path.stat().st_mtime + 5  # coarse file-system clocks: make the change visible
    os.utime(path, (later, later))
    assert source.calendar().holidays == {NYEPI, IDUL_FITRI}
    assert source.calendar().add_working_days(date(2026, 3, 18), 1) == date(2026, 3, 23)
    path.write_text('[{"day": "2026-13-01"}]')  # a broken edit: the last good calendar stays
    os.utime(path, (later + 5, later + 5))
    assert source.calendar().holidays == {NYEPI, IDUL_FITRI}


@pytest.mark.parametrize(
    "content",
    [
        '[{"day": "2026-02-30", "name": "x"}]',
        '[{"day": "2026-03-19"}]',
        "{}",
        '[{"day": "2026-03-19", "name": "a"}, {"day": "2026-03-19", "name": "b"}]',
    ],
)
def test_a_bad_calendar_is_refused_at_start_up(tmp_path, monkeypatch, content) -> None:
    path = tmp_path / "holidays.json"
    path.write_text(content)
    monkeypatch.setenv("ASN_HOLIDAYS_FILE", str(path))
    with pytest.raises(ValueError, match="holidays.json"):
        ServiceSettings()


def test_no_file_means_weekends_only() -> None:
    calendar = HolidaySource(None).calendar()
    assert calendar.add_working_days(date(2026, 3, 18), 2) == date(2026, 3, 20)
    assert all(calendar.is_working_day(date(2026, 3, 16) + timedelta(days=i)) for i in range(5))
