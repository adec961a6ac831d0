"""A complaint's steps and deadlines (UU 25/2009, SP4N-LAPOR!) as pure functions, with working
days across a holiday."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_feedback.domain.complaints import ComplaintStatus as S
from asn_feedback.domain.lifecycle import (
    FINAL,
    RULES,
    TRANSITIONS,
    Action,
    Clock,
    TransitionError,
    completion_lapsed,
    deadlines,
    missed,
    next_status,
)
from asn_shared.calendar import WorkingCalendar as Calendar
from asn_shared.catalog.feedback_events import TenggatPengaduan as D

MON = date(2026, 3, 16)  # a Monday
NYEPI = date(2026, 3, 19)  # Thursday, Hari Suci Nyepi
CAL = Calendar(frozenset({NYEPI}))


@pytest.mark.parametrize(
    ("received", "calendar", "due"),
    [
        (MON, Calendar(), date(2026, 3, 19)),  # Tue, Wed, Thu
        (MON, CAL, date(2026, 3, 20)),  # Nyepi skipped
        (date(2026, 3, 20), Calendar(), date(2026, 3, 25)),  # from a Friday: Mon, Tue, Wed
        (date(2026, 3, 21), Calendar(), date(2026, 3, 25)),  # received on Saturday
    ],
)
def test_verification_due_in_three_working_days(received, calendar, due) -> None:
    [(which, last_day, met), _] = deadlines(Clock(received), calendar)
    assert (which, last_day, met) == (D.VERIFIKASI_LAPOR, due, None)


def test_every_deadline_on_its_own_clock() -> None:
    clock = Clock(
        received_on=MON,
        responded_on=MON,
        complete_on=MON,
        disposed_on=date(2026, 3, 17),
        decided_on=date(2026, 4, 1),
    )
    due = {which: last_day for which, last_day, _ in deadlines(clock, CAL)}
    assert due == {
        D.VERIFIKASI_LAPOR: date(2026, 3, 20),
        D.RESPON_KELENGKAPAN: date(2026, 3, 30),  # 14 calendar days, holiday or not
        D.TINDAK_LANJUT_LAPOR: date(2026, 3, 25),  # Wed, Fri, Mon, Tue, Wed (Nyepi skipped)
        D.KEPUTUSAN: date(2026, 5, 15),  # 60 days from the complete file
        D.PEMBERITAHUAN_KEPUTUSAN: date(2026, 4, 15),
    }


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 20), []),  # the last day itself is in time
        (date(2026, 3, 21), [D.VERIFIKASI_LAPOR]),
        (date(2026, 3, 31), [D.VERIFIKASI_LAPOR, D.RESPON_KELENGKAPAN]),
    ],
)
def test_missed_the_day_after_the_last_day(today, expected) -> None:
    assert [which for which, _ in missed(Clock(MON), CAL, today)] == expected


def test_a_deadline_met_late_still_counts_as_missed() -> None:
    late = Clock(MON, responded_on=date(2026, 3, 24))
    assert [w for w, _ in missed(late, CAL, date(2026, 3, 24))] == [D.VERIFIKASI_LAPOR]


def test_a_reopened_complaint_needs_a_new_follow_up() -> None:
    reopened = Clock(
        MON,
        responded_on=MON,
        complete_on=MON,
        disposed_on=date(2026, 4, 20),
        followed_up_on=date(2026, 3, 18),
        decided_on=date(2026, 3, 20),
        notified_on=date(2026, 3, 21),
    )
    assert (D.TINDAK_LANJUT_LAPOR, date(2026, 4, 27)) in missed(reopened, CAL, date(2026, 4, 28))


def test_completion_window_of_thirty_days() -> None:
    clock = Clock(MON, responded_on=MON, incomplete_on=MON)
    assert not completion_lapsed(clock, MON + timedelta(days=30))
    assert completion_lapsed(clock, MON + timedelta(days=31))


@pytest.mark.parametrize(
    ("path", "end"),
    [
        (
            [Action.VERIFY_COMPLETE, Action.FOLLOW_UP, Action.DECIDE, Action.NOTIFY, Action.ACCEPT],
            S.CLOSED,
        ),
        ([Action.HOLD, Action.VERIFY_INCOMPLETE, Action.COMPLETE_FILE, Action.DECIDE], S.DECIDED),
        ([Action.VERIFY_COMPLETE, Action.DECIDE, Action.NOTIFY, Action.REOPEN], S.DISPOSED),
        ([Action.REROUTE], S.REROUTED),
        ([Action.VERIFY_INCOMPLETE, Action.WITHDRAW], S.WITHDRAWN),
    ],
)
def test_paths_through_the_lifecycle(path, end) -> None:
    status = S.RECEIVED
    for action in path:
        status = next_status(status, action)
    assert status is end


def test_a_step_out_of_order_says_what_is_possible() -> None:
    with pytest.raises(TransitionError, match="RECEIVED complaint cannot take DECIDE"):
        next_status(S.RECEIVED, Action.DECIDE)
    with pytest.raises(TransitionError, match="handling has ended"):
        next_status(S.CLOSED, Action.REOPEN)


def test_final_statuses_have_no_way_out_and_every_rule_names_its_article() -> None:
    assert not [key for key in TRANSITIONS if key[0] in FINAL]
    assert set(RULES) == set(D) and all(rule.article for rule in RULES.values())


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)), st.integers(0, 20))
def test_working_days_skip_weekends_and_holidays(start, n) -> None:
    end = CAL.add_working_days(start, n)
    days = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(CAL.is_working_day(d) for d in days) == n
    assert n == 0 or CAL.is_working_day(end)
