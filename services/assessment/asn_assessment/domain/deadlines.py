"""Deadlines of the assessment cycle (PP 30/2019), as pure date arithmetic.

- Pasal 42(1): the annual assessment at the end of December, at the latest the end of January.
- Pasal 49(2)/(3): the evaluator hands the signed document over within 14 days of signing; the ASN
  signs and returns it within 14 days of receiving it.
- Pasal 50: if either has not signed within 14 days, the evaluator's superior sets and signs it
  within 7 working days (hari kerja).
- Pasal 59: an objection within 14 days of receiving the assessment. The PP says "hari"; a
  training module speaks of working days (UNCONFIRMED), so the kind of day is a setting.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from enum import StrEnum

from asn_shared.calendar import WorkingCalendar

DOCUMENT_DELIVERY_DAYS = 14  # Pasal 49(2)
DOCUMENT_SIGNING_DAYS = 14  # Pasal 49(3)
ESCALATION_WORKING_DAYS = 7  # Pasal 50
OBJECTION_DAYS = 14  # Pasal 59


class DayKind(StrEnum):
    KALENDER = "KALENDER"
    KERJA = "KERJA"


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    return WorkingCalendar.of(holidays).is_working_day(day)


def add_working_days(start: date, days: int, holidays: Collection[date] = ()) -> date:
    """The `days`-th working day after `start` (start itself not counted)."""
    return WorkingCalendar.of(holidays).add_working_days(start, days)


def add_days(start: date, days: int, kind: DayKind, holidays: Collection[date] = ()) -> date:
    if kind is DayKind.KERJA:
        return add_working_days(start, days, holidays)
    return start + timedelta(days=days)


def objection_deadline(
    received_on: date,
    days: int = OBJECTION_DAYS,
    kind: DayKind = DayKind.KALENDER,
    holidays: Collection[date] = (),
) -> date:
    """The last day on which an objection to an assessment received on `received_on` is on time."""
    return add_days(received_on, days, kind, holidays)


def annual_assessment_due(year: int) -> date:
    """Pasal 42(1): at the latest the end of January of the following year."""
    return date(year + 1, 1, 31)


def evaluator_signing_due(rating_set_on: date) -> date:
    """Pasal 50's 14 days for the evaluator's signature, counted from the rating being set."""
    return rating_set_on + timedelta(days=DOCUMENT_SIGNING_DAYS)


def document_delivery_due(signed_by_evaluator_on: date) -> date:
    return signed_by_evaluator_on + timedelta(days=DOCUMENT_DELIVERY_DAYS)


def document_signing_due(delivered_on: date) -> date:
    return delivered_on + timedelta(days=DOCUMENT_SIGNING_DAYS)


def escalation_due(signing_missed_on: date, holidays: Collection[date] = ()) -> date:
    """Pasal 50: the superior sets the document within 7 working days once a signature is late."""
    return add_working_days(signing_missed_on, ESCALATION_WORKING_DAYS, holidays)
