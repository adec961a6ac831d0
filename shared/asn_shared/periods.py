"""Evaluation periods as the agency contract writes them (2026, 2026-S1, 2026-Q3, 2026-07), and
their dates: one parser for every service that reads or computes a period.

PP 30/2019 Pasal 29(4): measurement "dapat dilakukan setiap bulan, triwulanan, semesteran, atau
tahunan ... sesuai kebutuhan organisasi"; Frequency names those choices.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

_PATTERN = re.compile(
    r"^(?P<year>[0-9]{4})(?:-(?:S(?P<s>[12])|Q(?P<q>[1-4])|(?P<m>0[1-9]|1[0-2])))?$"
)


class Frequency(StrEnum):
    BULANAN = "BULANAN"
    TRIWULANAN = "TRIWULANAN"
    SEMESTERAN = "SEMESTERAN"
    TAHUNAN = "TAHUNAN"


@dataclass(frozen=True, order=True)
class EvaluationPeriod:
    year: int
    first_month: int
    months: int

    @classmethod
    def parse(cls, text: str) -> EvaluationPeriod:
        match = _PATTERN.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a period (2026, 2026-S1, 2026-Q3 or 2026-07)")
        year = int(match["year"])
        if match["s"]:
            return cls(year, 1 + 6 * (int(match["s"]) - 1), 6)
        if match["q"]:
            return cls(year, 1 + 3 * (int(match["q"]) - 1), 3)
        if match["m"]:
            return cls(year, int(match["m"]), 1)
        return cls(year, 1, 12)

    @property
    def frequency(self) -> Frequency:
        return {
            1: Frequency.BULANAN,
            3: Frequency.TRIWULANAN,
            6: Frequency.SEMESTERAN,
        }.get(self.months, Frequency.TAHUNAN)

    @property
    def is_annual(self) -> bool:
        return self.months == 12

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        last_month = self.first_month + self.months - 1
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def __str__(self) -> str:
        if self.months == 12:
            return f"{self.year}"
        if self.months == 6:
            return f"{self.year}-S{1 + (self.first_month - 1) // 6}"
        if self.months == 3:
            return f"{self.year}-Q{1 + (self.first_month - 1) // 3}"
        return f"{self.year}-{self.first_month:02d}"

    @classmethod
    def containing(cls, day: date, frequency: Frequency) -> EvaluationPeriod:
        """The period of `frequency` that `day` falls in."""
        months = {
            Frequency.BULANAN: 1,
            Frequency.TRIWULANAN: 3,
            Frequency.SEMESTERAN: 6,
            Frequency.TAHUNAN: 12,
        }[frequency]
        return cls(day.year, 1 + (day.month - 1) // months * months, months)
