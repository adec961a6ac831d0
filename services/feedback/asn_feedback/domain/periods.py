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
