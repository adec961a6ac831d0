"""Dates as the agencies live them: Asia/Jakarta calendar days, and the moment a day ends."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")


def add_months(start: date, months: int) -> date:
    """`start` plus calendar months; a day the target month lacks becomes its last day.

    31 August + 6 months is 28 (or 29) February: the window ends inside the sixth month rather
    than spilling into the seventh.
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def as_aware(moment: datetime) -> datetime:
    """A naive time in a message is read as Jakarta wall-clock time, not as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=JAKARTA)


def jakarta_date(moment: datetime) -> date:
    """The Asia/Jakarta calendar date of a moment."""
    return as_aware(moment).astimezone(JAKARTA).date()


def passed(day: date) -> datetime:
    """The moment a deadline ending on `day` has passed: midnight after it, Jakarta time."""
    return datetime.combine(day + timedelta(days=1), time(0), JAKARTA)


def starts(day: date) -> datetime:
    """The first moment of `day` in Jakarta (when a decision takes effect)."""
    return datetime.combine(day, time(0), JAKARTA)
