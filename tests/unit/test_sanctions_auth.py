"""Every operation of the sanctions API refuses callers without an acceptable token (401) and
callers the rules do not allow (403), found by walking the OpenAPI document: a route added
without authentication fails here without anybody listing it.

The real path: the service's routers (asn_sanctions.api.ROUTERS) over a migrated SQLite database
filled through the consumer and the API (profiles, a disciplinary case decided, delivered and
objected to, a coaching case), tokens checked by the production verifier (tests/identity.py).
Path parameters come from that database; each operation with a body needs a well-formed one in
BODIES (the walk fails for an operation that has none), so the only thing wrong with a refused
request is its token or its caller.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import jwt
import pytest
import pytest_asyncio
import structlog

from asn_deploy.identity.keys import SigningKey, claims_for
from asn_sanctions.api import ROUTERS
from asn_sanctions.settings import SanctionsSettings
from asn_shared.catalog.agency_events import AbsenceRecorded
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.identity.caller import Role
from asn_shared.runtime.http import service_api
from tests.identity import ISSUER, KEY, bearer, token
from tests.unit.discipline_harness import at, discipline_harness
from tests.unit.sanctions_harness import RATINGS

# Operations anybody may call without a token. The sanctions API has none (its health, metrics
# and OpenAPI routes belong to the runtime, not to these routers).
PUBLIC: frozenset[tuple[str, str]] = frozenset()
ASN, SUPERIOR, ATASAN = "199001012015011001", "198001012005011002", "197001011995031001"
STRANGER = "196501011990031009"  # a valid NIP in no relation to anybody or anything here
OTHER_KEY = SigningKey.generate()
METHODS = ("get", "put", "post", "patch", "delete")
DAY = date(2026, 3, 16)
CASE = "/api/v1/discipline/cases/{case_id}"


def _app_openapi() -> dict[str, Any]:
    return service_api("sanctions", ROUTERS, SanctionsSettings()).openapi()


OPENAPI = _app_openapi()
OPERATIONS = sorted(
    (method.upper(), path)
    for path, item in OPENAPI["paths"].items()
    for method in item
    if method in METHODS
)

# A well-formed body for each operation that takes one, naming no actor (the token acts).
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", f"{CASE}/summons"): {
        "summoned_on": DAY.isoformat(),
        "scheduled_at": at(DAY).isoformat(),
        "mode": "TATAP_MUKA",
        "examiner_nips": [SUPERIOR],
    },
    ("POST", f"{CASE}/hearing"): {
        "attended": True,
        "held_on": DAY.isoformat(),
        "bap_number": "BAP-9",
    },
    ("POST", f"{CASE}/decision"): {
        "decision_number": "800/9/2026",
        "jenis": "TEGURAN_LISAN",
        "decided_on": DAY.isoformat(),
        "imposed_by_level": "PENGAWAS",
        "asn_jabatan_level": "JF_LAINNYA",
        "line": ["PENGAWAS"],
    },
    ("POST", f"{CASE}/not-proven"): {"reason": "Tidak terbukti"},
    ("POST", f"{CASE}/delivery"): {"received_on": DAY.isoformat()},
    ("POST", f"{CASE}/objections"): {"filed_on": DAY.isoformat()},
    ("POST", "/api/v1/discipline/objections/{objection_id}/decision"): {
        "outcome": "MEMPERKUAT",
        "decided_on": DAY.isoformat(),
    },
    ("POST", "/api/v1/coaching/cases/{case_id}/competency-test"): {
        "tested_on": DAY.isoformat(),
        "meets_standard": True,
    },
    ("POST", "/api/v1/coaching/cases/{case_id}/post-found"): {
        "found_on": DAY.isoformat(),
        "placement": "JABATAN_SESUAI",
    },
}
# Who the rules let through, per operation (README, "Who may call each route").
RIGHT: dict[tuple[str, str], str] = {
    ("POST", f"{CASE}/objections"): ASN,
    ("POST", "/api/v1/discipline/objections/{objection_id}/decision"): ATASAN,
    ("GET", CASE): ASN,
    ("GET", "/api/v1/units/{unit_id}/discipline"): ATASAN,
    ("GET", "/api/v1/units/{unit_id}/rotations"): ATASAN,
    ("GET", "/api/v1/coaching/cases/{case_id}"): ASN,
    ("GET", "/api/v1/employees/{nip}/follow-ups"): ASN,
}


def test_the_walk_is_not_vacuous() -> None:
    assert len(OPERATIONS) >= 12, OPERATIONS


def bad_tokens() -> dict[str, str | None]:
    """Tokens refused for one defect each; otherwise the best token there is (the ASN's superior
    with every role), so the defect alone is why."""
    now = int(time.time())
    claims = claims_for(ISSUER, SUPERIOR, EVERY_ROLE)
    return {
        "no token": None,
        "not a JWT": "not-a-jwt",
        "expired": _best(iat=now - 7200, nbf=now - 7200, exp=now - 3600),
        "not valid yet": _best(nbf=now + 3600),
        "another issuer": _best(iss="https://sso.elsewhere.example"),
        "another audience": _best(aud="another-service"),
        "an unknown key": token(SUPERIOR, EVERY_ROLE, key=OTHER_KEY),
        "a known kid, another key's signature": OTHER_KEY.sign(claims, kid=KEY.kid),
        "no nip claim": KEY.sign({k: v for k, v in claims.items() if k != "nip"}),
        "a nip claim that is no NIP": KEY.sign({**claims, "nip": "12345"}),
        "no exp claim": KEY.sign({k: v for k, v in claims.items() if k != "exp"}),
        "unsigned (alg none)": jwt.encode(claims, key=None, algorithm="none"),
    }


EVERY_ROLE = [role.value for role in Role]


def _best(**overrides: Any) -> str:
    return token(SUPERIOR, EVERY_ROLE, **overrides)


@pytest_asyncio.fixture
async def api(tmp_path):
    """The API over a database holding a case decided, delivered and objected to, and a
    coaching case: ASN -> SUPERIOR (examines, decides) -> ATASAN (the unit's head)."""
    async with discipline_harness(f"sqlite+aiosqlite:///{tmp_path / 'sanctions.db'}") as h:
        await h.profile(ASN, SUPERIOR)
        await h.profile(SUPERIOR, ATASAN, position_type="ADMINISTRASI", position="Kepala Seksi")
        await h.profile(ATASAN, None, position_type="ADMINISTRASI", position="Kepala Bidang")
        for day in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)):
            await h.deliver(AbsenceRecorded(nip=ASN, date=day, excused=False), source="/agencies/a")
        [opened] = await h.events("DisciplinaryCaseOpened")
        case = opened["data"]["case_id"]
        path = f"/discipline/cases/{case}"
        h.clock.now = at(DAY)
        superior = bearer(SUPERIOR)
        for step, status in (("summons", 201), ("hearing", 200), ("decision", 201)):
            body = BODIES[("POST", f"{CASE}/{step}")]
            await h.call("POST", f"{path}/{step}", status, json=body, headers=superior)
        delivered = {"received_on": DAY.isoformat()}
        await h.call("POST", f"{path}/delivery", json=delivered, headers=superior)
        objection = {"filed_on": DAY.isoformat()}
        filed = await h.call("POST", f"{path}/objections", 201, json=objection, headers=bearer(ASN))
        hasil, perilaku = RATINGS["SANGAT_KURANG"]
        await h.deliver(
            PerformanceRated(
                nip=ASN,
                period="2025",
                rating_hasil_kerja=hasil,
                rating_perilaku_kerja=perilaku,
                predikat="SANGAT_KURANG",
                assessor_nip=SUPERIOR,
                rated_at=at(DAY),
            ),
            source="/asn-kinerja/assessment",
        )
        [started] = await h.events("CoachingStarted")
        yield (
            h,
            {
                "case_id": case,
                "objection_id": filed["objection_id"],
                "unit_id": "dinkes",
                "nip": ASN,
            },
            started["data"]["case_id"],
        )


