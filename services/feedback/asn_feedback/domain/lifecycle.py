"""A complaint's handling and its deadlines (docs/regulation.md 5.1, 5.3 and 7), pure Python.

Steps follow SP4N-LAPOR! (verify and dispose, follow up, answer, the complainant responds or
reopens, closed) with UU 25/2009's statutory clocks on top:

| Deadline | Clock | Source | Who answers for it |
|---|---|---|---|
| VERIFIKASI_LAPOR | 3 working days from receipt | SP4N-LAPOR! | the unit's complaint desk |
| RESPON_KELENGKAPAN | 14 days from receipt | UU 25/2009 Pasal 44(3) | the complaint desk |
| TINDAK_LANJUT_LAPOR | 5 working days from disposition | SP4N-LAPOR! | the unit head |
| KEPUTUSAN | 60 days from the file being complete | Pasal 50(1) | the unit head |
| PEMBERITAHUAN_KEPUTUSAN | 14 days from the decision | Pasal 50(2) | the complaint desk |

An incomplete file not completed within 30 days is deemed withdrawn (Pasal 44(4)-(5)). The law
writes "hari" for its clocks, so they run on calendar days; SP4N-LAPOR!'s are working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from asn_shared.calendar import WorkingCalendar
from asn_shared.catalog.feedback_acts import LangkahPengaduan
from asn_shared.catalog.feedback_events import TenggatPengaduan as Deadline

from .complaints import RESPONSE_DAYS
from .complaints import ComplaintStatus as S

# The clocks, each once (RESPONSE_DAYS, Pasal 44(3), is in complaints.py with the receipt).
VERIFICATION_WORKING_DAYS = 3  # SP4N-LAPOR!
FOLLOW_UP_WORKING_DAYS = 5  # SP4N-LAPOR!
COMPLETION_DAYS = 30  # Pasal 44(4)
DECISION_DAYS = 60  # Pasal 50(1)
NOTIFY_DAYS = 14  # Pasal 50(2)

# The steps are the catalog's (ComplaintStepTaken carries them), as the deadlines are.
Action = LangkahPengaduan

_BEFORE_VERIFICATION = (S.RECEIVED, S.HELD)
TRANSITIONS: dict[tuple[S, Action], S] = {
    **{(s, Action.VERIFY_COMPLETE): S.DISPOSED for s in _BEFORE_VERIFICATION},
    **{(s, Action.VERIFY_INCOMPLETE): S.INCOMPLETE for s in _BEFORE_VERIFICATION},
    **{(s, Action.REROUTE): S.REROUTED for s in _BEFORE_VERIFICATION},
    **{(s, Action.ARCHIVE): S.ARCHIVED for s in _BEFORE_VERIFICATION},
    (S.RECEIVED, Action.HOLD): S.HELD,
    (S.INCOMPLETE, Action.COMPLETE_FILE): S.DISPOSED,
    (S.DISPOSED, Action.FOLLOW_UP): S.FOLLOWED_UP,
    (S.DISPOSED, Action.DECIDE): S.DECIDED,
    (S.FOLLOWED_UP, Action.DECIDE): S.DECIDED,
    (S.DECIDED, Action.NOTIFY): S.NOTIFIED,
    (S.NOTIFIED, Action.ACCEPT): S.CLOSED,
    (S.NOTIFIED, Action.REOPEN): S.DISPOSED,
    **{
        (s, Action.WITHDRAW): S.WITHDRAWN
        for s in (S.RECEIVED, S.HELD, S.INCOMPLETE, S.DISPOSED, S.FOLLOWED_UP)
    },
}
FINAL = frozenset({S.CLOSED, S.REROUTED, S.ARCHIVED, S.WITHDRAWN})


class TransitionError(Exception):
    pass


def next_status(status: S, action: Action) -> S:
    try:
        return TRANSITIONS[(S(status), action)]
    except KeyError:
        allowed = sorted(a.value for (s, a) in TRANSITIONS if s is S(status))
        raise TransitionError(
            f"a {S(status).value} complaint cannot take {action.value}"
            + (f" (it can: {', '.join(allowed)})" if allowed else " (its handling has ended)")
        ) from None


@dataclass(frozen=True)
class Clock:
    """The dates a complaint's handling reached; None where it has not (yet)."""

    received_on: date
    responded_on: date | None = None  # any verification outcome but HOLD
    complete_on: date | None = None  # the file complete (at verification or when completed)
    disposed_on: date | None = None  # the latest disposition to the unit (again on REOPEN)
    followed_up_on: date | None = None
    decided_on: date | None = None
    notified_on: date | None = None
    incomplete_on: date | None = None


