"""Who may read an inbox, change preferences and read the delivery log (domain/permissions.py):
the pure rules row by row, then each rule through the API with the right and the wrong caller
(the real routers over a migrated database, tokens checked by the production verifier).

Issue 15: "preferences and inboxes answer for anybody". Now the owner alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_asyncio
import structlog

from asn_notifications.domain import permissions
from asn_notifications.domain.permissions import (
    may_change_preferences,
    may_read_delivery_log,
    may_read_preferences,
    may_use_inbox,
)
from asn_shared.identity.caller import Caller, Role
from tests.identity import bearer
from tests.unit.notifications_harness import (
    ASN,
    AUDITOR,
    EXAMINER,
    HR,
    SUPERVISOR,
    example,
    notifications_harness,
)

STRANGER = "199001012015011001"  # a valid NIP in no relation to anybody here
UNKNOWN = "200001012022011001"  # a NIP with no profile in the people copy (yet)
ADMIN, AUDITS = frozenset({Role.UNIT_ADMIN.value}), frozenset({Role.AUDITOR.value})
EVERY_ROLE = ADMIN | AUDITS


def caller(nip: str, roles: frozenset[str] = frozenset()) -> Caller:
    return Caller(nip=nip, roles=roles)


# ---------------------------------------------------------------------------------------------
# The rules, row by row

OWNER_ROWS = [
    pytest.param(caller(ASN), ASN, True, id="the person themselves"),
    pytest.param(caller(ASN, EVERY_ROLE), ASN, True, id="the person, whatever their roles"),
    pytest.param(caller(UNKNOWN), UNKNOWN, True, id="a person without a profile (yet)"),
    pytest.param(caller(STRANGER), ASN, False, id="a stranger"),
    pytest.param(caller(SUPERVISOR), ASN, False, id="the direct superior"),
    pytest.param(caller(HR), ASN, False, id="the unit's HR contact"),
    pytest.param(caller(EXAMINER), ASN, False, id="the examiner of the person's case"),
    pytest.param(caller(AUDITOR, AUDITS), ASN, False, id="an auditor"),
    pytest.param(caller(STRANGER, ADMIN), ASN, False, id="a unit administrator"),
    pytest.param(caller(ASN), UNKNOWN, False, id="someone for a person without a profile"),
]


@pytest.mark.parametrize(("who", "nip", "allowed"), OWNER_ROWS)
def test_the_inbox_is_the_persons_alone(who: Caller, nip: str, allowed: bool) -> None:
    reason = may_use_inbox(who, nip)
    assert (reason is None) is allowed
    if reason is not None:
        assert reason == permissions.OWN_INBOX and "PP 94/2021" in reason
        assert nip not in reason and who.nip not in reason  # logged: no personal data


@pytest.mark.parametrize("rule", [may_read_preferences, may_change_preferences])
@pytest.mark.parametrize(("who", "nip", "allowed"), OWNER_ROWS)
def test_the_preferences_are_the_persons_alone(rule, who: Caller, nip: str, allowed: bool) -> None:
    reason = rule(who, nip)
    assert (reason is None) is allowed
    if reason is not None:
        assert reason == permissions.OWN_PREFERENCES
        assert nip not in reason and who.nip not in reason


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        pytest.param(caller(AUDITOR, AUDITS), True, id="an auditor"),
        pytest.param(caller(ASN, AUDITS), True, id="an ASN who is also an auditor"),
        pytest.param(caller(AUDITOR, EVERY_ROLE), True, id="an auditor and unit administrator"),
        pytest.param(caller(AUDITOR), False, id="the auditor's NIP without the role"),
        pytest.param(caller(ASN), False, id="a recipient of notices"),
        pytest.param(caller(SUPERVISOR), False, id="a supervisor"),
        pytest.param(caller(STRANGER, ADMIN), False, id="a unit administrator"),
        pytest.param(caller(STRANGER, frozenset({"AUDITOR"})), False, id="a role spelt wrong"),
        pytest.param(caller(UNKNOWN), False, id="a person without a profile"),
    ],
)
def test_the_delivery_log_is_the_auditors(who: Caller, allowed: bool) -> None:
    reason = may_read_delivery_log(who)
    assert (reason is None) is allowed
    if reason is not None:
        assert reason == permissions.DELIVERY_LOG and "auditor" in reason


# ---------------------------------------------------------------------------------------------
# The rules through the API: the right caller and the wrong one, per route family


@pytest_asyncio.fixture
async def harness(tmp_path: Path):
    """The ASN, their supervisor and unit HR each have notices about the ASN's reward and case."""
    async with notifications_harness(tmp_path) as h:
        await h.know_people()
        await h.deliver(example("reward.granted.v1"))
        await h.deliver(example("disciplinary.case.opened.v1"))
        yield h


