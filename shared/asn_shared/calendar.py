"""Working days and the holiday calendar every service counts them with.

Deadlines in "hari kerja" (SP4N-LAPOR!'s 3 and 5 days, PP 94/2021's 7 and 14, PP 79/2021's 14, 21
and 65, PP 30/2019 Pasal 50's 7) skip Saturdays, Sundays and the holidays in one JSON file that
ops keep (`ASN_HOLIDAYS_FILE`, e.g. a ConfigMap mounted into every pod): national holidays and
cuti bersama as the government announces them each year. The file is re-read when it changes, so
an update needs no restart. Without it only weekends are skipped, and the service says so at
start-up.

File format: `[{"day": "2026-03-19", "name": "Hari Suci Nyepi"}, ...]`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from .logging import get_logger

log = get_logger(__name__)


class Holiday(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    day: date
    name: str = Field(min_length=1, max_length=200)


_HOLIDAYS = TypeAdapter(list[Holiday])


@dataclass(frozen=True)
class WorkingCalendar:
    """Monday to Friday, less the holidays."""

    holidays: frozenset[date] = frozenset()

    @classmethod
    def of(cls, days: Iterable[date]) -> WorkingCalendar:
        return cls(frozenset(days))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th working day after `start` (start itself not counted)."""
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        while days:
            current += timedelta(days=1)
            if self.is_working_day(current):
                days -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        return sum(
            self.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1)
        )


def read_holidays(path: Path) -> list[Holiday]:
    holidays = _HOLIDAYS.validate_python(json.loads(path.read_text(encoding="utf-8")))
    days = [h.day for h in holidays]
    if len(days) != len(set(days)):
        raise ValueError("a day is listed twice")
    return sorted(holidays, key=lambda h: h.day)


@dataclass
class HolidaySource:
    """The calendar from `path`, re-read whenever the file changes (None: weekends only)."""

    path: Path | None
    _stamp: float | None = field(default=None, init=False)
    _holidays: list[Holiday] = field(default_factory=list, init=False)

    def holidays(self) -> list[Holiday]:
        """The file's holidays; a broken edit keeps the last good calendar and is logged once
        (start-up refuses a broken file, so there always was a good one)."""
        if self.path is not None:
            stamp = self.path.stat().st_mtime
            if stamp != self._stamp:
                self._stamp = stamp
                try:
                    self._holidays = read_holidays(self.path)
                except (OSError, ValueError) as exc:
                    log.error(
                        "calendar.unreadable_kept_previous", path=str(self.path), error=str(exc)
                    )
        return list(self._holidays)

    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar.of(h.day for h in self.holidays())
