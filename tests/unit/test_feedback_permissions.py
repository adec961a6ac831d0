"""Who may do what in the feedback service (asn_feedback/domain/permissions.py), row by row: the
right actor, the wrong one, and a unit whose officials are not in the directory."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from asn_feedback.domain.lifecycle import Action
from asn_feedback.domain.permissions import (
    is_officials_step,
    measuring_skm,
    naming_officials,
    taking_step,
)
from asn_feedback.domain.steps import DESK_ACTIONS, HEAD_ACTIONS
from asn_shared.identity.caller import Caller, Role

DESK, HEAD, ADMIN, STRANGER = (
    "198001012005011001",
    "197501012000031002",
    "197201012000031001",
    "199001012015011001",
)
RECEIPT = "TT-ABCD-EFGH-JKMN"


@dataclass(frozen=True)
class Officials:
    desk_nip: str = DESK
    head_nip: str = HEAD


NAMED = Officials()
COMPLAINANT_ACTIONS = sorted(set(Action) - DESK_ACTIONS - HEAD_ACTIONS)


def caller(nip: str, *roles: Role) -> Caller:
    return Caller(nip=nip, roles=frozenset(r.value for r in roles))


def test_every_action_is_the_desk_s_the_head_s_or_the_complainant_s() -> None:
    assert not DESK_ACTIONS & HEAD_ACTIONS
    assert set(COMPLAINANT_ACTIONS) == {
        Action.COMPLETE_FILE,
        Action.ACCEPT,
        Action.REOPEN,
        Action.WITHDRAW,
    }
    assert all(is_officials_step(a) for a in DESK_ACTIONS | HEAD_ACTIONS)
    assert not any(is_officials_step(a) for a in COMPLAINANT_ACTIONS)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        (caller(ADMIN, Role.UNIT_ADMIN), True),
        (caller(DESK, Role.UNIT_ADMIN, Role.AUDITOR), True),  # an admin may name themselves
        (caller(DESK), False),  # the case: naming oneself the desk and head
        (caller(HEAD), False),
        (caller(STRANGER), False),
        (caller(ADMIN, Role.AUDITOR), False),  # reads, changes nothing
        (Caller(nip=ADMIN, roles=frozenset({"UNIT-ADMIN", "unit_admin"})), False),  # exact name
    ],
)
def test_naming_officials_is_a_unit_admin_s(who: Caller, allowed: bool) -> None:
    refusal = naming_officials(who)
    assert (refusal is None) is allowed
    if refusal is not None:
        assert "unit-admin" in refusal and "Pasal 36" in refusal


@pytest.mark.parametrize("action", sorted(DESK_ACTIONS))
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        (caller(DESK), True),
        (caller(HEAD), False),
        (caller(STRANGER), False),
        (caller(ADMIN, Role.UNIT_ADMIN), False),  # names the desk, is not the desk
        (caller(STRANGER, Role.UNIT_ADMIN, Role.AUDITOR), False),
        (None, False),  # no token
    ],
)
def test_desk_steps_are_the_named_desk_s(action: Action, who: Caller | None, allowed: bool):
    refusal = taking_step(who, action, NAMED, receipt_shown=RECEIPT, receipt=RECEIPT)
    assert (refusal is None) is allowed
    if refusal is not None:
        assert action.value in refusal and "desk" in refusal
        assert ("bearer token" if who is None else "Pasal 44(3)") in refusal


@pytest.mark.parametrize("action", sorted(HEAD_ACTIONS))
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        (caller(HEAD), True),
        (caller(DESK), False),
        (caller(STRANGER), False),
        (caller(ADMIN, Role.UNIT_ADMIN), False),
        (None, False),
    ],
)
def test_head_steps_are_the_named_head_s(action: Action, who: Caller | None, allowed: bool):
    refusal = taking_step(who, action, NAMED, receipt_shown=None, receipt=RECEIPT)
    assert (refusal is None) is allowed
    if refusal is not None:
        assert action.value in refusal and "head" in refusal
        assert ("bearer token" if who is None else "Pasal 50(1)") in refusal


@pytest.mark.parametrize("action", sorted(DESK_ACTIONS | HEAD_ACTIONS))
def test_an_officials_step_in_a_unit_without_officials_is_nobody_s(action: Action) -> None:
    for who in (caller(DESK), caller(HEAD), caller(ADMIN, Role.UNIT_ADMIN)):
        refusal = taking_step(who, action, None, receipt_shown=RECEIPT, receipt=RECEIPT)
        assert refusal is not None and "has none" in refusal


@pytest.mark.parametrize("action", COMPLAINANT_ACTIONS)
@pytest.mark.parametrize(
    ("who", "shown", "allowed"),
    [
        (None, RECEIPT, True),  # a citizen without a token: the receipt is the proof
        (caller(STRANGER), RECEIPT, True),  # a token neither helps nor hurts
        (None, None, False),
        (None, "TT-0000-0000-0000", False),
        (None, RECEIPT.lower(), False),
        (None, "TT-ÄBCD-EFGH-JKMN", False),  # not ASCII: refused, not a TypeError (a 500)
        (caller(DESK), None, False),  # officials do not act for the complainant
        (caller(HEAD), "TT-0000-0000-0000", False),
        (caller(ADMIN, Role.UNIT_ADMIN), None, False),
    ],
)
def test_the_complainant_s_steps_need_the_receipt(
    action: Action, who: Caller | None, shown: str | None, allowed: bool
) -> None:
    for officials in (NAMED, None):  # the directory plays no part in a complainant's step
        refusal = taking_step(who, action, officials, receipt_shown=shown, receipt=RECEIPT)
        assert (refusal is None) is allowed
        if refusal is not None:
            assert "receipt number" in refusal and "Pasal 44(1)" in refusal


@pytest.mark.parametrize(
    ("who", "officials", "allowed"),
    [
        (caller(HEAD), NAMED, True),
        (caller(ADMIN, Role.UNIT_ADMIN), NAMED, True),
        (caller(ADMIN, Role.UNIT_ADMIN), None, True),  # an admin needs no directory entry
        (caller(DESK), NAMED, False),  # the desk handles complaints, not the SKM
        (caller(STRANGER), NAMED, False),
        (caller(ADMIN, Role.AUDITOR), NAMED, False),
        (caller(HEAD), None, False),  # no officials named: nobody is the unit's head here
        (caller(HEAD), Officials(head_nip=STRANGER), False),  # another unit's head
    ],
)
def test_a_unit_s_skm_is_measured_by_its_head_or_a_unit_admin(
    who: Caller, officials: Officials | None, allowed: bool
) -> None:
    refusal = measuring_skm(who, officials)
    assert (refusal is None) is allowed
    if refusal is not None:
        assert "PermenPANRB 14/2017" in refusal
