"""The development issuer's folder (var/dev-issuer by default): its signing key and its URL.

The server publishes the public half; `asn-dev-token`, the demo and the tests sign with the
private half. A rotated key stays published (retired/) so tokens it signed still verify.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from asn_deploy.paths import VAR_DIR

from .keys import AUDIENCE, SigningKey, claims_for

DEFAULT_DIR = VAR_DIR / "dev-issuer"


@dataclass(frozen=True)
class IssuerFiles:
    folder: Path = DEFAULT_DIR

    @property
    def key_file(self) -> Path:
        return self.folder / "signing-key.pem"

    @property
    def issuer_file(self) -> Path:
        return self.folder / "issuer.json"

    def ensure_key(self) -> SigningKey:
        """The current signing key, made (and kept) at the first start."""
        if not self.key_file.exists():
            SigningKey.generate().save(self.key_file)
        return SigningKey.load(self.key_file)

    def rotate(self) -> SigningKey:
        """A new current key; the old one stays published under retired/."""
        old = self.ensure_key()
        old.save(self.folder / "retired" / f"{old.kid}.pem")
        new = SigningKey.generate()
        new.save(self.key_file)
        return new

    def published(self) -> list[SigningKey]:
        retired = sorted((self.folder / "retired").glob("*.pem"))
        return [self.ensure_key(), *(SigningKey.load(p) for p in retired)]

    def write_issuer(self, issuer: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.issuer_file.write_text(json.dumps({"issuer": issuer}) + "\n", encoding="utf-8")

    def issuer(self) -> str:
        if not self.issuer_file.exists():
            raise FileNotFoundError(
                f"{self.issuer_file} is missing: start the development issuer first "
                "(`make run` does, or `asn-dev-issuer`)"
            )
        return str(json.loads(self.issuer_file.read_text(encoding="utf-8"))["issuer"])

    def token(
        self,
        nip: str,
        roles: Iterable[str] = (),
        *,
        audience: str = AUDIENCE,
        lifetime_seconds: int = 3600,
    ) -> str:
        claims = claims_for(
            self.issuer(), nip, roles, audience=audience, lifetime_seconds=lifetime_seconds
        )
        return self.ensure_key().sign(claims)
