"""Who may call the assessment service's routes (asn_assessment.domain.permissions), row by row:
the right actor, the wrong one, and a missing directory entry."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from asn_assessment.domain.documents import Act
from asn_assessment.domain.permissions import (
    Around,
    DocumentParties,
    Person,
    UnitOfficials,
    may_assess,
    may_close_period,
    may_decide_objection,
    may_decide_plan,
    may_file_objection,
    may_give_feedback,
    may_rate_organization,
    may_read_employee,
    may_read_unit,
    may_revise_plan,
    may_take_document_step,
    may_write_plan,
)
from asn_shared.catalog.vocabulary import AssessorRole
from asn_shared.identity.caller import Caller, Role

UNIT = "puskesmas"
LEADER = "196001011985031001"  # the head's superior, outside the unit (the leader one level up)
HEAD = "197001011995031001"  # the unit's head; evaluator of EVALUATOR
EVALUATOR = "198001012005011002"  # evaluator of ASN and PEER
ASN = "199001012015011001"
PEER = "199001012015011002"  # same unit, same superior
COUSIN = "199001012015011003"  # same unit, another superior
ELSEWHERE = "199001012015011004"  # same superior, another unit
SUBORDINATE = "199501012020011001"  # ASN is their superior
STRANGER = "199901012022011009"
AUDITOR = "196801011990039999"

PEOPLE = {
    HEAD: Person(HEAD, UNIT, LEADER),
    EVALUATOR: Person(EVALUATOR, UNIT, HEAD),
    ASN: Person(ASN, UNIT, EVALUATOR),
    PEER: Person(PEER, UNIT, EVALUATOR),
    COUSIN: Person(COUSIN, UNIT, HEAD),
    ELSEWHERE: Person(ELSEWHERE, "dinkes", EVALUATOR),
    SUBORDINATE: Person(SUBORDINATE, UNIT, ASN),
    STRANGER: Person(STRANGER, "setda", None),
}
OFFICIALS = UnitOfficials(UNIT, HEAD, LEADER)
AROUND = Around(ASN, PEOPLE[ASN], evaluator_superior=HEAD, unit_head=HEAD)
NOBODY = Around(ASN)  # no profile of the ASN yet
DOCUMENT = DocumentParties(ASN, EVALUATOR, HEAD)


def caller(nip: str, *roles: Role) -> Caller:
    return Caller(nip, frozenset(r.value for r in roles))


def allowed(reason: str | None) -> bool:
    if reason is not None:  # every refusal names its rule's source
        assert "(" in reason and any(
            s in reason for s in ("Pasal", "SE ", "regulation", "contract")
        )
    return reason is None


Case = tuple[str, Callable[[Caller], str | None], Caller, bool]

CASES: list[Case] = [
    # the SKP
    ("ASN drafts own SKP", lambda c: may_write_plan(c, ASN), caller(ASN), True),
    ("evaluator drafts ASN's SKP", lambda c: may_write_plan(c, ASN), caller(EVALUATOR), False),
    ("auditor edits SKP", lambda c: may_write_plan(c, ASN), caller(AUDITOR, Role.AUDITOR), False),
    ("evaluator approves", lambda c: may_decide_plan(c, PEOPLE[ASN]), caller(EVALUATOR), True),
    ("ASN approves own", lambda c: may_decide_plan(c, PEOPLE[ASN]), caller(ASN), False),
    (
        "evaluator's superior approves",
        lambda c: may_decide_plan(c, PEOPLE[ASN]),
        caller(HEAD),
        False,
    ),
    ("approve, no profile", lambda c: may_decide_plan(c, None), caller(EVALUATOR), False),
    (
        "approve, no superior in directory",
        lambda c: may_decide_plan(c, PEOPLE[STRANGER]),
        caller(EVALUATOR),
        False,
    ),
    ("ASN revises", lambda c: may_revise_plan(c, ASN, PEOPLE[ASN]), caller(ASN), True),
    ("evaluator revises", lambda c: may_revise_plan(c, ASN, PEOPLE[ASN]), caller(EVALUATOR), True),
    ("stranger revises", lambda c: may_revise_plan(c, ASN, PEOPLE[ASN]), caller(STRANGER), False),
    ("ASN revises, no profile", lambda c: may_revise_plan(c, ASN, None), caller(ASN), True),
    (
        "evaluator revises, no profile",
        lambda c: may_revise_plan(c, ASN, None),
        caller(EVALUATOR),
        False,
    ),
    # continuous feedback
    (
        "evaluator gives feedback",
        lambda c: may_give_feedback(c, PEOPLE[ASN]),
        caller(EVALUATOR),
        True,
    ),
    ("head gives feedback", lambda c: may_give_feedback(c, PEOPLE[ASN]), caller(HEAD), False),
    (
        "feedback, no superior",
        lambda c: may_give_feedback(c, PEOPLE[STRANGER]),
        caller(EVALUATOR),
        False,
    ),
    # assessments
    *[
        (
            f"{role.value} assessment by {who}",
            lambda c, role=role: may_assess(c, role, ASN, PEOPLE[ASN], PEOPLE.get(c.nip)),
            caller(nip),
            ok,
        )
        for role, who, nip, ok in [
            (AssessorRole.SUPERVISOR, "the evaluator", EVALUATOR, True),
            (AssessorRole.SUPERVISOR, "the evaluator's superior", HEAD, False),
            (AssessorRole.SUPERVISOR, "a stranger", STRANGER, False),
            (AssessorRole.SUPERVISOR, "the ASN", ASN, False),
            (AssessorRole.SELF, "the ASN", ASN, True),
            (AssessorRole.SELF, "the evaluator", EVALUATOR, False),
            (AssessorRole.PEER, "a colleague under the same superior", PEER, True),
            (AssessorRole.PEER, "a colleague under another superior", COUSIN, False),
            (AssessorRole.PEER, "another unit's ASN under the same superior", ELSEWHERE, False),
            (AssessorRole.PEER, "the evaluator", EVALUATOR, False),
            (AssessorRole.PEER, "the ASN", ASN, False),
            (AssessorRole.PEER, "someone without a profile", "199901012022011000", False),
            (AssessorRole.SUBORDINATE, "a direct subordinate", SUBORDINATE, True),
            (AssessorRole.SUBORDINATE, "a peer", PEER, False),
            (AssessorRole.SUBORDINATE, "someone without a profile", "199901012022011000", False),
            (AssessorRole.SUBORDINATE, "the ASN", ASN, False),
        ]
    ],
    (
        "SUPERVISOR, no profile of the ASN",
        lambda c: may_assess(c, AssessorRole.SUPERVISOR, ASN, None, PEOPLE[EVALUATOR]),
        caller(EVALUATOR),
        False,
    ),
    (
        "PEER, no profile of the ASN",
        lambda c: may_assess(c, AssessorRole.PEER, ASN, None, PEOPLE[PEER]),
        caller(PEER),
        False,
    ),
    (
        "SELF, no profile of the ASN",
        lambda c: may_assess(c, AssessorRole.SELF, ASN, None, None),
        caller(ASN),
        True,
    ),
    (
        "SUBORDINATE of an ASN without a profile",
        lambda c: may_assess(c, AssessorRole.SUBORDINATE, ASN, None, PEOPLE[SUBORDINATE]),
        caller(SUBORDINATE),
        True,
    ),
    # a unit's period
    (
        "leader sets the predicate",
        lambda c: may_rate_organization(c, OFFICIALS),
        caller(LEADER),
        True,
    ),
    (
        "head sets own unit's predicate",
        lambda c: may_rate_organization(c, OFFICIALS),
        caller(HEAD),
        False,
    ),
    (
        "stranger sets the predicate",
        lambda c: may_rate_organization(c, OFFICIALS),
        caller(STRANGER),
        False,
    ),
    (
        "predicate, no head in the directory",
        lambda c: may_rate_organization(c, UnitOfficials(UNIT, None, None)),
        caller(LEADER),
        False,
    ),
    (
        "predicate, head without a superior",
        lambda c: may_rate_organization(c, UnitOfficials(UNIT, HEAD, None)),
        caller(HEAD),
        False,
    ),
    ("head closes", lambda c: may_close_period(c, OFFICIALS), caller(HEAD), True),
    ("leader closes", lambda c: may_close_period(c, OFFICIALS), caller(LEADER), True),
    ("evaluator closes", lambda c: may_close_period(c, OFFICIALS), caller(EVALUATOR), False),
    (
        "auditor closes",
        lambda c: may_close_period(c, OFFICIALS),
        caller(AUDITOR, Role.AUDITOR),
        False,
    ),
    (
        "close, no head in the directory",
        lambda c: may_close_period(c, UnitOfficials(UNIT, None, None)),
        caller(HEAD),
        False,
    ),
    ("head reads the unit", lambda c: may_read_unit(c, OFFICIALS), caller(HEAD), True),
    ("leader reads the unit", lambda c: may_read_unit(c, OFFICIALS), caller(LEADER), True),
    (
        "auditor reads the unit",
        lambda c: may_read_unit(c, OFFICIALS),
        caller(AUDITOR, Role.AUDITOR),
        True,
    ),
    ("member reads the unit", lambda c: may_read_unit(c, OFFICIALS), caller(ASN), False),
    (
        "unit-admin reads the unit",
        lambda c: may_read_unit(c, OFFICIALS),
        caller(STRANGER, Role.UNIT_ADMIN),
        False,
    ),
    (
        "unit without a head read by a member",
        lambda c: may_read_unit(c, UnitOfficials(UNIT, None, None)),
        caller(HEAD),
        False,
    ),
    # objections
    ("ASN files", lambda c: may_file_objection(c, ASN), caller(ASN), True),
    ("evaluator files for the ASN", lambda c: may_file_objection(c, ASN), caller(EVALUATOR), False),
    ("superior decides", lambda c: may_decide_objection(c, HEAD), caller(HEAD), True),
    ("evaluator decides", lambda c: may_decide_objection(c, HEAD), caller(EVALUATOR), False),
    ("ASN decides", lambda c: may_decide_objection(c, HEAD), caller(ASN), False),
    # the annual document
    *[
        (
            f"{act.value} by {who}",
            lambda c, act=act: may_take_document_step(c, act, DOCUMENT),
            caller(nip),
            ok,
        )
        for act, who, nip, ok in [
            (Act.SIGN, "the ASN", ASN, True),
            (Act.SIGN, "the evaluator", EVALUATOR, True),
            (Act.SIGN, "the evaluator's superior", HEAD, True),
            (Act.SIGN, "a stranger", STRANGER, False),
            (Act.DELIVER, "the evaluator", EVALUATOR, True),
            (Act.DELIVER, "the ASN", ASN, False),
            (Act.DELIVER, "the evaluator's superior", HEAD, False),
        ]
    ],
    (
        "SIGN by a superior the directory does not know",
        lambda c: may_take_document_step(c, Act.SIGN, DocumentParties(ASN, EVALUATOR, None)),
        caller(HEAD),
        False,
    ),
    # reading one ASN's records
    *[
        (f"{who} reads the ASN", lambda c: may_read_employee(c, AROUND), caller(nip, *roles), ok)
        for who, nip, roles, ok in [
            ("the ASN", ASN, (), True),
            ("the evaluator", EVALUATOR, (), True),
            ("the evaluator's superior, the unit's head", HEAD, (), True),
            ("the auditor", AUDITOR, (Role.AUDITOR,), True),
            ("a peer", PEER, (), False),
            ("a subordinate", SUBORDINATE, (), False),
            ("the leader one level up", LEADER, (), False),
            ("a unit-admin", STRANGER, (Role.UNIT_ADMIN,), False),
            ("a stranger", STRANGER, (), False),
        ]
    ],
    ("the ASN reads, no profile", lambda c: may_read_employee(c, NOBODY), caller(ASN), True),
    (
        "evaluator reads, no profile",
        lambda c: may_read_employee(c, NOBODY),
        caller(EVALUATOR),
        False,
    ),
    (
        "auditor reads, no profile",
        lambda c: may_read_employee(c, NOBODY),
        caller(AUDITOR, Role.AUDITOR),
        True,
    ),
    (
        "a document's recorded party reads it",
        lambda c: may_read_employee(c, NOBODY, also=(EVALUATOR, HEAD)),
        caller(HEAD),
        True,
    ),
    (
        "head of the unit of an ASN whose evaluator is elsewhere",
        lambda c: may_read_employee(c, Around(ASN, Person(ASN, UNIT, LEADER), None, HEAD)),
        caller(HEAD),
        True,
    ),
]


@pytest.mark.parametrize(("name", "rule", "who", "ok"), CASES, ids=[c[0] for c in CASES])
def test_rule(name: str, rule: Callable[[Caller], str | None], who: Caller, ok: bool) -> None:
    assert allowed(rule(who)) is ok


def test_the_auditor_reads_but_never_acts() -> None:
    auditor = caller(AUDITOR, Role.AUDITOR)
    assert may_read_employee(auditor, AROUND) is None and may_read_unit(auditor, OFFICIALS) is None
    acts = [
        may_write_plan(auditor, ASN),
        may_decide_plan(auditor, PEOPLE[ASN]),
        may_revise_plan(auditor, ASN, PEOPLE[ASN]),
        may_give_feedback(auditor, PEOPLE[ASN]),
        *(may_assess(auditor, r, ASN, PEOPLE[ASN], None) for r in AssessorRole),
        may_rate_organization(auditor, OFFICIALS),
        may_close_period(auditor, OFFICIALS),
        may_file_objection(auditor, ASN),
        may_decide_objection(auditor, HEAD),
        *(may_take_document_step(auditor, a, DOCUMENT) for a in Act),
    ]
    assert all(reason is not None for reason in acts)
