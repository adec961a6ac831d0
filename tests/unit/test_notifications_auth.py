"""Every operation of the notifications API refuses callers without an acceptable token (401) and
callers the rules do not allow (403), found by walking the OpenAPI document: a route added
without authentication fails here without anybody listing it.

The real path: the service's routers over a migrated database holding notices, tokens checked by
the production verifier (tests/identity.py). Path parameters are filled from that database and
bodies made from the operation's schema, so the only thing wrong with a request is its token.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
import pytest_asyncio
import structlog

from asn_deploy.identity.keys import SigningKey, claims_for
from asn_shared.identity.caller import Role
from tests.identity import ISSUER, KEY, token
from tests.unit.notifications_harness import ASN, example, notifications_app, notifications_harness

# Operations anybody may call without a token. The notifications API has none (its health,
# metrics and OpenAPI routes belong to the runtime, not to these routers): every operation the
# document lists is walked below.
PUBLIC: frozenset[tuple[str, str]] = frozenset()
STRANGER = "199001012015011001"  # a valid NIP in no relation to anybody or anything here
# The best caller there is: the ASN whose notices the database holds, with every role.
OWNER, EVERY_ROLE = ASN, [role.value for role in Role]
OTHER_KEY = SigningKey.generate()
METHODS = ("get", "put", "post", "patch", "delete")


# The document of the app production serves (service_api), as the harness's app serves it.
OPENAPI: dict[str, Any] = notifications_app().openapi()
OPERATIONS = sorted(
    (method.upper(), path)
    for path, item in OPENAPI["paths"].items()
    for method in item
    if method in METHODS
)


def test_the_walk_is_not_vacuous() -> None:
    assert len(OPERATIONS) >= 4, OPERATIONS


def bad_tokens() -> dict[str, str | None]:
    """Tokens refused for one defect each; otherwise the best token there is (OWNER with every
    role), so the defect alone is why."""
    now = int(time.time())
    claims = claims_for(ISSUER, OWNER, EVERY_ROLE)
    return {
        "no token": None,
        "not a JWT": "not-a-jwt",
        "expired": _owner(iat=now - 7200, nbf=now - 7200, exp=now - 3600),
        "not valid yet": _owner(nbf=now + 3600),
        "another issuer": _owner(iss="https://sso.elsewhere.example"),
        "another audience": _owner(aud="another-service"),
        "an unknown key": token(OWNER, EVERY_ROLE, key=OTHER_KEY),
        "a known kid, another key's signature": OTHER_KEY.sign(claims, kid=KEY.kid),
        "no nip claim": KEY.sign({k: v for k, v in claims.items() if k != "nip"}),
        "a nip claim that is no NIP": KEY.sign({**claims, "nip": "12345"}),
        "no exp claim": KEY.sign({k: v for k, v in claims.items() if k != "exp"}),
        "unsigned (alg none)": jwt.encode(claims, key=None, algorithm="none"),
    }


def _owner(**overrides: Any) -> str:
    return token(OWNER, EVERY_ROLE, **overrides)


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = OPENAPI["components"]["schemas"][name]
    return schema


def example_body(schema: dict[str, Any]) -> Any:
    """The smallest value the schema accepts (required fields only, first enum value)."""
    schema = _resolve(schema)
    for combined in ("anyOf", "oneOf", "allOf"):
        if combined in schema:
            options = [s for s in schema[combined] if _resolve(s).get("type") != "null"]
            return example_body(options[0])
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: example_body(properties[name]) for name in schema.get("required", [])}
    return {"array": [], "boolean": True, "integer": 1, "number": 1, "string": "x"}[kind]


@pytest_asyncio.fixture
async def api(tmp_path: Path):
    """The API over a database holding the ASN's notices (inbox, mails, the delivery log)."""
    async with notifications_harness(tmp_path) as harness:
        await harness.know_people()
        await harness.deliver(example("reward.granted.v1"))
        [notice, *_] = await harness.rows("INBOX", recipient_nip=ASN)
        transport = httpx.ASGITransport(app=harness.app())
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield client, {"nip": ASN, "notification_id": notice.id}


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


@pytest.mark.parametrize(("method", "path"), [op for op in OPERATIONS if op not in PUBLIC])
async def test_a_protected_operation_refuses_bad_tokens_and_strangers(api, method, path):
    client, values = api
    operation = OPENAPI["paths"][path][method.lower()]
    assert {"bearer": []} in operation.get("security", []), "no bearer security scheme declared"
    assert {"401", "403"} <= set(operation["responses"]), "401/403 not documented"
    request = request_of(method, path, values)

    refused = bad_tokens()
    with structlog.testing.capture_logs() as logs:
        for defect, bad in refused.items():
            headers = {"Authorization": f"Bearer {bad}"} if bad else {}
            response = await client.request(**request, headers=headers)
            assert response.status_code == 401, f"{defect}: {response.status_code}"
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert response.json()["detail"]["message"]
    assert len([e for e in logs if e["event"] == "auth.refused"]) == len(refused)
    assert not any(bad in repr(logs) for bad in refused.values() if bad), "a token was logged"

    stranger = await client.request(
        **request, headers={"Authorization": f"Bearer {token(STRANGER)}"}
    )
    assert stranger.status_code == 403, stranger.text
    assert stranger.json()["detail"]["message"]

    # The same request with the right caller succeeds: the walk's requests are well formed, so
    # the refusals above are the token's and the rules' doing.
    right = await client.request(**request, headers={"Authorization": f"Bearer {_owner()}"})
    assert right.is_success, right.text
