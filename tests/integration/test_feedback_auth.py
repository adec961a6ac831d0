"""Who may call the feedback API: bearer tokens checked as in production (tests/identity.py) over
the service's routers and its real, migrated database.

- The walk: every operation the OpenAPI document lists that is not public refuses a request
  without an acceptable token (401) and a stranger's valid one (403), and serves the caller the
  rules allow; a route added without authentication fails here without anybody listing it. The
  public ones (Open311, the intake, receipt tracking, the public figures, holidays) answer
  without a token.
- The rules of asn_feedback/domain/permissions.py through the API, right and wrong caller for
  each route family, the issue's case (anybody naming themselves a unit's complaint desk and head)
  among them, and who the published events name as their actor.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jwt
import pytest
import pytest_asyncio
import structlog

from asn_deploy.identity.keys import SigningKey, claims_for
from asn_feedback.adapters.tables import unit_officials
from asn_feedback.api import ROUTERS
from asn_feedback.settings import FeedbackSettings
from asn_shared.catalog.vocabulary import Privacy
from asn_shared.identity.caller import Role
from asn_shared.runtime.http import service_api
from tests.clock import TestClock
from tests.identity import ISSUER, KEY, bearer, token
from tests.integration.test_feedback_handling import DESK, HEAD, OFFICIALS, complaint
from tests.integration.test_feedback_open311 import services_file
from tests.integration.test_feedback_satisfaction import ADMIN, UNIT, Feedback, feedback, survey

pytestmark = pytest.mark.clock  # complaints are received "today" in Jakarta (tests/clock.py)

STRANGER = "199001012015011001"  # a valid NIP in no relation to anybody or anything here
LAPOR = "SP4N-LAPOR!"
OTHER_KEY = SigningKey.generate()
METHODS = ("get", "put", "post", "patch", "delete")


def _openapi() -> dict[str, Any]:
    # as the harness builds it: what the runtime serves
    return service_api("feedback", ROUTERS, FeedbackSettings()).openapi()


OPENAPI = _openapi()
OPERATIONS = sorted(
    (method.upper(), path)
    for path, item in OPENAPI["paths"].items()
    for method in item
    if method in METHODS
)

# The operations anybody may call without a token (README, "Who may call each route"), each with
# a request that succeeds; `{name}` in a URL is filled from the populated database.
PUBLIC: dict[tuple[str, str], dict[str, Any]] = {
    ("GET", "/api/v1/complaints/{channel}/{complaint_id}"): {},
    ("GET", "/api/v1/units/{unit_id}/complaints/summary"): {},
    ("GET", "/api/v1/units/{unit_id}/statistics"): {"params": {"period": "2026-Q2"}},
    ("GET", "/api/v1/holidays/{year}"): {},
    ("POST", "/api/v1/complaints"): {
        "json": {
            "unit_id": UNIT,
            "service_date": "2026-04-01",
            "category": "antrean",
            "description": "Antrean tidak tertib",
            "complainant": {"privacy": "ANONIM"},
        }
    },
    ("GET", "/open311/v2/services.json"): {},
    ("GET", "/open311/v2/requests.json"): {},
    ("GET", "/open311/v2/requests/{service_request_id}.json"): {},
    ("POST", "/open311/v2/requests.json"): {
        "data": {"service_code": "AKTA", "address_string": "Jl. Merdeka 1"}
    },
}
# Who may call each protected operation (domain/permissions.py), for the walk's last request:
# the same request, by the right caller, succeeds, so the refusals are the token's doing.
RIGHT = {
    ("POST", "/api/v1/complaints/{channel}/{complaint_id}/steps"): (DESK, []),  # VERIFY_COMPLETE
    ("PUT", "/api/v1/units/{unit_id}/complaint-officials"): (ADMIN, [Role.UNIT_ADMIN.value]),
    ("POST", "/api/v1/units/{unit_id}/skm/{period}"): (HEAD, []),
}
PROTECTED = [op for op in OPERATIONS if op not in PUBLIC]


def bad_tokens() -> dict[str, str | None]:
    """Tokens refused for one defect each; otherwise good ones, with every role."""
    now = int(time.time())
    roles = [role.value for role in Role]
    claims = claims_for(ISSUER, HEAD, roles)

    def head(**overrides: Any) -> str:
        return token(HEAD, roles, **overrides)

    return {
        "no token": None,
        "not a JWT": "not-a-jwt",
        "expired": head(iat=now - 7200, nbf=now - 7200, exp=now - 3600),
        "not valid yet": head(nbf=now + 3600),
        "another issuer": head(iss="https://sso.elsewhere.example"),
        "another audience": head(aud="another-service"),
        "an unknown key": token(HEAD, roles, key=OTHER_KEY),
        "a known kid, another key's signature": OTHER_KEY.sign(claims, kid=KEY.kid),
        "no nip claim": KEY.sign({k: v for k, v in claims.items() if k != "nip"}),
        "a nip claim that is no NIP": KEY.sign({**claims, "nip": "12345"}),
        "no exp claim": KEY.sign({k: v for k, v in claims.items() if k != "exp"}),
        "unsigned (alg none)": jwt.encode(claims, key=None, algorithm="none"),
    }


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = OPENAPI["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def example_body(schema: dict[str, Any]) -> Any:
    """The smallest value the schema accepts: required fields only, the first enum value, a NIP
    for a NIP, so that the token is the only thing wrong with the walk's requests."""
    schema = _resolve(schema)
    for combined in ("anyOf", "oneOf", "allOf"):
        if combined in schema:
            options = [s for s in schema[combined] if _resolve(s).get("type") != "null"]
            return example_body(options[0])
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: example_body(properties[name]) for name in schema.get("required", [])}
    if kind == "string" and schema.get("pattern") == "^[0-9]{18}$":
        return STRANGER
    return {"array": [], "boolean": True, "integer": 1, "number": 1, "string": "x"}[kind]