class Party(StrEnum):
    DESK = "DESK"  # the unit's complaint desk (pengelola pengaduan)
    HEAD = "HEAD"  # the head of the unit the complaint is disposed to


@dataclass(frozen=True)
class Rule:
    deadline: Deadline
    party: Party
    article: str
    sanction: str | None


RULES = {
    Deadline.VERIFIKASI_LAPOR: Rule(
        Deadline.VERIFIKASI_LAPOR, Party.DESK, "SP4N-LAPOR!: verifikasi 3 hari kerja", None
    ),
    Deadline.RESPON_KELENGKAPAN: Rule(
        Deadline.RESPON_KELENGKAPAN, Party.DESK, "UU 25/2009 Pasal 44(3)", "UU 25/2009 Pasal 54(5)"
    ),
    Deadline.TINDAK_LANJUT_LAPOR: Rule(
        Deadline.TINDAK_LANJUT_LAPOR, Party.HEAD, "SP4N-LAPOR!: tindak lanjut 5 hari kerja", None
    ),
    Deadline.KEPUTUSAN: Rule(
        Deadline.KEPUTUSAN, Party.HEAD, "UU 25/2009 Pasal 50(1)", "UU 25/2009 Pasal 54(7)"
    ),
    Deadline.PEMBERITAHUAN_KEPUTUSAN: Rule(
        Deadline.PEMBERITAHUAN_KEPUTUSAN,
        Party.DESK,
        "UU 25/2009 Pasal 50(2)",
        "UU 25/2009 Pasal 54(5)",
    ),
}


def deadlines(clock: Clock, calendar: WorkingCalendar) -> list[tuple[Deadline, date, date | None]]:
    """Every deadline that applies so far: (which, last day, the day it was met or None)."""
    verified = clock.responded_on
    result = [
        (
            Deadline.VERIFIKASI_LAPOR,
            calendar.add_working_days(clock.received_on, VERIFICATION_WORKING_DAYS),
            verified,
        ),
        (Deadline.RESPON_KELENGKAPAN, clock.received_on + timedelta(days=RESPONSE_DAYS), verified),
    ]
    if clock.disposed_on is not None:
        done = clock.followed_up_on or clock.decided_on
        if done is not None and done < clock.disposed_on:
            done = None  # a reopened complaint needs a new follow-up
        follow_up = calendar.add_working_days(clock.disposed_on, FOLLOW_UP_WORKING_DAYS)
        result.append((Deadline.TINDAK_LANJUT_LAPOR, follow_up, done))
    if clock.complete_on is not None:
        decision = clock.complete_on + timedelta(days=DECISION_DAYS)
        result.append((Deadline.KEPUTUSAN, decision, clock.decided_on))
    if clock.decided_on is not None:
        notify = clock.decided_on + timedelta(days=NOTIFY_DAYS)
        result.append((Deadline.PEMBERITAHUAN_KEPUTUSAN, notify, clock.notified_on))
    return result


def missed(clock: Clock, calendar: WorkingCalendar, today: date) -> list[tuple[Deadline, date]]:
    """Deadlines past their last day on `today` without having been met by it."""
    return [
        (which, due)
        for which, due, met in deadlines(clock, calendar)
        if today > due and (met is None or met > due)
    ]


def completion_lapsed(clock: Clock, today: date) -> bool:
    """An incomplete file not completed within 30 days is deemed withdrawn (Pasal 44(5))."""
    return clock.incomplete_on is not None and today > clock.incomplete_on + timedelta(
        days=COMPLETION_DAYS
    )
