"""A real OpenID Connect provider as a process: oidc-provider (tests/e2e/oidc/provider.mjs) on
this machine's Node.js, over https with a certificate authority made here.

    certs = ProviderCertificates.make(folder)                # ca.pem, server.pem, server.key
    provider = OidcProvider(folder, port, clients=[Client(...)], resources={...}, certs=certs)
    provider.start([key])                                # signs with key, publishes it
    provider.token("client-id", "urn:asn-kinerja")       # client credentials, over HTTP
    provider.restart([new_key, key])                     # rotation: the first key signs
    provider.stop()

The packages come from `make oidc-provider` (tests/e2e/oidc/install.sh, `npm ci`);
`installation_problem()` says what is missing.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import json
import shutil
import ssl
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from jwt.algorithms import RSAAlgorithm

from asn_deploy.identity.keys import SigningKey

OIDC_DIR = Path(__file__).resolve().parent / "oidc"
PROVIDER_SCRIPT = OIDC_DIR / "provider.mjs"
INSTALL_STAMP = OIDC_DIR / "node_modules" / ".asn-lock-sha256"
START_TIMEOUT_SECONDS = 20.0


def installation_problem() -> str | None:
    """Why the provider cannot run here (no node, packages not installed or out of date)."""
    if shutil.which("node") is None:
        return "node is not installed (Node.js >= 18.12; Debian: apt-get install nodejs npm)"
    wanted = hashlib.sha256((OIDC_DIR / "package-lock.json").read_bytes()).hexdigest()
    if not INSTALL_STAMP.exists() or INSTALL_STAMP.read_text().strip() != wanted:
        return (
            "the provider's packages are not installed or out of date: run `make oidc-provider` "
            "(tests/e2e/oidc/install.sh: npm ci in tests/e2e/oidc)"
        )
    return None


# ------------------------------------------------------------------------------------------------
# TLS: a certificate authority of the test, and the provider's certificate for 127.0.0.1
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderCertificates:
    ca: Path  # give it to clients: SSL_CERT_FILE for the service, verify= for the test
    cert: Path
    key: Path

    @classmethod
    def make(cls, folder: Path, host: str = "127.0.0.1") -> ProviderCertificates:
        folder.mkdir(parents=True, exist_ok=True)
        now = datetime.datetime.now(datetime.UTC)
        valid = (now - datetime.timedelta(minutes=5), now + datetime.timedelta(days=1))

        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "asn-kinerja e2e test CA")])
        ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
        ca_cert = (
            x509.CertificateBuilder()
            .subject_name(ca_name)
            .issuer_name(ca_name)
            .public_key(ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(valid[0])
            .not_valid_after(valid[1])
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(ca_ski, critical=False)
            .sign(ca_key, hashes.SHA256())
        )

        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(valid[0])
            .not_valid_after(valid[1])
            .add_extension(
                x509.SubjectAlternativeName(
                    [x509.IPAddress(ipaddress.ip_address(host)), x509.DNSName("localhost")]
                ),
                critical=False,
            )
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=True,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
                critical=False,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )

        made = cls(ca=folder / "ca.pem", cert=folder / "server.pem", key=folder / "server.key")
        made.ca.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
        made.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        made.key.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        made.key.chmod(0o600)
        return made

    def client_context(self) -> ssl.SSLContext:
        """What a client trusting only this authority verifies the provider with."""
        return ssl.create_default_context(cafile=str(self.ca))


# ------------------------------------------------------------------------------------------------
# the provider
# ------------------------------------------------------------------------------------------------


def private_jwk(key: SigningKey) -> dict[str, Any]:
    """The key as oidc-provider takes it: a private JWK with the provider's `kid`.

    PyJWT writes `key_ops: ["sign"]`; oidc-provider looks the signing key up as one that may
    `verify`, so a key restricted to `sign` would never be picked: left out."""
    jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(key.private))
    jwk.pop("key_ops", None)
    return {**jwk, "kid": key.kid, "use": "sig", "alg": "RS256"}


@dataclass(frozen=True)
class Client:
    """A confidential client of the provider acting for one person: the agency's portal as it
    gets tokens for that person (the client credentials grant: no browser in a test)."""

    client_id: str
    client_secret: str
    nip: str
    roles: Sequence[str] = ()


@dataclass
class OidcProvider:
    folder: Path
    port: int
    clients: Sequence[Client]
    # resource indicator -> {"audience": ..., "ttl": seconds}: what the token is for
    resources: Mapping[str, Mapping[str, Any]]
    certs: ProviderCertificates
    host: str = "127.0.0.1"
    keys: tuple[SigningKey, ...] = field(default=(), init=False)  # as last started
    _proc: subprocess.Popen[bytes] | None = field(default=None, init=False)
    _starts: int = field(default=0, init=False)

    @property
    def issuer(self) -> str:
        return f"https://{self.host}:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.folder / "provider.log"

    def http(self) -> httpx.Client:
        return httpx.Client(verify=self.certs.client_context(), timeout=10.0)

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self, keys: Sequence[SigningKey]) -> None:
        """Start with these keys: the first signs, all are published (jwks_uri)."""
        if self._proc is not None:
            raise RuntimeError("the provider is running; restart() it")
        self.folder.mkdir(parents=True, exist_ok=True)
        self._starts += 1
        self.keys = tuple(keys)
        jwks_file = self.folder / f"jwks-{self._starts}.json"
        jwks_file.write_text(json.dumps({"keys": [private_jwk(k) for k in keys]}))
        jwks_file.chmod(0o600)
        config_file = self.folder / "config.json"
        config_file.write_text(
            json.dumps(
                {
                    "clients": [
                        {
                            "client_id": c.client_id,
                            "client_secret": c.client_secret,
                            "nip": c.nip,
                            "roles": list(c.roles),
                        }
                        for c in self.clients
                    ],
                    "resources": {uri: dict(info) for uri, info in self.resources.items()},
                }
            )
        )
        config_file.chmod(0o600)
        node = shutil.which("node")
        assert node is not None, installation_problem()
        with open(self.log_path, "ab") as log:
            log.write(f"--- start {self._starts}: kids {[k.kid for k in keys]}\n".encode())
            log.flush()
            self._proc = subprocess.Popen(
                [
                    node,
                    str(PROVIDER_SCRIPT),
                    f"--issuer={self.issuer}",
                    f"--port={self.port}",
                    f"--host={self.host}",
                    f"--jwks={jwks_file}",
                    f"--config={config_file}",
                    f"--tls-cert={self.certs.cert}",
                    f"--tls-key={self.certs.key}",
                ],
                cwd=OIDC_DIR,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        with self.http() as http:
            while True:
                assert self._proc is not None
                if self._proc.poll() is not None:
                    raise RuntimeError(
                        f"the OpenID provider exited with {self._proc.returncode}:\n{self.log()}"
                    )
                try:
                    if http.get(self.discovery_url).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the OpenID provider did not come up:\n{self.log()}")
                time.sleep(0.1)

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def restart(self, keys: Sequence[SigningKey]) -> None:
        self.stop()
        self.start(keys)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    # -- what a client of the provider does ---------------------------------------------------

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def discovery(self) -> dict[str, Any]:
        with self.http() as http:
            return dict(http.get(self.discovery_url).raise_for_status().json())

    def published_kids(self) -> list[str]:
        with self.http() as http:
            keys = http.get(self.discovery()["jwks_uri"]).raise_for_status().json()["keys"]
        return [k["kid"] for k in keys]

    def token(self, client_id: str, resource: str) -> str:
        """An access token from the token endpoint: client credentials with a resource
        indicator (RFC 8707), the client authenticated with its secret (HTTP Basic)."""
        client = next(c for c in self.clients if c.client_id == client_id)
        with self.http() as http:
            answer = http.post(
                self.discovery()["token_endpoint"],
                data={"grant_type": "client_credentials", "resource": resource},
                auth=(client.client_id, client.client_secret),
            )
        assert answer.status_code == 200, f"token endpoint: {answer.status_code} {answer.text}"
        body = answer.json()
        assert body["token_type"] == "Bearer", body
        return str(body["access_token"])