def request_of(method: str, path: str, values: dict[str, str]) -> dict[str, Any]:
    operation = OPENAPI["paths"][path][method.lower()]
    url = path
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            name = parameter["name"]
            assert name in values, f"{method} {path}: give the walk a value for {{{name}}}"
            url = url.replace(f"{{{name}}}", values[name])
    request: dict[str, Any] = {"method": method, "url": url}
    body = operation.get("requestBody")
    if body is not None:
        request["json"] = example_body(body["content"]["application/json"]["schema"])
    return request


async def populated(f: Feedback, clock: TestClock) -> dict[str, str]:
    """A unit with officials, a complaint from LAPOR!, a complete SKM questionnaire and an Open311
    request: the values the walk fills path parameters with."""
    secret = complaint("LAP-1", clock.today())  # RAHASIA: a public one, so tracking shows it
    public = secret.complainant.model_copy(update={"privacy": Privacy.PUBLIK})
    await f.deliver(secret.model_copy(update={"complainant": public}), source="/agencies/lapor")
    assert (await f.admin.put(officials_url(), json=OFFICIALS)).status_code == 200
    await f.deliver(survey(4))
    created = await f.client.post(
        "/open311/v2/requests.json", data={"service_code": "KTP-EL", "address_string": "Jl. A 1"}
    )
    [receipt] = created.json()
    await f.pump()
    return {
        "channel": quote(LAPOR, safe=""),
        "complaint_id": "LAP-1",
        "unit_id": UNIT,
        "period": "2026-Q2",
        "year": "2026",
        "service_request_id": receipt["service_request_id"],
    }


@pytest_asyncio.fixture
async def api(tmp_path: Path, clock: TestClock) -> AsyncIterator[tuple[Feedback, dict[str, str]]]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'feedback.db'}"
    async with feedback(url, clock, open311_services_file=services_file(tmp_path)) as f:
        yield f, await populated(f, clock)


def officials_url(unit: str = UNIT) -> str:
    return f"/api/v1/units/{unit}/complaint-officials"


def steps(cid: str = "LAP-1", channel: str = LAPOR) -> str:
    return f"/api/v1/complaints/{quote(channel, safe='')}/{cid}/steps"


# --- the walk ---------------------------------------------------------------------------------


def test_the_walk_is_not_vacuous_and_the_public_list_is_current() -> None:
    assert len(PROTECTED) >= 3, PROTECTED
    assert set(PUBLIC) <= set(OPERATIONS), set(PUBLIC) - set(OPERATIONS)  # no stale entry
    for method, path in OPERATIONS:
        security = OPENAPI["paths"][path][method.lower()].get("security")
        if (method, path) in PUBLIC:
            assert security is None, f"{method} {path} is public: no security scheme"
        else:
            assert {"bearer": []} in security, f"{method} {path} declares no bearer scheme"
    # A complaint's steps: the official's token, or none at all for the complainant's own.
    step = OPENAPI["paths"]["/api/v1/complaints/{channel}/{complaint_id}/steps"]["post"]
    assert step["security"] == [{"bearer": []}, {}]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
