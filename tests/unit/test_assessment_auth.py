"""Who may call the assessment service, through its HTTP API over a real migrated database with
tokens verified as in production (tests/identity.py).

- Every operation of the service's OpenAPI document (read from the app, not from a list) refuses
  a request without a token, with a bad token (expired, another issuer, another audience, an
  unknown key, no NIP), and a stranger's valid token; the service has no public route.
- Each rule of domain/permissions.py with the right and the wrong actor, per route family.
- The issue's act: a stranger's SUPERVISOR assessment is refused and nothing is published.
- The actor is the token: a body naming somebody else is refused; the events an HTTP command
  emits carry the caller as `actor` (and as `assessor_nip` of an AssessmentSubmitted).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from asn_deploy.identity.keys import SigningKey, claims_for
from asn_shared.identity.caller import Role
from asn_shared.persistence.tables import outbox_table
from tests.identity import ISSUER, KEY, bearer, token
from tests.unit.assessment_harness import (
    ASN,
    EVALUATOR,
    HEAD,
    LEADER,
    PEER,
    SESUAI,
    STAFF,
    STRANGER,
    UNIT,
    AssessmentHarness,
    assessment_harness,
    directory,
    expect,
    plan_body,
    rated_year,
    supervisor_assessment,
)

AUDITOR = "196801011990038888"
PUBLIC: set[tuple[str, str]] = set()  # no public API route: health and metrics are the runtime's

OTHER_KEY = SigningKey.generate()
BAD_TOKENS = {
    "expired": token(HEAD, exp=int(time.time()) - 3600),
    "another issuer": token(HEAD, iss="https://sso.elsewhere.test"),
    "another audience": token(HEAD, aud="another-application"),
    "an unknown key": token(HEAD, key=OTHER_KEY),
    "no nip": KEY.sign({k: v for k, v in claims_for(ISSUER, HEAD).items() if k != "nip"}),
    "a nip that is no NIP": KEY.sign({**claims_for(ISSUER, HEAD), "nip": "12345"}),
    "not a JWT": "not-a-jwt",
}


DOCUMENT = "/api/v1/employees/{nip}/periods/{period}/document"
# A valid body per operation that takes one, so that a stranger reaches the permission rule.
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("post", "/api/v1/plans"): plan_body(STAFF[2]),
    ("put", "/api/v1/plans/{plan_id}"): {
        k: v for k, v in plan_body(ASN).items() if k not in ("nip", "period")
    },
    ("post", "/api/v1/plans/{plan_id}/submit"): {},
    ("post", "/api/v1/plans/{plan_id}/approve"): {},
    ("post", "/api/v1/plans/{plan_id}/return"): {"note": "Target terlalu rendah"},
    ("post", "/api/v1/plans/{plan_id}/revisions"): {"reason": "PERUBAHAN_PRIORITAS"},
    ("post", "/api/v1/assessments"): supervisor_assessment(ASN),
    ("post", "/api/v1/employees/{nip}/feedback"): {"period": "2026", "text": "Bagus"},
    ("put", "/api/v1/units/{unit_id}/periods/{period}/organization-rating"): {
        "predikat_organisasi": "BAIK"
    },
    ("post", "/api/v1/units/{unit_id}/periods/{period}/close"): {},
    ("post", "/api/v1/objections"): {"nip": PEER, "period": "2026", "reasons": "Belum dinilai"},
    ("post", "/api/v1/objections/{objection_id}/decision"): {"outcome": "MEMPERKUAT"},
    ("post", f"{DOCUMENT}/signatures"): {},
    ("post", f"{DOCUMENT}/delivery"): {},
}


AS_AUDITOR = bearer(AUDITOR, [Role.AUDITOR.value])


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[tuple[AssessmentHarness, dict[str, str]]]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'assessment.db'}"
    async with assessment_harness(url, distribution_check="WARN") as h:
        yield h, await rated_year(h)


@pytest.fixture
async def unit(tmp_path: Path) -> AsyncIterator[AssessmentHarness]:
    async with assessment_harness(f"sqlite+aiosqlite:///{tmp_path / 'assessment.db'}") as h:
        await directory(h)
        yield h


async def test_every_operation_refuses_a_missing_or_bad_token_and_a_stranger(world):
    h, params = world
    operations = [
        (method, path, operation)
        for path, item in h.app.openapi()["paths"].items()
        for method, operation in item.items()
    ]
    assert len(operations) >= 20, "the walk would be vacuous"
    for method, path, operation in operations:
        url = path.format(**params)
        what = f"{method.upper()} {path}"
        if (method, path) in PUBLIC:
            response = await h.client.request(method, url, auth=None)
            assert response.status_code not in (401, 403), what
            continue
        assert {"bearer": []} in operation.get("security", []), f"{what} declares no bearer"
        assert {"401", "403"} <= set(operation["responses"]), what
        body = None
        if "requestBody" in operation:
            assert (method, path) in BODIES, f"{what}: add a valid body to BODIES"
            body = BODIES[(method, path)]
        anonymous = await h.client.request(method, url, json=body, auth=None)
        assert anonymous.status_code == 401, f"{what} without a token: {anonymous.text}"
        assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
        for why, bad in BAD_TOKENS.items():
            headers = {"Authorization": f"Bearer {bad}"}
            refused = await h.client.request(method, url, json=body, headers=headers)
            assert refused.status_code == 401, f"{what} with a token of {why}: {refused.text}"
        stranger = await expect(h, 403, STRANGER, method, url, body)
        assert stranger["detail"]["message"], what


async def test_a_strangers_supervisor_assessment_is_refused_and_nothing_is_published(unit):
    h = unit
    body = supervisor_assessment(ASN, "2026-Q1")
    refused = await expect(h, 403, STRANGER, "POST", "/api/v1/assessments", body)
    assert "direct superior" in refused["detail"]["message"]
    # Naming the real evaluator in the body does not help: the actor is the token.
    claimed = {**body, "assessor_nip": EVALUATOR}
    refused = await expect(h, 403, STRANGER, "POST", "/api/v1/assessments", claimed)
    assert "assessor_nip" in refused["detail"]["message"]
    assert await h.rows(outbox_table) == []
    # The evaluator may, and is the assessor though the body leaves it out.
    await expect(h, 202, EVALUATOR, "POST", "/api/v1/assessments", body)
    [submitted] = await h.pump()
    assert (submitted["data"]["assessor_nip"], submitted["actor"]) == (EVALUATOR, EVALUATOR)


@pytest.mark.parametrize(
    ("role", "nip", "assessor", "status"),
    [
        ("SUPERVISOR", ASN, EVALUATOR, 202),
        ("SUPERVISOR", ASN, HEAD, 403),
        ("SUPERVISOR", EVALUATOR, HEAD, 202),
        ("SELF", ASN, ASN, 202),
        ("SELF", ASN, PEER, 403),
        ("PEER", ASN, PEER, 202),
        ("PEER", ASN, EVALUATOR, 403),
        ("PEER", ASN, LEADER, 403),
        ("SUBORDINATE", HEAD, EVALUATOR, 202),
        ("SUBORDINATE", HEAD, ASN, 403),
        ("SUBORDINATE", EVALUATOR, STRANGER, 403),
    ],
)
async def test_an_assessors_role_is_checked_against_the_directory(
    unit, role, nip, assessor, status
):
    h = unit
    body = {"nip": nip, "period": "2026-Q1", "assessor_role": role, "perilaku": {"LOYAL": 4}}
    if role == "SUPERVISOR":
        body |= {"rating_hasil_kerja": SESUAI, "rating_perilaku_kerja": SESUAI}
    await expect(h, status, assessor, "POST", "/api/v1/assessments", body)
    events = await h.pump()
    assert [e["data"]["assessor_nip"] for e in events] == ([assessor] if status == 202 else [])


async def test_plans_by_the_asn_and_their_evaluator(unit):
    h = unit
    await expect(h, 403, EVALUATOR, "POST", "/api/v1/plans", plan_body(ASN))
    plan = await expect(h, 201, ASN, "POST", "/api/v1/plans", plan_body(ASN))
    url = f"/api/v1/plans/{plan['id']}"
    content = {k: v for k, v in plan_body(ASN).items() if k not in ("nip", "period")}
    await expect(h, 403, EVALUATOR, "PUT", url, content)
    await expect(h, 200, ASN, "PUT", url, content)
    # a body naming another actor than the token's is refused
    await expect(h, 403, EVALUATOR, "POST", f"{url}/submit", {"actor_nip": ASN})
    await expect(h, 200, ASN, "POST", f"{url}/submit", {})
    await expect(h, 403, HEAD, "POST", f"{url}/return", {"note": "Target terlalu rendah"})
    await expect(h, 403, HEAD, "POST", f"{url}/approve", {})
    approved = await expect(h, 200, EVALUATOR, "POST", f"{url}/approve", {})
    assert approved["approver_nip"] == EVALUATOR
    [event] = [e for e in await h.pump() if e["type"] == "PerformancePlanApproved"]
    assert (event["type"], event["actor"]) == ("PerformancePlanApproved", EVALUATOR)
    reason = {"reason": "PERUBAHAN_PRIORITAS"}
    await expect(h, 403, PEER, "POST", f"{url}/revisions", reason)
    revised = await expect(h, 200, EVALUATOR, "POST", f"{url}/revisions", reason)
    assert revised["changes"][0]["changed_by_nip"] == EVALUATOR
    for reader, status in [(ASN, 200), (EVALUATOR, 200), (HEAD, 200), (PEER, 403)]:
        await expect(h, status, reader, "GET", url)
    await expect(h, 403, LEADER, "GET", url)
    await expect(h, 200, AS_AUDITOR, "GET", url)


async def test_feedback_from_the_evaluator_only(unit):
    h = unit
    url = f"/api/v1/employees/{ASN}/feedback"
    note = {"period": "2026-Q1", "text": "Laporan tepat waktu", "nilai": "AKUNTABEL"}
    await expect(h, 403, HEAD, "POST", url, note)
    await expect(h, 403, HEAD, "POST", url, {**note, "author_nip": EVALUATOR})
    await expect(h, 201, EVALUATOR, "POST", url, note)
    view = await expect(h, 200, ASN, "GET", f"/api/v1/employees/{ASN}/periods/2026-Q1")
    assert [n["author_nip"] for n in view["feedback"]] == [EVALUATOR]


async def test_a_units_period_by_its_head_and_the_leader_one_level_up(unit):
    h = unit
    for nip, by in [(HEAD, LEADER), (EVALUATOR, HEAD)] + [(s, EVALUATOR) for s in STAFF]:
        body = supervisor_assessment(nip, "2026-Q1")
        await expect(h, 202, by, "POST", "/api/v1/assessments", body)
    await h.pump()
    url = f"/api/v1/units/{UNIT}/periods/2026-Q1"
    predicate = {"predikat_organisasi": "BAIK"}
    for who in (HEAD, EVALUATOR, STRANGER, AS_AUDITOR):
        await expect(h, 403, who, "PUT", f"{url}/organization-rating", predicate)
    await expect(h, 200, LEADER, "PUT", f"{url}/organization-rating", predicate)
    [org] = await h.pump()
    assert (org["data"]["rated_by_nip"], org["actor"]) == (LEADER, LEADER)
    documents = f"/api/v1/units/{UNIT}/periods/2026/documents"
    for reader, status in [(HEAD, 200), (LEADER, 200), (AS_AUDITOR, 200), (EVALUATOR, 403)]:
        await expect(h, status, reader, "GET", url)
        await expect(h, status, reader, "GET", documents)
    for who in (EVALUATOR, ASN, AS_AUDITOR):
        await expect(h, 403, who, "POST", f"{url}/close", {})
    closed = await expect(h, 200, HEAD, "POST", f"{url}/close", {})
    assert closed["published"] == 5
    rated = [e for e in await h.pump() if e["type"] == "PerformanceRated"]
    assert len(rated) == 5
    assert {(e["type"], e["actor"]) for e in rated} == {("PerformanceRated", HEAD)}


async def test_the_leader_one_level_up_closes_too(unit):
    h = unit
    for nip, by in [(HEAD, LEADER), (EVALUATOR, HEAD)] + [(s, EVALUATOR) for s in STAFF]:
        body = supervisor_assessment(nip, "2026-Q2")
        await expect(h, 202, by, "POST", "/api/v1/assessments", body)
    await h.pump()
    closed = await expect(h, 200, LEADER, "POST", f"/api/v1/units/{UNIT}/periods/2026-Q2/close", {})
    assert closed["published"] == 5


async def test_objections_and_documents_by_their_parties(world):
    h, params = world
    decision = f"/api/v1/objections/{params['objection_id']}/decision"
    for_peer = {"nip": PEER, "period": "2026", "reasons": "Bukti dukung belum dinilai"}
    await expect(h, 403, EVALUATOR, "POST", "/api/v1/objections", for_peer)
    confirm = {"outcome": "MEMPERKUAT"}
    await expect(h, 403, EVALUATOR, "POST", decision, confirm)
    await expect(h, 403, EVALUATOR, "POST", decision, {**confirm, "decided_by_nip": HEAD})
    decided = await expect(h, 200, HEAD, "POST", decision, confirm)
    assert decided["outcome"] == "MEMPERKUAT"
    [event] = [e for e in await h.pump() if e["type"] == "RatingObjectionDecided"]
    assert (event["type"], event["data"]["decided_by_nip"], event["actor"]) == (
        "RatingObjectionDecided",
        HEAD,
        HEAD,
    )

    document = DOCUMENT.format(nip=PEER, period="2026")
    for reader, status in [(PEER, 200), (EVALUATOR, 200), (HEAD, 200), (ASN, 403), (LEADER, 403)]:
        await expect(h, status, reader, "GET", document)
    await expect(h, 403, LEADER, "POST", f"{document}/signatures", {})
    await expect(h, 403, PEER, "POST", f"{document}/delivery", {})
    await expect(h, 200, EVALUATOR, "POST", f"{document}/signatures", {})
    await expect(h, 403, HEAD, "POST", f"{document}/delivery", {})
    handed = await expect(h, 200, EVALUATOR, "POST", f"{document}/delivery", {})
    assert handed["responsible_nip"] == PEER
    signed = await expect(h, 200, PEER, "POST", f"{document}/signatures", {})
    assert signed["step"] == "SELESAI"


async def test_an_asns_ratings_are_read_by_their_chain_and_the_auditor(world):
    h, _ = world
    url = f"/api/v1/employees/{ASN}/ratings"
    for reader, status in [
        (ASN, 200),
        (EVALUATOR, 200),
        (HEAD, 200),  # the evaluator's superior and the unit's head
        (PEER, 403),
        (LEADER, 403),
        (STRANGER, 403),
    ]:
        await expect(h, status, reader, "GET", url)
        await expect(h, status, reader, "GET", f"/api/v1/employees/{ASN}/periods/2026")
    [rating] = await expect(h, 200, AS_AUDITOR, "GET", url)
    assert rating["status"] == "PUBLISHED"
    # the auditor role reads; it does not act
    body = supervisor_assessment(PEER, "2026-Q1")
    await expect(h, 403, AS_AUDITOR, "POST", "/api/v1/assessments", body)
