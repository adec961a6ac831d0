"""Agency systems subscribed to notifications by signed webhook: who, where, with which secret,
for which event types and units. The file they come from (NOTIFICATIONS_WEBHOOKS_FILE, read once)
is read by adapters/subscribers_file.py; the signing and sending live in
adapters/webhook_sender.py, the body and the failure classes in domain/delivery.py.

Signing follows the Standard Webhooks specification (https://www.standardwebhooks.com/):
`webhook-id` (the notification id, the same on every retry so receivers can dedupe),
`webhook-timestamp` (integer Unix seconds, fresh per attempt) and `webhook-signature`
(`v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` under the subscriber's `whsec_` secret).
Any Standard Webhooks library verifies our deliveries, e.g. in Python
`standardwebhooks.webhooks.Webhook(secret).verify(body, headers)`.

The sender only classifies a failure: PermanentWebhookError (retrying cannot help) or
TransientWebhookError (try again later); `delivery.is_permanent(exc)` answers for mail and
webhook errors alike. The dispatcher schedules the retries. A subscriber's secret never appears
in a repr, a log line or an error message, and error messages never carry the body (it holds the
trigger event's data) or the URL.
"""

from __future__ import annotations

import base64
import binascii
import difflib
import re
import secrets
from collections.abc import Mapping
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    SecretStr,
    StringConstraints,
    field_validator,
)

from asn_shared.catalog import all_events

SECRET_PREFIX = "whsec_"
MIN_SECRET_BYTES = 24

# Event types no webhook may carry, with the reason given to whoever configures one.
REFUSED_EVENT_TYPES: Mapping[str, str] = {
    "ComplaintReceived": (
        "it carries a citizen's personal data (the complainant's name, e-mail and phone and the"
        " complaint text), which must not leave the system by webhook"
    ),
}

_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
SUBSCRIBER_ID = r"^[a-z0-9-]{1,64}$"


def _valid_secret(value: str) -> str:
    """`value` if it is a Standard Webhooks secret; the errors never quote the value."""
    if not value.startswith(SECRET_PREFIX):
        raise ValueError(f"must start with {SECRET_PREFIX!r} followed by base64")
    encoded = value[len(SECRET_PREFIX) :]
    if not _BASE64.fullmatch(encoded):
        raise ValueError(f"must be {SECRET_PREFIX!r} followed by standard base64 (A-Z a-z 0-9 + /)")
    try:
        key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"the part after {SECRET_PREFIX!r} is not valid base64") from None
    if len(key) < MIN_SECRET_BYTES:
        raise ValueError(
            f"decodes to {len(key)} bytes, at least {MIN_SECRET_BYTES} are needed"
            " (generate one with asn_notifications.domain.webhooks.generate_secret())"
        )
    return value


def generate_secret(size: int = 32) -> str:
    """A fresh `whsec_` secret of `size` random bytes, to hand to a new subscriber."""
    if size < MIN_SECRET_BYTES:
        raise ValueError(f"a secret needs at least {MIN_SECRET_BYTES} bytes")
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(size)).decode("ascii")


def known_event_types() -> frozenset[str]:
    """Every event type name of the catalog (any version)."""
    return frozenset(model.event_type for model in all_events())


class WebhookSubscriber(BaseModel):
    """An agency system that receives notifications by signed webhook."""

    # hide_input_in_errors: a ValidationError would otherwise quote the raw secret string.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    id: Annotated[str, StringConstraints(pattern=SUBSCRIBER_ID)] = Field(
        description="Short slug: lowercase letters, digits and '-', at most 64 characters."
    )
    url: HttpUrl
    # SecretStr: the value shows as '**********' in reprs, dumps and validation errors.
    secret: SecretStr = Field(description="whsec_ + base64 of at least 24 random bytes.")
    event_types: frozenset[str] = Field(
        min_length=1, description='CloudEvents type names, e.g. "SanctionImposed".'
    )
    unit_ids: frozenset[Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]] = (
        Field(default=frozenset(), description="Only events about ASN of these units; empty: all.")
    )

    @field_validator("url")
    @classmethod
    def _no_credentials_in_url(cls, value: HttpUrl) -> HttpUrl:
        # A user:password in the URL would show in every repr and log of the subscriber.
        if value.username or value.password:
            raise ValueError("must not carry user:password; the signature authenticates us")
        return value

    @field_validator("secret")
    @classmethod
    def _standard_webhooks_secret(cls, value: SecretStr) -> SecretStr:
        _valid_secret(value.get_secret_value())
        return value

    @field_validator("event_types")
    @classmethod
    def _catalog_event_types(cls, value: frozenset[str]) -> frozenset[str]:
        known = known_event_types()
        for name in sorted(value):
            if name in REFUSED_EVENT_TYPES:
                raise ValueError(
                    f"{name} cannot be delivered by webhook: {REFUSED_EVENT_TYPES[name]}"
                )
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(f"unknown event type {name!r}{hint}: not in the event catalog")
        return value

    def accepts(self, event_type: str, unit_id: str | None) -> bool:
        """Whether an event of `event_type` about an ASN of `unit_id` goes to this subscriber.

        With unit_ids set, an event whose unit is unknown (None) is not sent: fail closed.
        """
        if event_type not in self.event_types:
            return False
        return not self.unit_ids or unit_id in self.unit_ids
