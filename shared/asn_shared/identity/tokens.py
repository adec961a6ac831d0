"""Bearer tokens (JWT) checked with a well-kept library, PyJWT: no cryptography of our own.

A token is accepted when its signature verifies with one of the issuer's published keys (by
`kid`), its algorithm is an asymmetric one we allow (never `none` or a shared-secret HMAC), `iss`
is the configured issuer, `aud` names our audience, `exp` has not passed and `nbf` has (with a
small leeway for clocks), and the NIP claim holds an 18-digit NIP.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
import jwt

from ..logging import get_logger
from .caller import Caller

log = get_logger(__name__)

NIP = re.compile(r"^[0-9]{18}$")
ASYMMETRIC = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA")


class Unauthenticated(Exception):
    """The request carries no acceptable token (HTTP 401); `reason` says why, never the token."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class IdentityUnavailable(Exception):
    """The identity provider's keys cannot be fetched (HTTP 503): not the caller's fault."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class KeySource(Protocol):
    async def key(self, kid: str | None) -> jwt.PyJWK: ...


def _signing_keys(jwks: Mapping[str, Any]) -> dict[str | None, jwt.PyJWK]:
    keys: dict[str | None, jwt.PyJWK] = {}
    for entry in jwks.get("keys", []):
        if entry.get("use", "sig") != "sig":
            continue
        try:
            keys[entry.get("kid")] = jwt.PyJWK(entry)
        except jwt.PyJWTError:
            # A key type or algorithm this installation cannot use, or an entry missing its
            # numbers: skipped, so one bad entry does not take the provider's other keys with it.
            continue
    return keys


def _pick(keys: Mapping[str | None, jwt.PyJWK], kid: str | None) -> jwt.PyJWK | None:
    if kid is not None:
        return keys.get(kid)
    return next(iter(keys.values())) if len(keys) == 1 else None


class StaticKeys:
    """A fixed key set (a JWKS document): tests, or a provider whose keys ops configure."""

    def __init__(self, jwks: Mapping[str, Any]) -> None:
        self._keys = _signing_keys(jwks)

    async def key(self, kid: str | None) -> jwt.PyJWK:
        found = _pick(self._keys, kid)
        if found is None:
            raise Unauthenticated("the token's signing key is not one of the issuer's keys")
        return found


@dataclass
class DiscoveredKeys:
    """The issuer's keys, from its discovery document (`/.well-known/openid-configuration`).

    Fetched on first use and again when a token names a key id not seen yet (the provider rotated
    its keys), at most once per `min_refresh_seconds` so that made-up key ids cannot make us
    hammer the provider; and again once the keys are `max_age_seconds` old, so that a key the
    provider withdrew (compromised) stops verifying within that time. When that periodic fetch
    fails, the keys in hand keep serving (logged): a provider's outage must not lock everyone out.
    """

    issuer: str
    timeout_seconds: float = 5.0
    min_refresh_seconds: float = 10.0
    max_age_seconds: float = 3600.0
    transport: httpx.AsyncBaseTransport | None = None  # tests: an in-process provider
    _keys: dict[str | None, jwt.PyJWK] = field(default_factory=dict)
    _fetched_at: float | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def key(self, kid: str | None) -> jwt.PyJWK:
        if self._stale():
            await self._refresh_stale()
        found = _pick(self._keys, kid)
        if found is None:
            async with self._lock:
                found = _pick(self._keys, kid)
                if found is None and self._may_refresh():
                    await self._refresh()
                    found = _pick(self._keys, kid)
        if found is None:
            raise Unauthenticated("the token's signing key is not one of the issuer's keys")
        return found

    def _stale(self) -> bool:
        last = self._fetched_at
        return last is not None and time.monotonic() - last >= self.max_age_seconds

    async def _refresh_stale(self) -> None:
        async with self._lock:
            if not self._stale():
                return  # another request refreshed them meanwhile
            try:
                await self._refresh()
            except IdentityUnavailable as down:
                # Keep the keys in hand; try again after min_refresh_seconds, not at every call.
                self._fetched_at = (
                    time.monotonic() - self.max_age_seconds + self.min_refresh_seconds
                )
                log.warning("auth.keys_not_refreshed", reason=down.reason)

    def _may_refresh(self) -> bool:
        last = self._fetched_at
        return last is None or time.monotonic() - last >= self.min_refresh_seconds

    async def _refresh(self) -> None:
        discovery_url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            async with httpx.AsyncClient(
                timeout=self.timeout_seconds, transport=self.transport
            ) as client:
                discovery = (await client.get(discovery_url)).raise_for_status().json()
                if discovery.get("issuer") != self.issuer:
                    raise IdentityUnavailable("the discovery document names another issuer")
                jwks = (await client.get(discovery["jwks_uri"])).raise_for_status().json()
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            raise IdentityUnavailable(
                f"the identity provider's keys cannot be fetched ({type(exc).__name__})"
            ) from None
        self._keys = _signing_keys(jwks)
        self._fetched_at = time.monotonic()


@dataclass(frozen=True)
class TokenRules:
    issuer: str
    audience: str
    nip_claim: str = "nip"
    roles_claim: str = "roles"
    leeway_seconds: float = 30.0
    algorithms: Sequence[str] = ASYMMETRIC


_REFUSALS: tuple[tuple[type[jwt.PyJWTError], str], ...] = (
    (jwt.ExpiredSignatureError, "the token has expired"),
    (jwt.ImmatureSignatureError, "the token is not valid yet"),
    (jwt.InvalidAudienceError, "the token is not for this audience"),
    (jwt.InvalidIssuerError, "the token is from another issuer"),
    (jwt.InvalidSignatureError, "the token's signature does not verify"),
    (jwt.MissingRequiredClaimError, "the token lacks a required claim (exp, iss, aud)"),
)


class TokenVerifier:
    def __init__(self, rules: TokenRules, keys: KeySource) -> None:
        self.rules = rules
        self._keys = keys

    async def verify(self, token: str) -> Caller:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise Unauthenticated("the bearer token is not a JWT") from None
        algorithm = header.get("alg")
        if not isinstance(algorithm, str) or algorithm not in self.rules.algorithms:
            raise Unauthenticated(f"tokens signed with {algorithm!r} are not accepted")
        key = await self._keys.key(header.get("kid"))
        claims = self._decode(token, key, algorithm)
        return Caller(
            nip=self._nip(claims),
            roles=frozenset(_strings(_claim(claims, self.rules.roles_claim))),
            subject=str(claims["sub"]) if "sub" in claims else None,
        )

    def _decode(self, token: str, key: jwt.PyJWK, algorithm: str) -> dict[str, Any]:
        try:
            return jwt.decode(
                token,
                key.key,
                algorithms=[algorithm],
                audience=self.rules.audience,
                issuer=self.rules.issuer,
                leeway=self.rules.leeway_seconds,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            for kind, reason in _REFUSALS:
                if isinstance(exc, kind):
                    raise Unauthenticated(reason) from None
            raise Unauthenticated("the token is not valid") from None

    def _nip(self, claims: Mapping[str, Any]) -> str:
        nip = _claim(claims, self.rules.nip_claim)
        if not isinstance(nip, str) or not NIP.match(nip):
            raise Unauthenticated(f"the token's {self.rules.nip_claim!r} claim is not a NIP")
        return nip


def _claim(claims: Mapping[str, Any], name: str) -> Any:
    """A claim by name; a dotted name reaches into an object (`realm_access.roles`)."""
    value: Any = claims
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _strings(value: Any) -> list[str]:
    """Roles as providers send them: a list of strings, or one space-separated string."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []
