"""Bearer tokens against a real HTTP identity provider: the development issuer (`asn-dev-issuer`)
as a process, its discovery document and JWKS fetched by `DiscoveredKeys` (issue 15 capabilities
1 and 6).

- discovery and keys are fetched on first use; a rotated key (`IssuerFiles.rotate()`) is picked
  up by its new `kid`, and tokens of the retired key still verify;
- an unknown `kid` makes the verifier fetch again at most once per `min_refresh_seconds`;
- a provider that is down, or whose discovery names another issuer, is IdentityUnavailable
  (503 through a service's route), not the caller's fault;
- `<svc>-service run` refuses to start without an issuer (unless ASN_LOCAL_DEVELOPMENT) and with
  an http one outside local development;
- `asn-dev-token` prints a token the verifier accepts, and refuses what it cannot sign.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import jwt
import pytest
from fastapi import FastAPI

from asn_deploy.identity.files import IssuerFiles
from asn_deploy.identity.keys import AUDIENCE, SigningKey, claims_for
from asn_deploy.local.system import DevIssuer
from asn_shared.identity.caller import Caller
from asn_shared.identity.tokens import (
    DiscoveredKeys,
    IdentityUnavailable,
    TokenRules,
    TokenVerifier,
    Unauthenticated,
)

pytestmark = pytest.mark.integration

NIP = "198703122010011004"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class CountingTransport(httpx.AsyncBaseTransport):
    """Real HTTP, with a count of the paths requested (how often the provider was asked)."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.requested: Counter[str] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requested[request.url.path] += 1
        return await self.inner.handle_async_request(request)

    @property
    def discoveries(self) -> int:
        return self.requested["/.well-known/openid-configuration"]


@pytest.fixture
def issuer(tmp_path: Path) -> Iterator[DevIssuer]:
    with DevIssuer(folder=tmp_path / "issuer", port=free_port(), log_dir=tmp_path / "log") as dev:
        yield dev


def files_of(issuer: DevIssuer) -> IssuerFiles:
    return IssuerFiles(issuer.folder)


def verifier_of(
    issuer_url: str, min_refresh_seconds: float = 0.0
) -> tuple[TokenVerifier, CountingTransport]:
    transport = CountingTransport()
    keys = DiscoveredKeys(
        issuer_url, timeout_seconds=3, min_refresh_seconds=min_refresh_seconds, transport=transport
    )
    return TokenVerifier(TokenRules(issuer=issuer_url, audience=AUDIENCE), keys), transport


def stranger_token(issuer_url: str) -> str:
    """Well formed, for our issuer and audience, signed by a key the issuer never published."""
    return SigningKey.generate().sign(claims_for(issuer_url, NIP))


async def test_discovery_and_keys_are_fetched_once_and_give_the_caller(issuer: DevIssuer) -> None:
    verifier, transport = verifier_of(issuer.url, min_refresh_seconds=60)
    token = files_of(issuer).token(NIP, ["auditor"])
    caller = await verifier.verify(token)
    assert caller == Caller(NIP, frozenset({"auditor"}), f"dev-{NIP}")
    assert await verifier.verify(files_of(issuer).token(NIP)) == Caller(
        NIP, frozenset(), f"dev-{NIP}"
    )
    assert transport.requested == {"/.well-known/openid-configuration": 1, "/jwks.json": 1}


async def test_a_rotated_key_is_picked_up_and_the_retired_one_still_verifies(
    issuer: DevIssuer,
) -> None:
    files = files_of(issuer)
    verifier, transport = verifier_of(issuer.url)
    before = files.token(NIP)
    assert (await verifier.verify(before)).nip == NIP
    retired = files.ensure_key().kid
    new = files.rotate()
    assert new.kid != retired
    after = files.token(NIP)  # signed with the new key: a kid the verifier has not seen
    assert (await verifier.verify(after)).nip == NIP
    assert transport.discoveries == 2  # fetched again for the new kid
    assert (await verifier.verify(before)).nip == NIP  # the retired key is still published
    assert transport.discoveries == 2