async def test_a_protected_operation_refuses_bad_tokens_and_strangers(api, method, path):
    f, values = api
    operation = OPENAPI["paths"][path][method.lower()]
    assert {"401", "403"} <= set(operation["responses"]), "401/403 not documented"
    request = request_of(method, path, values)

    refused = bad_tokens()
    with structlog.testing.capture_logs() as logs:
        for defect, bad in refused.items():
            headers = {"Authorization": f"Bearer {bad}"} if bad else {}
            response = await f.client.request(**request, headers=headers, auth=None)
            assert response.status_code == 401, f"{defect}: {response.status_code}"
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert response.json()["detail"]["message"]
    assert len([e for e in logs if e["event"] == "auth.refused"]) == len(refused)
    assert not any(bad in repr(logs) for bad in refused.values() if bad), "a token was logged"

    stranger = await f.client.request(**request, headers=bearer(STRANGER), auth=None)
    assert stranger.status_code == 403, stranger.text
    assert stranger.json()["detail"]["message"]

    assert (method, path) in RIGHT, f"{method} {path}: name the caller who may, in RIGHT"
    nip, roles = RIGHT[(method, path)]
    right = await f.client.request(**request, headers=bearer(nip, roles), auth=None)
    assert right.is_success, right.text


@pytest.mark.parametrize(("method", "path"), sorted(PUBLIC))
async def test_a_public_operation_answers_without_a_token(api, method, path):
    f, values = api
    url = path
    for name, value in values.items():
        url = url.replace(f"{{{name}}}", value)
    for headers in ({}, {"Authorization": "Bearer not-a-jwt"}):  # nobody reads it
        response = await f.client.request(method, url, **PUBLIC[(method, path)], headers=headers)
        assert response.is_success, f"{method} {url}: {response.status_code} {response.text}"


# --- the rules, through the API ---------------------------------------------------------------


async def test_nobody_but_a_unit_admin_names_the_complaint_officials(database_url, clock):
    """The issue's case: anybody could name themselves a unit's complaint desk and head."""
    async with feedback(database_url, clock) as f:
        themselves = {**OFFICIALS, "desk_nip": STRANGER, "head_nip": STRANGER}
        for nip, roles in (
            (STRANGER, []),
            (DESK, []),  # being the desk is no right to name it
            (HEAD, []),
            (STRANGER, [Role.AUDITOR.value]),
        ):
            refused = await f.client.put(
                officials_url(), json=themselves, headers=bearer(nip, roles)
            )
            assert refused.status_code == 403, refused.text
            assert "unit-admin" in refused.json()["detail"]["message"]
        assert await f.rows(unit_officials) == []
        with structlog.testing.capture_logs() as logs:
            await f.client.put(officials_url(), json=themselves, headers=bearer(DESK))
        [logged] = [e for e in logs if e["event"] == "auth.forbidden"]
        assert "unit-admin" in logged["reason"] and DESK not in repr(logs)  # the rule, nobody
        nobody = await f.client.put(officials_url(), json=themselves, auth=None)
        assert nobody.status_code == 401

        named = await f.client.put(
            officials_url(), json=OFFICIALS, headers=bearer(STRANGER, [Role.UNIT_ADMIN.value])
        )
        assert named.status_code == 200, named.text
        [row] = await f.rows(unit_officials)
        assert (row.desk_nip, row.head_nip) == (DESK, HEAD)
        # unscoped: the token carries roles, not units (README, "Who may call each route")
        other = await f.admin.put(officials_url("disdik-kotabumi"), json=OFFICIALS)
        assert other.status_code == 200


async def test_desk_steps_are_the_desk_s_and_head_steps_the_head_s(database_url, clock):
    async with feedback(database_url, clock) as f:
        await f.deliver(complaint("LAP-1", clock.today()), source="/agencies/lapor")
        await f.admin.put(officials_url(), json=OFFICIALS)
        verify = {"action": "VERIFY_COMPLETE"}
        assert (await f.client.post(steps(), json=verify, auth=None)).status_code == 401
        unknown = await f.client.post(steps("LAP-404"), json=verify, auth=None)
        assert unknown.status_code == 401  # a token before anything is said about a complaint
        for nip, roles in ((HEAD, []), (STRANGER, []), (ADMIN, [Role.UNIT_ADMIN.value])):
            refused = await f.client.post(steps(), json=verify, headers=bearer(nip, roles))
            assert refused.status_code == 403, refused.text
            assert "complaint desk" in refused.json()["detail"]["message"]
        # The actor is the token: a body naming the desk does not make the head the desk.
        claimed = await f.client.post(
            steps(), json={**verify, "actor_nip": DESK}, headers=bearer(HEAD)
        )
        assert claimed.status_code == 403 and "actor_nip" in claimed.json()["detail"]["message"]
        verified = await f.client.post(steps(), json=verify, headers=bearer(DESK))
        assert verified.status_code == 200 and verified.json()["status"] == "DISPOSED"

        decide = {"action": "DECIDE", "decision": "TIDAK_TERBUKTI"}
        for nip in (DESK, STRANGER):
            refused = await f.client.post(steps(), json=decide, headers=bearer(nip))
            assert refused.status_code == 403
            assert "complaint head" in refused.json()["detail"]["message"]
        decided = await f.client.post(steps(), json={**decide, "actor_nip": HEAD})  # ActingAs
        assert decided.status_code == 200 and decided.json()["status"] == "DECIDED"

        [verified_event] = await f.outbox("ComplaintVerified")
        [resolved_event] = await f.outbox("ComplaintResolved")
        assert (verified_event["actor"], resolved_event["actor"]) == (DESK, HEAD)


