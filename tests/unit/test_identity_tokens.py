"""TokenVerifier, row by row: which bearer tokens are accepted, what a refusal says, and the Caller
an accepted token gives (asn_shared.identity.tokens, issue 15 capability 1).

Every row signs a token with the tests' issuer key (tests/identity.py) or a deliberately wrong
one, and verifies it against a fixed key set (StaticKeys): fetching keys from a provider is
tests/integration/test_identity_discovery.py.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from asn_deploy.identity.keys import AUDIENCE, SigningKey, claims_for, jwks
from asn_shared.identity.caller import Caller, Role
from asn_shared.identity.tokens import (
    StaticKeys,
    TokenRules,
    TokenVerifier,
    Unauthenticated,
)
from tests.identity import ISSUER, KEY, token

NIP = "198703122010011004"
OTHER = SigningKey.generate()  # a key the issuer never published


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unsigned(header: dict[str, Any], claims: dict[str, Any]) -> str:
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"


def _claims(**overrides: Any) -> dict[str, Any]:
    claims = {**claims_for(ISSUER, NIP), **overrides}
    return {k: v for k, v in claims.items() if v is not None}


def signed(key: SigningKey = KEY, **overrides: Any) -> str:
    """Like tests.identity.token, but any claim may change, the NIP and the roles included."""
    return key.sign(_claims(**overrides))


def alg_none() -> str:
    """`alg: none`, no signature: what a forger sends first."""
    return _unsigned({"alg": "none", "typ": "JWT", "kid": KEY.kid}, _claims()) + "."


def hs256_with_public_key() -> str:
    """Algorithm confusion: HMAC-SHA256 keyed with the issuer's public key (its PEM, public)."""
    pem = KEY.private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signing_input = _unsigned({"alg": "HS256", "typ": "JWT", "kid": KEY.kid}, _claims())
    signature = hmac.new(pem, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def without_kid(key: SigningKey = KEY) -> str:
    return jwt.encode(_claims(), key.private, algorithm="RS256")


def under_our_kid_signed_by_another() -> str:
    """Our key id in the header, another key's signature."""
    return OTHER.sign(_claims(), kid=KEY.kid)


def now(offset: int) -> int:
    return int(time.time()) + offset


@dataclass(frozen=True)
class Row:
    mint: Callable[[], str]
    refused: str | None = None  # a piece of the refusal's reason; None: accepted
    rules: dict[str, Any] = field(default_factory=dict)
    keys: tuple[SigningKey, ...] = (KEY,)
    caller: Caller | None = None  # the Caller an accepted token gives, when the row checks it


ROWS: dict[str, Row] = {
    "good token": Row(
        lambda: token(NIP, ["auditor"]),
        caller=Caller(NIP, frozenset({"auditor"}), f"dev-{NIP}"),
    ),
    "expired beyond the leeway": Row(lambda: token(NIP, exp=now(-36)), "has expired"),
    "expired within the leeway": Row(lambda: token(NIP, exp=now(-20))),
    "expired, no leeway": Row(
        lambda: token(NIP, exp=now(-2)), "has expired", {"leeway_seconds": 0}
    ),
    "nbf in the future": Row(lambda: token(NIP, nbf=now(120)), "not valid yet"),
    "nbf within the leeway": Row(lambda: token(NIP, nbf=now(20))),
    "wrong iss": Row(lambda: token(NIP, iss="https://sso.other-agency.test"), "another issuer"),
    "wrong aud": Row(lambda: token(NIP, aud="another-application"), "not for this audience"),
    "aud list naming ours": Row(lambda: token(NIP, aud=["portal", AUDIENCE])),
    "missing aud": Row(lambda: token(NIP, aud=None), "lacks a required claim"),
    "missing iss": Row(lambda: token(NIP, iss=None), "lacks a required claim"),
    "missing exp": Row(lambda: token(NIP, exp=None), "lacks a required claim"),
    "unknown kid": Row(lambda: token(NIP, key=OTHER), "not one of the issuer's keys"),
    "our kid, another key's signature": Row(under_our_kid_signed_by_another, "does not verify"),
    "no kid, one key": Row(without_kid),
    "no kid, two keys": Row(without_kid, "not one of the issuer's keys", keys=(KEY, OTHER)),
    "kid picks among two keys": Row(lambda: token(NIP, key=OTHER), keys=(KEY, OTHER)),
    "alg none": Row(alg_none, "'none' are not accepted"),
    "HS256 keyed with the public key": Row(hs256_with_public_key, "'HS256' are not accepted"),
    "not a JWT": Row(lambda: "not-a-token", "not a JWT"),
    "missing nip": Row(lambda: signed(nip=None), "'nip' claim is not a NIP"),
    "nip too short": Row(lambda: signed(nip="19870312201001100"), "'nip' claim is not a NIP"),
    "nip with a letter": Row(lambda: signed(nip="19870312201001100X"), "'nip' claim is not a NIP"),
    "nip as a number": Row(lambda: signed(nip=int(NIP)), "'nip' claim is not a NIP"),
    "nip in another claim": Row(
        lambda: signed(nip=None, employee_id=NIP),
        rules={"nip_claim": "employee_id"},
        caller=Caller(NIP, frozenset(), f"dev-{NIP}"),
    ),
    "nip in a nested claim": Row(
        lambda: signed(nip=None, asn={"nip": NIP}),
        rules={"nip_claim": "asn.nip"},
        caller=Caller(NIP, frozenset(), f"dev-{NIP}"),
    ),
    "roles as a list": Row(
        lambda: signed(roles=["unit-admin", "auditor"]),
        caller=Caller(NIP, frozenset({"unit-admin", "auditor"}), f"dev-{NIP}"),
    ),
    "roles as a space-separated string": Row(
        lambda: signed(roles="unit-admin  auditor"),
        caller=Caller(NIP, frozenset({"unit-admin", "auditor"}), f"dev-{NIP}"),
    ),
    "roles nested (realm_access.roles)": Row(
        lambda: signed(roles=None, realm_access={"roles": ["auditor", "offline_access"]}),
        rules={"roles_claim": "realm_access.roles"},
        caller=Caller(NIP, frozenset({"auditor", "offline_access"}), f"dev-{NIP}"),
    ),
    "roles claim absent where configured": Row(
        lambda: signed(roles=["auditor"]),
        rules={"roles_claim": "realm_access.roles"},
        caller=Caller(NIP, frozenset(), f"dev-{NIP}"),
    ),
    "roles of another type are none": Row(
        lambda: signed(roles={"auditor": True}),
        caller=Caller(NIP, frozenset(), f"dev-{NIP}"),
    ),
    "roles list keeps only strings": Row(
        lambda: signed(roles=["auditor", 7, None]),
        caller=Caller(NIP, frozenset({"auditor"}), f"dev-{NIP}"),
    ),
    "no sub": Row(lambda: token(NIP, sub=None), caller=Caller(NIP, frozenset(), None)),
}


def verifier_for(row: Row) -> TokenVerifier:
    rules = TokenRules(**{"issuer": ISSUER, "audience": AUDIENCE, **row.rules})
    return TokenVerifier(rules, StaticKeys(jwks(row.keys)))


@pytest.mark.parametrize("name", ROWS)
async def test_token(name: str) -> None:
    row = ROWS[name]
    verifier = verifier_for(row)
    if row.refused is None:
        caller = await verifier.verify(row.mint())
        assert caller.nip == NIP
        if row.caller is not None:
            assert caller == row.caller
    else:
        with pytest.raises(Unauthenticated) as refused:
            await verifier.verify(row.mint())
        assert row.refused in refused.value.reason


async def test_a_refusal_never_carries_the_token() -> None:
    bad = token(NIP, aud="another-application")
    with pytest.raises(Unauthenticated) as refused:
        await verifier_for(Row(lambda: bad)).verify(bad)
    assert bad not in str(refused.value) and NIP not in str(refused.value)


def test_the_caller_has_its_roles() -> None:
    caller = Caller(NIP, frozenset({Role.AUDITOR.value}), "sub-1")
    assert caller.has(Role.AUDITOR) and not caller.has(Role.UNIT_ADMIN)
    assert (Role.UNIT_ADMIN.value, Role.AUDITOR.value) == ("unit-admin", "auditor")
    assert not Caller(NIP).has(Role.AUDITOR) and Caller(NIP).subject is None


async def test_keys_published_for_encryption_do_not_verify_signatures() -> None:
    encryption = {**OTHER.public_jwk(), "use": "enc"}
    keys = StaticKeys({"keys": [*jwks([KEY])["keys"], encryption]})
    verifier = TokenVerifier(TokenRules(issuer=ISSUER, audience=AUDIENCE), keys)
    assert (await verifier.verify(token(NIP))).nip == NIP
    with pytest.raises(Unauthenticated):
        await verifier.verify(token(NIP, key=OTHER))


async def test_an_unusable_entry_of_the_key_set_is_skipped() -> None:
    unusable = {"kty": "RSA", "kid": "unusable"}  # no modulus: no key this installation can use
    keys = StaticKeys({"keys": [*jwks([KEY])["keys"], unusable]})
    verifier = TokenVerifier(TokenRules(issuer=ISSUER, audience=AUDIENCE), keys)
    assert (await verifier.verify(token(NIP))).nip == NIP
