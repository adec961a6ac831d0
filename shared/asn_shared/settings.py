"""Settings every service honours (pydantic-settings), read once in each composition root.

`AMQP_URL`, `ASN_DATA_DIR`, `ASN_HOLIDAYS_FILE` and `ASN_AGENCY_ALLOWLIST_FILE` are shared by all
services; everything else carries the service's prefix (`ASSESSMENT_DATABASE_URL`,
`FEEDBACK_HTTP_PORT`, ...).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import AliasChoices, Field, PrivateAttr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .calendar import HolidaySource, read_holidays
from .identity.tokens import TokenRules
from .messaging.agencies import AgencyAllowlist, AllowlistError, load_agencies


class ServiceSettings(BaseSettings):
    """Base settings. Subclasses set `model_config = service_config("ASSESSMENT_")` and defaults."""

    model_config = SettingsConfigDict(extra="ignore")
    _agency_allowlist: AgencyAllowlist | None = PrivateAttr(default=None)

    service_name: str = "service"
    amqp_url: str = Field(
        default="amqp://guest:guest@localhost:5672/",
        validation_alias=AliasChoices("AMQP_URL"),
    )
    data_dir: Path = Field(default=Path("var/data"), validation_alias=AliasChoices("ASN_DATA_DIR"))
    holidays_file: Path | None = Field(
        default=None,
        validation_alias=AliasChoices("ASN_HOLIDAYS_FILE"),
        description="JSON holiday calendar for working-day deadlines (asn_shared.calendar).",
    )
    agency_allowlist_file: Path | None = Field(
        default=None,
        validation_alias=AliasChoices("ASN_AGENCY_ALLOWLIST_FILE"),
        description="Agencies allowed to publish (format of deploy/rabbitmq/agencies.json); "
        "unset: agency identity by naming convention only.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy async URL; default a SQLite file <data_dir>/<service>.db.",
    )
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8100, ge=1, le=65535)
    http_max_body_bytes: int = Field(
        default=1_000_000,
        ge=1024,
        validation_alias=AliasChoices("ASN_HTTP_MAX_BODY_BYTES"),
        description="A request body larger than this is refused with 413 (runtime/guard.py).",
    )
    log_level: str = "INFO"
    log_json: bool = True
    source: str | None = Field(
        default=None, description="CloudEvents `source` of events this service publishes."
    )
    prefetch: int = Field(
        default=200,
        ge=1,
        le=1000,
        description="Deliveries in flight on the consumer's channel: the most a batch can hold.",
    )
    consumer_batch_size: int = Field(
        default=100,
        ge=1,
        le=1000,
        description="The most deliveries applied in one transaction (messaging/subscription.py).",
    )
    delivery_limit: int = Field(default=10, ge=1)
    outbox_batch_size: int = Field(default=200, ge=1)
    outbox_poll_seconds: float = Field(default=1.0, gt=0)
    retry_backoff_seconds: float = Field(
        default=1.0, ge=0, description="Pause before a failed message is handed back for retry."
    )
    # Identity of HTTP callers (asn_shared.identity): the agency's OpenID Connect single sign-on.
    auth_issuer: str | None = Field(
        default=None,
        validation_alias=AliasChoices("ASN_AUTH_ISSUER"),
        description="OpenID Connect issuer URL; its keys come from "
        "<issuer>/.well-known/openid-configuration. Unset: authentication is off, which only a "
        "local development run may start with (ASN_LOCAL_DEVELOPMENT).",
    )
    auth_audience: str = Field(
        default="asn-kinerja",
        validation_alias=AliasChoices("ASN_AUTH_AUDIENCE"),
        description="The `aud` a token must name.",
    )
    auth_nip_claim: str = Field(
        default="nip",
        validation_alias=AliasChoices("ASN_AUTH_NIP_CLAIM"),
        description="The claim carrying the caller's NIP (dotted for a nested claim).",
    )
    auth_roles_claim: str = Field(
        default="roles",
        validation_alias=AliasChoices("ASN_AUTH_ROLES_CLAIM"),
        description="The claim carrying the caller's roles (e.g. `realm_access.roles`).",
    )
    auth_leeway_seconds: float = Field(
        default=30.0,
        ge=0,
        le=300,
        validation_alias=AliasChoices("ASN_AUTH_LEEWAY_SECONDS"),
        description="Clock skew allowed when checking a token's exp and nbf.",
    )
    local_development: bool = Field(
        default=False,
        validation_alias=AliasChoices("ASN_LOCAL_DEVELOPMENT"),
        description="A local development run: may start without an issuer, and with an http one.",
    )

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("log_level must be DEBUG, INFO, WARNING or ERROR")
        return level

    @field_validator("holidays_file")
    @classmethod
    def _holidays_readable(cls, value: Path | None) -> Path | None:
        if value is not None:
            try:
                read_holidays(value)
            except (OSError, ValueError) as exc:
                raise ValueError(f"cannot use {value}: {exc}") from None
        return value

    @model_validator(mode="after")
    def _issuer_over_tls(self) -> ServiceSettings:
        issuer = self.auth_issuer
        if issuer and not issuer.startswith("https://") and not self.local_development:
            raise ValueError(
                "ASN_AUTH_ISSUER must be an https URL (http only with ASN_LOCAL_DEVELOPMENT)"
            )
        return self

    @model_validator(mode="after")
    def _load_agency_allowlist(self) -> ServiceSettings:
        # Read once, here: the consumer gets this parsed copy (runtime/service.py).
        if self.agency_allowlist_file is not None:
            try:
                self._agency_allowlist = load_agencies(self.agency_allowlist_file)
            except AllowlistError as exc:
                raise ValueError(f"ASN_AGENCY_ALLOWLIST_FILE {exc}") from None
            except OSError as exc:
                raise ValueError(
                    f"ASN_AGENCY_ALLOWLIST_FILE {self.agency_allowlist_file}: cannot read it "
                    f"({exc.strerror or type(exc).__name__})"
                ) from None
        return self

    @property
    def agency_allowlist(self) -> AgencyAllowlist | None:
        """The agencies allowed to publish, or None (not configured: convention only)."""
        return self._agency_allowlist

    @property
    def token_rules(self) -> TokenRules | None:
        """How bearer tokens are checked; None when authentication is off."""
        if self.auth_issuer is None:
            return None
        return TokenRules(
            issuer=self.auth_issuer,
            audience=self.auth_audience,
            nip_claim=self.auth_nip_claim,
            roles_claim=self.auth_roles_claim,
            leeway_seconds=self.auth_leeway_seconds,
        )

    @property
    def authentication_problem(self) -> str | None:
        """Why this service may not start as configured (authentication off outside development)."""
        if self.auth_issuer is None and not self.local_development:
            return (
                "authentication is off: set ASN_AUTH_ISSUER (and ASN_AUTH_AUDIENCE) to the "
                "agency's OpenID Connect issuer, or ASN_LOCAL_DEVELOPMENT=true for a local run"
            )
        return None

    @cached_property
    def holiday_source(self) -> HolidaySource:
        return HolidaySource(self.holidays_file)

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / (self.service_name + '.db')}"

    @property
    def event_source(self) -> str:
        return self.source or f"/asn-kinerja/{self.service_name}"


def service_config(prefix: str) -> SettingsConfigDict:
    # hide_input_in_errors: a refused setting may be a secret (a key, a password in a URL), and
    # the start-up error is printed; the message names the variable, never its value.
    return SettingsConfigDict(env_prefix=prefix, extra="ignore", hide_input_in_errors=True)