async def test_an_unknown_kid_refreshes_at_most_once_per_interval(issuer: DevIssuer) -> None:
    verifier, transport = verifier_of(issuer.url, min_refresh_seconds=1.0)
    assert (await verifier.verify(files_of(issuer).token(NIP))).nip == NIP
    assert transport.discoveries == 1

    async def refuse_five() -> None:
        for _ in range(5):
            with pytest.raises(Unauthenticated, match="not one of the issuer's keys"):
                await verifier.verify(stranger_token(issuer.url))

    await refuse_five()  # within the interval of the first fetch: no new fetch at all
    assert transport.discoveries == 1
    await asyncio.sleep(1.1)
    await refuse_five()  # the interval passed: one fetch for five made-up key ids
    assert transport.discoveries == 2
    assert transport.requested["/jwks.json"] == 2


async def test_a_withdrawn_key_stops_verifying_once_the_keys_are_old(issuer: DevIssuer) -> None:
    """A compromised key the provider withdraws is refused within max_age_seconds, without a
    restart; a provider down at that moment leaves the keys in hand serving."""
    files = files_of(issuer)
    transport = CountingTransport()
    keys = DiscoveredKeys(
        issuer.url, timeout_seconds=3, min_refresh_seconds=0.2, max_age_seconds=0.5,
        transport=transport,
    )  # fmt: skip
    verifier = TokenVerifier(TokenRules(issuer=issuer.url, audience=AUDIENCE), keys)
    compromised = files.token(NIP)
    assert (await verifier.verify(compromised)).nip == NIP
    withdrawn = files.ensure_key().kid
    files.rotate()
    (issuer.folder / "retired" / f"{withdrawn}.pem").unlink()  # no longer published
    assert (await verifier.verify(compromised)).nip == NIP  # the keys in hand are fresh
    await asyncio.sleep(0.6)
    with pytest.raises(Unauthenticated, match="not one of the issuer's keys"):
        await verifier.verify(compromised)
    current = files.token(NIP)
    assert (await verifier.verify(current)).nip == NIP
    issuer.stop()
    await asyncio.sleep(0.6)
    assert (await verifier.verify(current)).nip == NIP  # stale, provider down: still served


async def test_a_provider_that_is_down_is_unavailable_not_unauthenticated(
    issuer: DevIssuer,
) -> None:
    never = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    verifier, _ = verifier_of(never)
    with pytest.raises(IdentityUnavailable, match="cannot be fetched"):
        await verifier.verify(SigningKey.generate().sign(claims_for(never, NIP)))

    # Keys already fetched keep working while the provider is down; a new kid cannot be fetched.
    verifier, _ = verifier_of(issuer.url)
    token = files_of(issuer).token(NIP)
    assert (await verifier.verify(token)).nip == NIP
    issuer.stop()
    assert (await verifier.verify(token)).nip == NIP
    with pytest.raises(IdentityUnavailable):
        await verifier.verify(stranger_token(issuer.url))


