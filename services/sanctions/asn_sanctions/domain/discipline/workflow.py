"""The steps of a disciplinary case and the order the law puts them in (PP 94/2021 Pasal 26-38,
PP 79/2021). Pure: what may follow what; the deadlines are in deadlines.py.

    AWAITING_EXAMINER -> OPEN -> SUMMONED -> EXAMINED -> DECIDED -> DELIVERED -> IN_FORCE
                                  |  ^  no-show (1st)                  |  ^
                                  v  |                                 v  |  keberatan/banding
                                 NO_SHOW --(2nd no-show)--> decided on the evidence (Ps 26(4))
    EXAMINED -> NOT_PROVEN (no violation found); DELIVERED/IN_FORCE -> UNDER_OBJECTION (the
    window runs from receipt)
    -> IN_FORCE or REVOKED; a case decided together with another one -> MERGED.
"""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    AWAITING_EXAMINER = "AWAITING_EXAMINER"  # no direct superior known yet (no profile)
    OPEN = "OPEN"  # the direct superior is to summon (Pasal 26(1))
    SUMMONED = "SUMMONED"
    NO_SHOW = "NO_SHOW"  # did not come; a second summons (1st) or a decision (2nd) follows
    EXAMINED = "EXAMINED"  # BAP made (Pasal 27, 32)
    NOT_PROVEN = "NOT_PROVEN"
    DECIDED = "DECIDED"  # to be delivered within 14 working days (Pasal 37)
    DELIVERED = "DELIVERED"  # effective on the 15th day after receipt (Pasal 38)
    IN_FORCE = "IN_FORCE"
    UNDER_OBJECTION = "UNDER_OBJECTION"  # effect follows the remedy's decision (Pasal 38(2))
    REVOKED = "REVOKED"  # revoked or annulled on a keberatan or banding
    MERGED = "MERGED"  # decided with another case: one punishment (Pasal 33)


class Step(StrEnum):
    OPEN = "OPEN"
    EXAMINER_KNOWN = "EXAMINER_KNOWN"
    SUMMON = "SUMMON"
    HEARING_HELD = "HEARING_HELD"
    HEARING_MISSED = "HEARING_MISSED"
    NOT_PROVEN = "NOT_PROVEN"
    DECIDE = "DECIDE"
    MERGE = "MERGE"
    DELIVER = "DELIVER"
    TAKE_EFFECT = "TAKE_EFFECT"
    FILE_OBJECTION = "FILE_OBJECTION"
    OBJECTION_DECIDED = "OBJECTION_DECIDED"
    REVOKE = "REVOKE"
    DUTY_MISSED = "DUTY_MISSED"


class StepRefused(Exception):
    """A step the regulation does not allow now; the message names the article."""


S = CaseStatus
_NEXT: dict[tuple[CaseStatus, Step], CaseStatus] = {
    (S.AWAITING_EXAMINER, Step.EXAMINER_KNOWN): S.OPEN,
    (S.OPEN, Step.SUMMON): S.SUMMONED,
    (S.NO_SHOW, Step.SUMMON): S.SUMMONED,
    (S.SUMMONED, Step.HEARING_HELD): S.EXAMINED,
    (S.SUMMONED, Step.HEARING_MISSED): S.NO_SHOW,
    (S.EXAMINED, Step.NOT_PROVEN): S.NOT_PROVEN,
    (S.EXAMINED, Step.DECIDE): S.DECIDED,
    (S.NO_SHOW, Step.DECIDE): S.DECIDED,
    (S.DECIDED, Step.DELIVER): S.DELIVERED,
    (S.DELIVERED, Step.TAKE_EFFECT): S.IN_FORCE,
    (S.DELIVERED, Step.FILE_OBJECTION): S.UNDER_OBJECTION,
    (S.IN_FORCE, Step.FILE_OBJECTION): S.UNDER_OBJECTION,
    (S.UNDER_OBJECTION, Step.OBJECTION_DECIDED): S.IN_FORCE,
    (S.UNDER_OBJECTION, Step.REVOKE): S.REVOKED,
    **{(status, Step.MERGE): S.MERGED for status in (S.OPEN, S.SUMMONED, S.NO_SHOW, S.EXAMINED)},
}

# A case still to be decided: its ASN's other such cases are decided with it (Pasal 33).
UNDECIDED = frozenset({S.AWAITING_EXAMINER, S.OPEN, S.SUMMONED, S.NO_SHOW, S.EXAMINED})
# A punishment that counts as "the last one" for a repeat (Pasal 33(2)).
PUNISHED = frozenset({S.DECIDED, S.DELIVERED, S.IN_FORCE, S.UNDER_OBJECTION})

MAX_SUMMONS = 2  # Pasal 26(3)-(4): a second no-show lets the PyBM decide on the evidence


def next_status(status: CaseStatus, step: Step, *, summons: int = 0) -> CaseStatus:
    """The status after `step`, or StepRefused naming what the law requires first."""
    status, step = CaseStatus(status), Step(step)
    if step is Step.SUMMON and status is S.NO_SHOW and summons >= MAX_SUMMONS:
        raise StepRefused("two summonses were not answered: decide on the evidence (Pasal 26(4))")
    if step is Step.DECIDE and status is S.NO_SHOW and summons < MAX_SUMMONS:
        raise StepRefused(
            "a decision without examination needs two unanswered summonses (Pasal 26(3)-(4))"
        )
    try:
        return _NEXT[(status, step)]
    except KeyError:
        raise StepRefused(f"{step.value} is not possible on a case {status.value}") from None