def request_of(
    method: str, path: str, values: dict[str, str], coaching_case: str
) -> dict[str, Any]:
    operation = OPENAPI["paths"][path][method.lower()]
    url = path
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            name = parameter["name"]
            value = coaching_case if path.startswith("/api/v1/coaching/") else values.get(name)
            assert value, f"{method} {path}: give the walk a value for {{{name}}}"
            url = url.replace(f"{{{name}}}", value)
    request: dict[str, Any] = {"method": method, "url": url}
    if operation.get("requestBody") is not None:
        assert (method, path) in BODIES, f"{method} {path}: give the walk a well-formed body"
        request["json"] = BODIES[(method, path)]
    return request


@pytest.mark.parametrize(("method", "path"), [op for op in OPERATIONS if op not in PUBLIC])
async def test_a_protected_operation_refuses_bad_tokens_and_strangers(api, method, path):
    h, values, coaching_case = api
    operation = OPENAPI["paths"][path][method.lower()]
    assert {"bearer": []} in operation.get("security", []), "no bearer security scheme declared"
    assert {"401", "403"} <= set(operation["responses"]), "401/403 not documented"
    request = request_of(method, path, values, coaching_case)

    refused = bad_tokens()
    with structlog.testing.capture_logs() as logs:
        for defect, bad in refused.items():
            headers = {"Authorization": f"Bearer {bad}"} if bad else {}
            # No ActingAs: the harness's auth only adds a token to a request that has none.
            response = await h.client.request(**request, headers=headers, auth=None)
            assert response.status_code == 401, f"{defect}: {response.status_code}"
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert response.json()["detail"]["message"]
    assert len([e for e in logs if e["event"] == "auth.refused"]) == len(refused)
    assert not any(bad in repr(logs) for bad in refused.values() if bad), "a token was logged"

    stranger = await h.client.request(**request, headers=bearer(STRANGER))
    assert stranger.status_code == 403, stranger.text
    assert stranger.json()["detail"]["message"]

    # The right caller gets past the rules (the step itself may not be possible now: 409), so
    # the refusals above are the token's and the rules' doing.
    right = await h.client.request(**request, headers=bearer(RIGHT.get((method, path), SUPERIOR)))
    assert right.status_code not in (401, 403, 422), right.text


def test_public_operations_need_no_token() -> None:
    """None in this service: every operation the document lists is protected."""
    assert PUBLIC <= set(OPERATIONS)
    for method, path in OPERATIONS:
        declared = OPENAPI["paths"][path][method.lower()].get("security")
        assert (declared is None) == ((method, path) in PUBLIC), (method, path)