async def test_a_provider_that_is_down_answers_503_on_a_service_route() -> None:
    """Through a service's own router (notifications' inbox): 503 with the reason, before any
    database is touched; not 401, which would tell the caller their token is bad."""
    from asn_notifications.api import ROUTERS

    never = f"http://127.0.0.1:{free_port()}"
    verifier, _ = verifier_of(never)
    app = FastAPI()
    app.state.runtime = SimpleNamespace(identity=verifier)
    for router in ROUTERS:
        app.include_router(router)
    token = SigningKey.generate().sign(claims_for(never, NIP))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://notifications"
    ) as client:
        response = await client.get(
            f"/api/v1/people/{NIP}/inbox", headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 503, response.text
    assert "cannot be fetched" in response.json()["detail"]["message"]


async def test_a_discovery_document_naming_another_issuer_is_refused(issuer: DevIssuer) -> None:
    # The provider says it is http://127.0.0.1:<port>; we were told http://localhost:<port>.
    elsewhere = issuer.url.replace("127.0.0.1", "localhost")
    verifier, transport = verifier_of(elsewhere)
    token = SigningKey.generate().sign(claims_for(elsewhere, NIP))
    with pytest.raises(IdentityUnavailable, match="names another issuer"):
        await verifier.verify(token)
    assert transport.requested["/jwks.json"] == 0  # its keys were never fetched


def test_the_development_issuer_keeps_its_key_across_runs(tmp_path: Path) -> None:
    folder = tmp_path / "issuer"
    kids = []
    for _ in range(2):
        with DevIssuer(folder=folder, port=free_port(), log_dir=tmp_path) as dev:
            jwks = httpx.get(f"{dev.url}/jwks.json").json()
            discovery = httpx.get(dev.discovery_url).json()
            assert discovery["issuer"] == dev.url == IssuerFiles(folder).issuer()
            assert discovery["jwks_uri"] == f"{dev.url}/jwks.json"
            kids.append([key["kid"] for key in jwks["keys"]])
    assert kids[0] == kids[1] == [IssuerFiles(folder).ensure_key().kid]
    assert (folder / "signing-key.pem").stat().st_mode & 0o077 == 0  # private to its owner


# ------------------------------------------------------------------------------------------------
# the settings, as `<svc>-service run` reads them
# ------------------------------------------------------------------------------------------------


def service_run(**settings: str) -> subprocess.CompletedProcess[str]:
    """`assessment-service run` with these settings and none of the shell's ASN_AUTH_*."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ASN_AUTH_") and k != "ASN_LOCAL_DEVELOPMENT"
    }
    return subprocess.run(
        [str(BIN / "assessment-service"), "run"],
        env={**env, "AMQP_URL": "amqp://guest:guest@127.0.0.1:1/", **settings},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_service_refuses_to_start_with_authentication_off() -> None:
    refused = service_run()
    assert refused.returncode == 2, refused.stderr
    assert "authentication is off: set ASN_AUTH_ISSUER" in refused.stderr
    assert "ASN_LOCAL_DEVELOPMENT=true" in refused.stderr


def test_a_service_refuses_an_http_issuer_outside_local_development() -> None:
    refused = service_run(ASN_AUTH_ISSUER="http://sso.agency.example")
    assert refused.returncode == 2, refused.stderr
    assert "invalid settings" in refused.stderr
    assert "ASN_AUTH_ISSUER must be an https URL" in refused.stderr


def test_local_development_may_start_without_an_issuer_or_with_an_http_one() -> None:
    # Past the authentication check, `run` stops at the next one: the database is not migrated.
    for settings in ({}, {"ASN_AUTH_ISSUER": "http://127.0.0.1:8090"}):
        started = service_run(
            ASN_LOCAL_DEVELOPMENT="true",
            ASSESSMENT_DATABASE_URL="sqlite+aiosqlite:////nonexistent-dir/assessment.db",
            **settings,
        )
        assert "authentication is off" not in started.stderr
        assert "ASN_AUTH_ISSUER must be" not in started.stderr
        assert started.returncode == 3, started.stderr


# ------------------------------------------------------------------------------------------------
# asn-dev-token
# ------------------------------------------------------------------------------------------------


def dev_token(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "asn-dev-token"), *args], capture_output=True, text=True, timeout=60
    )


async def test_asn_dev_token_prints_a_token_the_verifier_accepts(issuer: DevIssuer) -> None:
    printed = dev_token(
        "--dir", str(issuer.folder), "--nip", NIP, "--role", "auditor", "--minutes", "5"
    )
    assert printed.returncode == 0, printed.stderr
    token = printed.stdout.strip()
    verifier, _ = verifier_of(issuer.url)
    assert await verifier.verify(token) == Caller(NIP, frozenset({"auditor"}), f"dev-{NIP}")
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 300


def test_asn_dev_token_refuses_a_bad_nip(issuer: DevIssuer) -> None:
    for nip in ("12345", "19870312201001100X", "1987031220100110041"):
        refused = dev_token("--dir", str(issuer.folder), "--nip", nip)
        assert refused.returncode == 2 and "--nip must be 18 digits" in refused.stderr
        assert refused.stdout == ""


def test_asn_dev_token_without_an_issuer_says_to_start_one(tmp_path: Path) -> None:
    refused = dev_token("--dir", str(tmp_path / "nothing-here"), "--nip", NIP)
    assert refused.returncode == 2 and refused.stdout == ""
    assert "start the development issuer first" in refused.stderr
    assert not (tmp_path / "nothing-here" / "signing-key.pem").exists()
