"""Notifications settings: the shared ones plus SMTP, webhooks, contacts and dispatch, prefix
NOTIFICATIONS_ (see README)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PrivateAttr, SecretStr, field_validator, model_validator

from asn_shared.sealing import ContactKeySetting
from asn_shared.settings import ServiceSettings, service_config

from .adapters.contacts_file import load_unit_contacts
from .adapters.subscribers_file import load_subscribers
from .domain.contacts import UnitContacts
from .domain.webhooks import WebhookSubscriber


class NotificationsSettings(ContactKeySetting, ServiceSettings):
    model_config = service_config("NOTIFICATIONS_")

    service_name: str = "notifications"
    http_port: int = 8104

    smtp_host: str = "localhost"
    smtp_port: int = Field(default=8025, ge=1, le=65535)
    smtp_from: str = "kinerja@asn.local"
    smtp_starttls: bool = False
    # Secrets: SecretStr keeps them out of reprs and therefore out of any log line.
    smtp_username: SecretStr | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_seconds: float = Field(default=30.0, gt=0)

    max_attempts: int = Field(default=5, ge=1)
    dispatch_poll_seconds: float = Field(default=1.0, gt=0)
    dispatch_batch_size: int = Field(default=100, ge=1, le=500)
    # Mails of one batch in flight at once: SMTP round trips, not CPU, bound the dispatch rate.
    dispatch_concurrency: int = Field(default=16, ge=1, le=100)
    # A claimed row is not picked again before this; it covers a crash between claim and send.
    dispatch_lease_seconds: float = Field(default=300.0, gt=0)
    retry_base_seconds: float = Field(
        default=30.0, ge=0, description="Delay after the first failed send; doubles per attempt."
    )
    retry_max_seconds: float = Field(default=3600.0, ge=0)
    timezone: str = Field(default="Asia/Jakarta", description="Time zone of dates in mails.")

    unit_contacts_file: Path | None = Field(
        default=None,
        description="JSON: each unit's kepegawaian contacts (adapters/contacts_file.py).",
    )
    webhooks_file: Path | None = Field(
        default=None, description="JSON: agency systems subscribed by signed webhook."
    )
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)
    digest_hour: int = Field(
        default=16, ge=0, le=23, description="Local hour after which the daily digest goes out."
    )
    digest_poll_seconds: float = Field(default=60.0, gt=0)

    # The two files, read once when the settings are built (a bad file fails `check` and start).
    _unit_contacts: UnitContacts = PrivateAttr(default_factory=UnitContacts)
    _subscribers: tuple[WebhookSubscriber, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _lease_covers_a_pass(self) -> NotificationsSettings:
        # A claimed row must not be claimed again (by another replica) while its pass still
        # sends: the slowest pass is every round of the batch waiting out its timeout.
        rounds = -(-self.dispatch_batch_size // self.dispatch_concurrency)
        slowest = rounds * max(self.smtp_timeout_seconds, self.webhook_timeout_seconds)
        if self.dispatch_lease_seconds <= slowest:
            raise ValueError(
                f"dispatch_lease_seconds ({self.dispatch_lease_seconds:g}) must exceed the "
                f"slowest dispatch pass: {rounds} rounds of dispatch_concurrency at the SMTP or "
                f"webhook timeout, {slowest:g} s"
            )
        return self

    @model_validator(mode="after")
    def _read_files(self) -> NotificationsSettings:
        self._unit_contacts = load_unit_contacts(self.unit_contacts_file)
        self._subscribers = load_subscribers(self.webhooks_file) if self.webhooks_file else ()
        return self

    @property
    def unit_contacts(self) -> UnitContacts:
        return self._unit_contacts

    @property
    def webhook_subscribers(self) -> tuple[WebhookSubscriber, ...]:
        return self._subscribers

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("smtp_from")
    @classmethod
    def _single_line_sender(cls, value: str) -> str:
        if "@" not in value or any(c in value for c in "\r\n"):
            raise ValueError("smtp_from must be one mail address on one line")
        return value.strip()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
