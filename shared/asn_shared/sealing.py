"""A complainant's contact, sealed so that it never lies in clear text on the exchange.

The audit stream keeps every event for ever and auditors replay it, but a complainant's name,
e-mail and phone are needed only by the two services that act for them: feedback (the complaint
desk) and notifications (which tells them of their complaint's progress). When our own doors
publish ComplaintReceived, the complainant's fields in `data` are left empty and the contact
travels in the CloudEvents extension attribute `sealedcontact`: Fernet (AES-128-CBC with
HMAC-SHA256, from the `cryptography` library) under a key only those two services hold.

Keys rotate: the setting is a comma-separated list, the first seals and all of them open.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from pydantic import BaseModel, Field, SecretStr, field_validator

from .envelope import CloudEvent, InvalidMessage

EXTENSION = "sealedcontact"
FIELDS = ("name", "email", "phone")


class SealError(ValueError):
    """A sealed contact that this service cannot open (wrong key, or tampered with)."""


def generate_key() -> str:
    return Fernet.generate_key().decode()


class ContactSeal:
    def __init__(self, keys: str) -> None:
        parts = [k.strip() for k in keys.split(",") if k.strip()]
        if not parts:
            raise ValueError("no contact key")
        try:
            self._fernet = MultiFernet([Fernet(k.encode()) for k in parts])
        except (ValueError, TypeError):
            raise ValueError(
                "a contact key is not a Fernet key (32 url-safe base64 bytes)"
            ) from None

    def seal(self, contact: Mapping[str, Any]) -> str:
        clear = {k: contact.get(k) for k in FIELDS if contact.get(k)}
        return self._fernet.encrypt(json.dumps(clear).encode()).decode()

    def open(self, token: str) -> dict[str, str]:
        try:
            opened = json.loads(self._fernet.decrypt(token.encode()))
        except (InvalidToken, ValueError):
            raise SealError(
                "the sealed contact cannot be opened with this service's keys"
            ) from None
        if not isinstance(opened, dict):  # sealed by `seal`, so only a forged token gets here
            raise SealError("the sealed contact is not a set of contact fields")
        return {str(field): str(value) for field, value in opened.items()}


def sealed_contact(event: CloudEvent) -> str | None:
    """The extension attribute, if the event carries one."""
    value = (event.model_extra or {}).get(EXTENSION)
    return value if isinstance(value, str) and value else None


def seal_from(keys: SecretStr | None) -> ContactSeal | None:
    """The seal for a service's `<PREFIX>_CONTACT_KEY` setting; None when it is not set."""
    return ContactSeal(keys.get_secret_value()) if keys is not None else None


class ContactKeySetting(BaseModel):
    """`<PREFIX>_CONTACT_KEY` for the settings of the two services that hold the key."""

    contact_key: SecretStr | None = Field(
        default=None,
        description="Fernet key(s), comma-separated (the first seals, all open), held by feedback "
        "and notifications only: seals complainants' contact (asn_shared.sealing).",
    )

    @field_validator("contact_key")
    @classmethod
    def _usable(cls, keys: SecretStr | None) -> SecretStr | None:
        seal_from(keys)  # fail at start-up, not at the first complaint
        return keys

    @cached_property
    def contact_seal(self) -> ContactSeal | None:
        return seal_from(self.contact_key)


def open_sealed_contact(event: CloudEvent, seal: ContactSeal | None) -> dict[str, str] | None:
    """For a consumer: the event's sealed contact opened, None when it carries none.

    A seal this service cannot open (no key, another key, tampered) is InvalidMessage, so the
    event is dead-lettered with the reason and can be re-driven once the key is right.
    """
    token = sealed_contact(event)
    if token is None:
        return None
    if seal is None:
        raise InvalidMessage(f"{event.type} carries a sealed contact and no key is configured")
    try:
        return seal.open(token)
    except SealError as exc:
        raise InvalidMessage(str(exc)) from None
