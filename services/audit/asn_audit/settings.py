"""Audit service settings (pydantic-settings, read once in main.py): `AMQP_URL`, the feedback
service's contact key, and the rest with the `AUDIT_` prefix (see README.md)."""

from __future__ import annotations

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings

from asn_shared.messaging.topology import AUDIT_STREAM
from asn_shared.sealing import ContactKeySetting
from asn_shared.settings import service_config

# The event services take 8101-8104 (deploy/k8s, deploy/local); 8025 is the local mail sink.
DEFAULT_HTTP_PORT = 8105


class AuditSettings(ContactKeySetting, BaseSettings):
    model_config = service_config("AUDIT_")

    amqp_url: str = Field(
        default="amqp://guest:guest@localhost:5672/",
        validation_alias=AliasChoices("AMQP_URL"),
        description="Broker URL with the vhost; its user reads asn.audit.intake and writes "
        "asn.audit.in.",
    )
    # The writer seals complainants' contact with the key feedback seals and opens them with
    # (asn_shared.sealing), so a rebuilt feedback or notifications service opens what the stream
    # holds: one secret, under the one name ops already give it.
    contact_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("FEEDBACK_CONTACT_KEY"),
        description="FEEDBACK_CONTACT_KEY: the feedback service's Fernet key(s), comma-separated "
        "(the first seals); unset: complainants' contact is withheld from the stream.",
    )
    stream: str = Field(
        default=AUDIT_STREAM,
        min_length=1,
        description="The stream `check` looks for (the topology declares asn.audit, fed through "
        "the exchange asn.audit.in).",
    )
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=DEFAULT_HTTP_PORT, ge=1, le=65535)
    log_level: str = "INFO"
    log_json: bool = True

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("log_level must be DEBUG, INFO, WARNING or ERROR")
        return level
