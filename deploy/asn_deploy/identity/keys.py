"""An RSA signing key as an OpenID provider publishes it: a key id and a public JWK."""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

AUDIENCE = "asn-kinerja"  # the services' default ASN_AUTH_AUDIENCE


@dataclass(frozen=True)
class SigningKey:
    private: rsa.RSAPrivateKey

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(rsa.generate_private_key(public_exponent=65537, key_size=2048))

    @classmethod
    def load(cls, path: Path) -> SigningKey:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(private, rsa.RSAPrivateKey):
            raise ValueError(f"{path} holds no RSA private key")
        return cls(private)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = self.private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.write_bytes(pem)
        path.chmod(0o600)

    def public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}

    @property
    def kid(self) -> str:
        """RFC 7638 thumbprint: SHA-256 over the required members, sorted, without spaces."""
        jwk = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        members = json.dumps(
            {k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"), sort_keys=True
        )
        digest = hashlib.sha256(members.encode()).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def sign(self, claims: Mapping[str, Any], *, kid: str | None = None) -> str:
        return jwt.encode(
            dict(claims), self.private, algorithm="RS256", headers={"kid": kid or self.kid}
        )


def jwks(keys: Iterable[SigningKey]) -> dict[str, Any]:
    return {"keys": [key.public_jwk() for key in keys]}


def claims_for(
    issuer: str,
    nip: str,
    roles: Iterable[str] = (),
    *,
    audience: str = AUDIENCE,
    lifetime_seconds: int = 3600,
    now: float | None = None,
) -> dict[str, Any]:
    """An access token's claims as the services read them (nip and roles claims by default)."""
    issued = int(time.time() if now is None else now)
    return {
        "iss": issuer,
        "aud": audience,
        "sub": f"dev-{nip}",
        "nip": nip,
        "roles": sorted(roles),
        "iat": issued,
        "nbf": issued,
        "exp": issued + lifetime_seconds,
        "jti": str(uuid.uuid4()),
    }
