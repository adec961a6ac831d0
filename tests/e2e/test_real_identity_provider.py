"""The services' token checks against a real OpenID Connect provider (issue 15, "Done when").

The provider is oidc-provider 8 (panva; OpenID Certified) on this machine's Node.js
(tests/e2e/oidc/provider.mjs, installed by `make oidc-provider`), served over https with a
certificate authority this test makes. The notifications service runs as a process with its real
entry point (`notifications-service run`), as in production: `ASN_AUTH_ISSUER` is the provider's
https URL, `ASN_LOCAL_DEVELOPMENT` is false, and it trusts the test's authority through
`SSL_CERT_FILE` (httpx honours it). It fetches the discovery document and the JWKS itself.

The test gets its tokens as an agency's portal would: from the provider's token endpoint, named
by the discovery document, with the client credentials grant and a resource indicator (RFC 8707)
naming the API. Each actor is a client whose metadata holds the person's NIP and roles; the
provider puts them in the JWT access token as `nip` and `roles`.

Checked: the owner's token reads and changes their inbox and preferences (200); another person's
is refused (403); no token, a token for another audience, an expired one are 401; the roles
claim decides the delivery log (auditor 200, anybody else 403). Then a key rotation with the
service running: the provider restarted with a new key first and the old one still published
signs with the new `kid`, which the service has never seen: it fetches the keys again and
accepts it, and still accepts a token of the old key; the provider restarted with the old key
withdrawn still issues tokens the service accepts; a service restarted after that refuses the
withdrawn key's token (docs/identity.md, "Key rotation").
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from asn_deploy.identity.keys import SigningKey
from asn_deploy.local.system import LocalSystem

from .conftest import free_port
from .oidc_provider import Client, OidcProvider, ProviderCertificates, installation_problem

pytestmark = pytest.mark.e2e

OWNER = "198503222010012014"
OTHER = "199001152015032003"
AUDITOR = "197501012000031002"

API = "urn:asn-kinerja"  # the services' resource indicator: audience asn-kinerja
SHORT_LIVED = "urn:asn-kinerja:short-lived"  # the same audience, tokens living 3 s
ANOTHER_API = "urn:another-api"  # another relying party of the same provider
RESOURCES = {
    API: {"audience": "asn-kinerja", "ttl": 300},
    SHORT_LIVED: {"audience": "asn-kinerja", "ttl": 3},
    ANOTHER_API: {"audience": "another-api", "ttl": 300},
}
LEEWAY_SECONDS = 1  # ASN_AUTH_LEEWAY_SECONDS of the service: an expired token in seconds
# DiscoveredKeys fetches the keys again for an unknown kid at most once per 10 s.
KEY_REFETCH_SECONDS = 10.0

INBOX = f"/api/v1/people/{OWNER}/inbox"
PREFERENCES = f"/api/v1/people/{OWNER}/preferences"
DELIVERY_LOG = "/api/v1/notifications"


def _part(token: str, index: int) -> dict[str, Any]:
    part = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def header(token: str) -> dict[str, Any]:
    """The JWS header, read without verifying (the service verifies)."""
    return _part(token, 0)


def claims(token: str) -> dict[str, Any]:
    """The claims, read without verifying (the service verifies)."""
    return _part(token, 1)


class Service:
    """The notifications service over HTTP, with the time of its first token check."""

    def __init__(self, system: LocalSystem) -> None:
        self.system = system
        self.first_token_at: float | None = None

    def call(self, method: str, path: str, token: str | None, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if token and self.first_token_at is None:
            self.first_token_at = time.monotonic()  # the service fetches the keys now
        return httpx.request(
            method, self.system.url("notifications", path), headers=headers, timeout=10, **kwargs
        )

    def status(self, path: str, token: str | None) -> int:
        return self.call("GET", path, token).status_code

    def refusal(self, path: str, token: str | None) -> tuple[int, str]:
        answer = self.call("GET", path, token)
        return answer.status_code, answer.json()["detail"]["message"]

    def wait_until_keys_may_be_refetched(self) -> None:
        assert self.first_token_at is not None
        pause = self.first_token_at + KEY_REFETCH_SECONDS + 0.5 - time.monotonic()
        if pause > 0:
            time.sleep(pause)


@pytest.fixture(scope="module")
def provider(tmp_path_factory) -> Iterator[OidcProvider]:
    problem = installation_problem()
    if problem:
        pytest.fail(f"the OpenID Connect provider cannot run: {problem}")
    folder: Path = tmp_path_factory.mktemp("oidc-provider")
    clients = [
        Client("portal-owner", secrets.token_urlsafe(32), OWNER),
        Client("portal-other", secrets.token_urlsafe(32), OTHER),
        Client("portal-auditor", secrets.token_urlsafe(32), AUDITOR, roles=("auditor",)),
    ]
    provider = OidcProvider(
        folder=folder,
        port=free_port(),
        clients=clients,
        resources=RESOURCES,
        certs=ProviderCertificates.make(folder / "tls"),
    )
    try:
        provider.start([SigningKey.generate()])
        yield provider
    finally:
        provider.stop()


@pytest.fixture(scope="module")
def service(provider, e2e_amqp_url, mail, tmp_path_factory) -> Iterator[Service]:
    base: Path = tmp_path_factory.mktemp("oidc-service")
    with LocalSystem(
        amqp_url=e2e_amqp_url,
        data_dir=base / "data",
        log_dir=base / "log",
        smtp_port=mail[1],
        services=("notifications",),
        http_ports={"notifications": free_port()},
        issuer=provider.issuer,
        extra_env={
            # As in production: an https issuer, no local development.
            "ASN_LOCAL_DEVELOPMENT": "false",
            "SSL_CERT_FILE": str(provider.certs.ca),
            "ASN_AUTH_LEEWAY_SECONDS": str(LEEWAY_SECONDS),
        },
    ) as system:
        system.migrate()
        system.start()
        yield Service(system)


def test_the_providers_tokens_decide_who_may_call(provider, service):
    discovery = provider.discovery()
    assert discovery["issuer"] == provider.issuer
    assert discovery["jwks_uri"].startswith("https://")
    assert "client_credentials" in discovery["grant_types_supported"]
    started = "\n".join(service.system.log_lines("notifications"))
    assert "auth.issuer" in started and provider.issuer in started
    assert "auth.off_for_local_development" not in started

    short_lived = provider.token("portal-owner", SHORT_LIVED)
    lifetime = claims(short_lived)["exp"] - claims(short_lived)["iat"]
    assert lifetime == RESOURCES[SHORT_LIVED]["ttl"]  # before waiting for it to pass
    owner = provider.token("portal-owner", API)
    (key,) = provider.keys
    assert header(owner)["kid"] == key.kid
    assert claims(owner)["nip"] == OWNER
    assert claims(owner)["aud"] == "asn-kinerja"

    # The owner: their inbox and preferences, read and changed.
    assert service.status(INBOX, short_lived) == 200  # fresh: accepted
    assert service.status(INBOX, owner) == 200
    assert service.status(PREFERENCES, owner) == 200
    change = {"channel": "EMAIL", "template": "*", "enabled": False}
    assert service.call("PUT", PREFERENCES, owner, json=change).status_code == 200
    stored = service.call("GET", PREFERENCES, owner).json()["preferences"]
    assert {"channel": "EMAIL", "template": "*", "enabled": False} in stored

    # Another person, with a valid token of the same provider: not theirs.
    other = provider.token("portal-other", API)
    assert claims(other)["nip"] == OTHER
    assert service.status(INBOX, other) == 403
    assert service.status(PREFERENCES, other) == 403
    change_back = {"channel": "EMAIL", "template": "*", "enabled": True}
    assert service.call("PUT", PREFERENCES, other, json=change_back).status_code == 403

    # The roles claim: the delivery log is the auditor's.
    auditor = provider.token("portal-auditor", API)
    assert claims(auditor)["roles"] == ["auditor"]
    assert service.status(DELIVERY_LOG, auditor) == 200
    assert service.status(DELIVERY_LOG, owner) == 403

    # No token; a token the provider issued for another API.
    no_token = service.call("GET", INBOX, None)
    assert no_token.status_code == 401
    assert no_token.headers["WWW-Authenticate"].startswith("Bearer")
    elsewhere = provider.token("portal-owner", ANOTHER_API)
    assert claims(elsewhere)["aud"] == "another-api"
    assert service.refusal(INBOX, elsewhere) == (401, "the token is not for this audience")

    # The short-lived token once its 3 s and the service's leeway have passed.
    expired_at = claims(short_lived)["exp"] + LEEWAY_SECONDS + 1
    time.sleep(max(0.0, expired_at - time.time()))
    assert service.refusal(INBOX, short_lived) == (401, "the token has expired")


def test_signing_keys_rotate_while_the_service_runs(provider, service):
    (old_key,) = provider.keys
    old = provider.token("portal-owner", API)
    assert header(old)["kid"] == old_key.kid
    assert service.status(INBOX, old) == 200  # the service holds the old key set

    # 1. The provider publishes a new key and signs with it; the old one stays published.
    new_key = SigningKey.generate()
    service.wait_until_keys_may_be_refetched()
    provider.restart([new_key, old_key])
    assert provider.published_kids() == [new_key.kid, old_key.kid]
    new = provider.token("portal-owner", API)
    assert header(new)["kid"] == new_key.kid
    assert service.status(INBOX, new) == 200  # an unknown kid: keys fetched again
    assert service.status(INBOX, old) == 200  # the old key still verifies its tokens

    # 2. The old key withdrawn: the provider's tokens are still accepted.
    provider.restart([new_key])
    assert provider.published_kids() == [new_key.kid]
    newer = provider.token("portal-owner", API)
    assert header(newer)["kid"] == new_key.kid
    assert service.status(INBOX, newer) == 200

    # 3. A service started now knows only the keys published now: the withdrawn key is refused.
    service.system.restart("notifications")
    assert service.refusal(INBOX, old) == (
        401,
        "the token's signing key is not one of the issuer's keys",
    )
    assert service.status(INBOX, newer) == 200
    assert service.status(INBOX, new) == 200
