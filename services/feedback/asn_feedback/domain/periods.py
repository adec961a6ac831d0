"""Which evaluation periods (docs/agency-contract-v1.md) a day of service belongs to.

Citizen feedback is summarised for the year and for the instance's periodic evaluation
(PP 30/2019 Pasal 29(4): monthly, quarterly or by semester), so the assessment service finds a
summary for whichever period its evaluator closes. Periods are parsed and computed by the
shared asn_shared.periods.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from asn_shared import periods

# The years this service's routes take a period (or a year) of: each has its Jakarta days and a
# day after its last, which the contract's pattern (any four digits) does not promise: 0000 has no
# first day and 9999 no day after. The holiday calendar's years, too.
FIRST_YEAR, LAST_YEAR = 2000, 2100
KNOWN_PERIOD = r"^(20[0-9]{2}|2100)(-S[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$"
PERIOD_HELP = (
    "Evaluation period of the years 2000-2100: 2026 (annual), 2026-S1/S2 (semester), "
    "2026-Q1..Q4 (quarter), 2026-01..12 (month)."
)


class Frequency(StrEnum):
    """The periodic evaluations an instance may choose (the year is always summarised)."""

    BULANAN = "BULANAN"
    TRIWULANAN = "TRIWULANAN"
    SEMESTERAN = "SEMESTERAN"


def periodic(day: date, frequency: Frequency) -> str:
    shared = periods.Frequency(frequency.value)
    return str(periods.EvaluationPeriod.containing(day, shared))


def periods_of(day: date, frequency: Frequency) -> tuple[str, str]:
    """The year and the periodic period containing `day`."""
    return str(day.year), periodic(day, frequency)


def contains(period: str, day: date) -> bool:
    """Whether `day` falls in `period` (any of the contract's forms)."""
    parsed = periods.EvaluationPeriod.parse(period)
    return parsed.start <= day <= parsed.end


def bounds(period: str) -> tuple[date, date]:
    """First day and the day after the last of a period (2026, 2026-S1, 2026-Q3, 2026-07)."""
    parsed = periods.EvaluationPeriod.parse(period)
    return parsed.start, parsed.end + timedelta(days=1)