async def test_the_complainant_acts_with_the_receipt_and_stays_unnamed(database_url, clock):
    async with feedback(database_url, clock) as f:
        await f.deliver(complaint("LAP-1", clock.today()), source="/agencies/lapor")
        await f.admin.put(officials_url(), json=OFFICIALS)
        incomplete = await f.client.post(
            steps(), json={"action": "VERIFY_INCOMPLETE"}, headers=bearer(DESK)
        )
        receipt = incomplete.json()["receipt_number"]
        complete = {"action": "COMPLETE_FILE", "receipt_number": receipt}

        for wrong in ({"action": "COMPLETE_FILE"}, {**complete, "receipt_number": "TT-0-0-0"}):
            refused = await f.client.post(steps(), json=wrong, auth=None)
            assert refused.status_code == 403 and "receipt" in refused.text
        official = await f.client.post(  # officials do not act for the complainant
            steps(), json={"action": "COMPLETE_FILE"}, headers=bearer(DESK)
        )
        assert official.status_code == 403
        bad = await f.client.post(steps(), json=complete, headers={"Authorization": "Bearer x"})
        assert bad.status_code == 401  # a token given must be a good one

        done = await f.client.post(steps(), json=complete, auth=None)  # a citizen: no token
        assert done.status_code == 200 and done.json()["status"] == "DISPOSED"
        by_desk, by_complainant = await f.outbox("ComplaintVerified")
        assert by_desk["actor"] == DESK
        assert "actor" not in by_complainant  # Pasal 42(5): the complainant is nobody's NIP

        # With a token too: the receipt proves the complainant, the token names nobody.
        await f.client.post(steps(), json={"action": "FOLLOW_UP"}, headers=bearer(HEAD))
        await f.client.post(
            steps(), json={"action": "DECIDE", "decision": "TERBUKTI"}, headers=bearer(HEAD)
        )
        await f.client.post(steps(), json={"action": "NOTIFY"}, headers=bearer(DESK))
        accepted = await f.client.post(
            steps(),
            json={"action": "ACCEPT", "receipt_number": receipt},
            headers=bearer(STRANGER),
        )
        assert accepted.status_code == 200 and accepted.json()["status"] == "CLOSED"


async def test_a_unit_s_skm_is_measured_by_its_head_or_a_unit_admin(database_url, clock):
    async with feedback(database_url, clock) as f:
        url = f"/api/v1/units/{UNIT}/skm/2026-Q2"
        await f.deliver(survey(4))
        assert (await f.client.post(url, json={}, auth=None)).status_code == 401
        headless = await f.client.post(url, json={}, headers=bearer(HEAD))
        assert headless.status_code == 403  # no officials named: nobody is the unit's head yet
        assert "PermenPANRB 14/2017" in headless.json()["detail"]["message"]
        await f.admin.put(officials_url(), json=OFFICIALS)
        for nip, roles in ((DESK, []), (STRANGER, []), (STRANGER, [Role.AUDITOR.value])):
            refused = await f.client.post(url, json={}, headers=bearer(nip, roles))
            assert refused.status_code == 403, refused.text
        by_head = await f.client.post(url, json={}, headers=bearer(HEAD))
        assert by_head.status_code == 201, by_head.text
        by_admin = await f.admin.post(url, json={})
        assert by_admin.status_code == 201, by_admin.text
        measured = await f.outbox("ServiceSatisfactionMeasured")
        assert [e["actor"] for e in measured] == [HEAD, ADMIN]


async def test_the_intake_and_open311_are_public_and_name_no_actor(database_url, clock, tmp_path):
    async with feedback(database_url, clock, open311_services_file=services_file(tmp_path)) as f:
        filed = await f.client.post(
            "/api/v1/complaints", json=PUBLIC[("POST", "/api/v1/complaints")]["json"], auth=None
        )
        assert filed.status_code == 202, filed.text
        created = await f.client.post(
            "/open311/v2/requests.json",
            data={"service_code": "AKTA", "address_string": "Jl. Merdeka 1"},
            headers=bearer(STRANGER),  # a token, if any, is not read
        )
        assert created.status_code == 200, created.text
        received = await f.outbox("ComplaintReceived")
        assert len(received) == 2 and not any("actor" in e for e in received)