def refused(response, rule: str) -> bool:
    return response.status_code == 403 and response.json()["detail"]["message"] == rule


async def test_the_owner_reads_their_inbox_and_nobody_else_does(harness):
    async with harness.http() as http:
        own = await http.get(f"/api/v1/people/{ASN}/inbox")
        by = {
            who: await http.get(f"/api/v1/people/{ASN}/inbox", headers=bearer(nip, roles))
            for who, nip, roles in (
                ("stranger", STRANGER, ()),
                ("supervisor", SUPERVISOR, ()),  # told of the same events, not reading these
                ("unit HR", HR, ()),
                ("auditor", AUDITOR, [Role.AUDITOR.value]),
                ("unit admin", STRANGER, [Role.UNIT_ADMIN.value]),
            )
        }
    assert own.status_code == 200
    assert {i["template"] for i in own.json()} == {"penghargaan", "kasus_disiplin"}
    for who, response in by.items():
        assert refused(response, permissions.OWN_INBOX), who
        assert "Yth." not in response.text and "penghargaan" not in response.text, who


async def test_only_the_owner_marks_a_notice_read(harness):
    [notice, *_] = await harness.rows("INBOX", recipient_nip=ASN)
    url = f"/api/v1/people/{ASN}/inbox/{notice.id}/read"
    async with harness.http() as http:
        with structlog.testing.capture_logs() as logs:
            by_supervisor = await http.post(url, headers=bearer(SUPERVISOR))
            by_auditor = await http.post(url, headers=bearer(AUDITOR, [Role.AUDITOR.value]))
        [still_unread] = await harness.rows("INBOX", id=notice.id)
        own = await http.post(url)
    assert refused(by_supervisor, permissions.OWN_INBOX)
    assert refused(by_auditor, permissions.OWN_INBOX)
    assert still_unread.read_at is None
    assert own.status_code == 200 and own.json()["read_at"]
    forbidden = [e for e in logs if e["event"] == "auth.forbidden"]
    assert [e["reason"] for e in forbidden] == [permissions.OWN_INBOX] * 2
    assert not any(nip in repr(logs) for nip in (ASN, SUPERVISOR, AUDITOR))


async def test_another_persons_preferences_can_be_neither_read_nor_changed(harness):
    """The issue's case: a stranger switched an ASN's mail off. Now 403, and nothing stored."""
    off = {"channel": "EMAIL", "enabled": False}
    url = f"/api/v1/people/{ASN}/preferences"
    async with harness.http() as http:
        by_stranger = await http.put(url, json=off, headers=bearer(STRANGER))
        by_supervisor = await http.put(url, json=off, headers=bearer(SUPERVISOR))
        by_admin = await http.put(url, json=off, headers=bearer(STRANGER, ["unit-admin"]))
        invalid_by_stranger = await http.put(url, json={"x": 1}, headers=bearer(STRANGER))
        read_by_stranger = await http.get(url, headers=bearer(STRANGER))
        read_by_auditor = await http.get(url, headers=bearer(AUDITOR, ["auditor"]))
        untouched = (await http.get(url)).json()
        own = await http.put(url, json=off)
        changed = (await http.get(url)).json()
    for response in (by_stranger, by_supervisor, by_admin, invalid_by_stranger):
        assert refused(response, permissions.OWN_PREFERENCES)
    for response in (read_by_stranger, read_by_auditor):
        assert refused(response, permissions.OWN_PREFERENCES)
    assert untouched["preferences"] == []
    assert own.status_code == 200
    assert changed["preferences"] == [{"channel": "EMAIL", "template": "*", "enabled": False}]


async def test_the_delivery_log_answers_the_auditor_alone(harness):
    async with harness.http(default=AUDITOR, roles=[Role.AUDITOR.value]) as http:
        audited = await http.get("/api/v1/notifications", params={"recipient_nip": ASN})
        own_rows = await http.get(
            "/api/v1/notifications", params={"recipient_nip": ASN}, headers=bearer(ASN)
        )
        by_supervisor = await http.get("/api/v1/notifications", headers=bearer(SUPERVISOR))
        by_admin = await http.get("/api/v1/notifications", headers=bearer(STRANGER, ["unit-admin"]))
        without_role = await http.get("/api/v1/notifications", headers=bearer(AUDITOR))
    assert audited.status_code == 200
    assert {(r["channel"], r["template"]) for r in audited.json()} == {
        (channel, template)
        for channel in ("EMAIL", "INBOX")
        for template in ("penghargaan", "kasus_disiplin")
    }
    for response in (own_rows, by_supervisor, by_admin, without_role):
        assert refused(response, permissions.DELIVERY_LOG)
