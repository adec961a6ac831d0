"""UU 25/2009 complaint deadlines at their edges (docs/regulation.md 5.1), in Jakarta calendar
days."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_feedback.domain import complaints as domain
from asn_shared.catalog.vocabulary import Privacy


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("received_at", "due"),
    [
        ("2026-03-02T09:00:00+07:00", date(2026, 3, 16)),
        # Month end: 14 calendar days run through weekends and into the next month.
        ("2026-01-31T10:00:00+07:00", date(2026, 2, 14)),
        ("2026-02-20T10:00:00+07:00", date(2026, 3, 6)),  # 2026 is not a leap year
        ("2028-02-20T10:00:00+07:00", date(2028, 3, 5)),  # 2028 is
        # Year end.
        ("2026-12-25T08:00:00+07:00", date(2027, 1, 8)),
        # Timezone: 23:30 UTC on Jan 31 is 06:30 on Feb 1 in Jakarta.
        ("2026-01-31T23:30:00+00:00", date(2026, 2, 15)),
        ("2026-01-31T16:59:59+00:00", date(2026, 2, 14)),  # 23:59:59 WIB, still Jan 31
        ("2026-01-31T17:00:00+00:00", date(2026, 2, 15)),  # 00:00 WIB, Feb 1
        ("2026-12-31T18:00:00+00:00", date(2027, 1, 15)),  # already 2027 in Jakarta
        # A naive time is the provider's wall clock, not UTC.
        ("2026-01-31T23:30:00", date(2026, 2, 14)),
    ],
)
def test_response_due_is_14_calendar_days_from_the_jakarta_receipt_date(received_at, due):
    assert domain.response_due(at(received_at)) == due


@pytest.mark.parametrize(
    ("service_date", "received_at", "late"),
    [
        (date(2026, 3, 1), "2026-03-01T10:00:00+07:00", False),  # same day
        (date(2026, 3, 1), "2026-03-31T10:00:00+07:00", False),  # day 30: still in time
        (date(2026, 3, 1), "2026-04-01T10:00:00+07:00", True),  # day 31: late
        # Across a month end with February's 28 days.
        (date(2026, 1, 31), "2026-03-02T09:00:00+07:00", False),  # day 30
        (date(2026, 1, 31), "2026-03-03T09:00:00+07:00", True),  # day 31
        # Across a year end.
        (date(2026, 12, 15), "2027-01-14T12:00:00+07:00", False),  # day 30
        (date(2026, 12, 15), "2027-01-15T12:00:00+07:00", True),  # day 31
        # Timezone: the UTC date says day 30, the Jakarta date says day 31.
        (date(2026, 1, 1), "2026-01-31T16:59:59+00:00", False),  # 23:59:59 WIB Jan 31
        (date(2026, 1, 1), "2026-01-31T23:30:00+00:00", True),  # 06:30 WIB Feb 1
        # A service date after receipt (a channel's data error) is not late.
        (date(2026, 5, 10), "2026-05-01T10:00:00+07:00", False),
    ],
)
def test_late_filing_after_30_days_counted_in_jakarta_dates(service_date, received_at, late):
    assert domain.is_late_filing(service_date, at(received_at)) is late


def test_late_filing_limit_is_a_parameter():
    received = at("2026-03-11T10:00:00+07:00")
    assert domain.is_late_filing(date(2026, 3, 1), received, limit_days=10) is False
    assert domain.is_late_filing(date(2026, 3, 1), received, limit_days=9) is True


aware_times = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([UTC, domain.JAKARTA]),
)


@given(aware_times)
def test_response_due_is_always_14_days_after_the_jakarta_receipt_date(received_at):
    received_date = received_at.astimezone(domain.JAKARTA).date()
    assert domain.response_due(received_at) - received_date == timedelta(days=14)


@given(aware_times, st.integers(min_value=-60, max_value=120))
def test_late_filing_flips_exactly_after_day_30(received_at, days_before):
    received_date = received_at.astimezone(domain.JAKARTA).date()
    service_date = received_date - timedelta(days=days_before)
    assert domain.is_late_filing(service_date, received_at) is (days_before > 30)


def test_receipt_number_is_short_stable_and_per_complaint():
    number = domain.receipt_number("SP4N-LAPOR!", "LAP-2026-000123")
    group = "[0-9A-HJKMNP-TV-Z]{4}"  # Crockford base32: no I, L, O, U
    assert re.fullmatch(f"TT-{group}-{group}-{group}", number)
    assert number == domain.receipt_number("SP4N-LAPOR!", "LAP-2026-000123")
    assert number != domain.receipt_number("SP4N-LAPOR!", "LAP-2026-000124")
    # The separator keeps ("a", "bc") and ("ab", "c") apart.
    assert domain.receipt_number("a", "bc") != domain.receipt_number("ab", "c")


def test_receipt_numbers_do_not_collide_in_a_large_sample():
    numbers = {domain.receipt_number("kanal", str(i)) for i in range(50_000)}
    assert len(numbers) == 50_000


@pytest.mark.parametrize(
    ("privacy", "visible"),
    [(Privacy.PUBLIK, True), (Privacy.ANONIM, True), (Privacy.RAHASIA, False), ("RAHASIA", False)],
)
def test_only_rahasia_complaints_are_hidden_from_the_public(privacy, visible):
    assert domain.publicly_visible(privacy) is visible


@pytest.mark.parametrize(
    ("service_date", "refused"),
    [
        (date(2026, 2, 1), False),  # the Jakarta day of receipt: the service may be that morning
        (date(2026, 1, 31), False),
        (date(2026, 2, 2), True),  # after it: no complaint is about a service not yet received
    ],
)
def test_a_service_date_after_the_jakarta_day_of_receipt_is_refused(service_date, refused):
    received_at = datetime(2026, 1, 31, 17, 30, tzinfo=UTC)  # 1 February 00:30 in Jakarta
    refusal = domain.service_date_refusal(service_date, received_at)
    assert (refusal is not None) is refused
    if refusal is not None:
        assert "service_date" in refusal and str(service_date) not in refusal
