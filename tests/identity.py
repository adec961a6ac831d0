"""Bearer tokens in the tests: one in-process issuer, and an httpx auth that acts as the actor.

The services verify tokens exactly as in production (asn_shared.identity.TokenVerifier), only
with this issuer's key set given directly (StaticKeys) instead of fetched from a provider: the
fetching is tested on its own, against a real HTTP issuer.

Most API tests are about what an official does, not about tokens: `ActingAs` gives each request
a token for the person it acts as, the one its JSON body names in an actor field (`actor_nip`,
`decided_by_nip`, ...) or the person of a `/people/{nip}/...` path, so those tests read as they
always did. A request that brings its own Authorization header keeps it; a test about refusals
sends none or a bad one on purpose.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator, Iterable, Sequence
from typing import Any

import httpx

from asn_deploy.identity.keys import AUDIENCE, SigningKey, claims_for, jwks
from asn_shared.identity.tokens import StaticKeys, TokenRules, TokenVerifier

ISSUER = "https://sso.asn-kinerja.test"
KEY = SigningKey.generate()  # once per test session: RSA key generation takes a moment
# The fields naming who acts, most specific first; `nip` last: it names the ASN a command is
# about, who is also the actor when they act for themselves (drafting an SKP, filing an objection).
ACTOR_FIELDS = (
    "actor_nip",
    "assessor_nip",
    "author_nip",
    "rated_by_nip",
    "decided_by_nip",
    "imposed_by_nip",
    "summoned_by_nip",
    "recorded_by_nip",
    "nip",
)
PERSON_PATH = re.compile(r"/people/([0-9]{18})/")


def verifier(**rules: Any) -> TokenVerifier:
    """What a service under test checks tokens with: this issuer, the default audience."""
    settings = {"issuer": ISSUER, "audience": AUDIENCE, **rules}
    return TokenVerifier(TokenRules(**settings), StaticKeys(jwks([KEY])))


def token(nip: str, roles: Iterable[str] = (), *, key: SigningKey = KEY, **overrides: Any) -> str:
    """A token for `nip`; `overrides` replace claims (iss, aud, exp, ...) to make a bad one."""
    claims = {**claims_for(ISSUER, nip, roles), **overrides}
    return key.sign({k: v for k, v in claims.items() if v is not None})


def bearer(nip: str, roles: Iterable[str] = (), **overrides: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(nip, roles, **overrides)}"}


class ActingAs(httpx.Auth):
    """A token for whoever the request acts as (module docstring); `default` when none is named."""

    def __init__(
        self,
        default: str | None = None,
        roles: Sequence[str] = (),
        fields: Sequence[str] = ACTOR_FIELDS,
        mint: Callable[[str, Sequence[str]], str] | None = None,
    ) -> None:
        self.default, self.roles, self.fields = default, tuple(roles), tuple(fields)
        # Another issuer's signer (the e2e tests' development issuer); this module's by default.
        self.mint = mint or (lambda nip, roles: token(nip, roles))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if "Authorization" not in request.headers:
            nip = self.actor(request)
            if nip is not None:
                request.headers["Authorization"] = f"Bearer {self.mint(nip, self.roles)}"
        yield request

    def actor(self, request: httpx.Request) -> str | None:
        body = _json(request)
        for field in self.fields:
            value = body.get(field)
            if isinstance(value, str):
                return value
        person = PERSON_PATH.search(request.url.path)
        return person.group(1) if person else self.default


def _json(request: httpx.Request) -> dict[str, Any]:
    if "json" not in request.headers.get("content-type", ""):
        return {}
    try:
        body = json.loads(request.content or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
