"""What the dispatcher sends and how a failed attempt is judged, for mail and webhook alike.

A failure is permanent (retrying cannot help: the row becomes FAILED at once) or transient (tried
again after `retry_delay`, and never sooner than a receiver's Retry-After). Error texts leave the
service (the delivery log, NotificationFailed), so they never carry an address, a secret, a URL
or a webhook body. The signing and posting live in adapters/webhook_sender.py, the SMTP session
in adapters/mailer.py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic_core import to_jsonable_python

from .text import scrub
from .webhooks import WebhookSubscriber

BODY_TYPE = "asn.notification.v1"

# 4xx answers that mean "not now" rather than "never": timeout, conflict (the receiver is still
# busy with this webhook-id), too early, too many requests.
TRANSIENT_CLIENT_ERRORS = frozenset({408, 409, 425, 429})


@dataclass(frozen=True)
class OutgoingMail:
    notification_id: str
    to: str
    subject: str
    body: str

    def __repr__(self) -> str:  # a stray log of the object must not leak the address
        return f"OutgoingMail(notification_id={self.notification_id!r})"


@dataclass(frozen=True)
class OutgoingWebhook:
    notification_id: str
    subscriber: WebhookSubscriber
    body: bytes

    def __repr__(self) -> str:  # a stray log of the object must not show the body or the URL
        return (
            f"OutgoingWebhook(notification_id={self.notification_id!r},"
            f" subscriber={self.subscriber.id!r})"
        )


class PermanentMailError(Exception):
    """Retrying cannot help (the address is malformed or the server refuses it for good)."""


class WebhookError(Exception):
    """A failed webhook delivery attempt; the message names the subscriber, never the secret."""

    permanent: bool

    def __init__(self, message: str, *, subscriber_id: str, status_code: int | None = None):
        super().__init__(message)
        self.subscriber_id = subscriber_id
        self.status_code = status_code


class PermanentWebhookError(WebhookError):
    """Retrying cannot help: the receiver refused the delivery for good (4xx, 410, 3xx)."""

    permanent = True


class TransientWebhookError(WebhookError):
    """Worth another attempt later: 5xx, 408/409/425/429, a timeout or a connection error."""

    permanent = False

    def __init__(
        self,
        message: str,
        *,
        subscriber_id: str,
        status_code: int | None = None,
        retry_after: float | None = None,
    ):
        super().__init__(message, subscriber_id=subscriber_id, status_code=status_code)
        # The receiver's Retry-After in seconds, when it gave one; the dispatcher may honour it.
        self.retry_after = retry_after


def is_permanent(exc: BaseException) -> bool:
    """Whether a send failure of either channel is final: PermanentMailError or
    PermanentWebhookError."""
    return isinstance(exc, PermanentMailError | PermanentWebhookError)


def classify_status(status_code: int) -> type[WebhookError] | None:
    """None for success (2xx), else the error class for an answer with this status code."""
    if 200 <= status_code < 300:
        return None
    if status_code in TRANSIENT_CLIENT_ERRORS or status_code >= 500:
        return TransientWebhookError
    # 4xx: refused for good (401/403: wrong secret or not allowed, 404/410: gone, 413, 422...).
    # 3xx: redirects are not followed, the subscriber's URL needs fixing.
    if 300 <= status_code < 500:
        return PermanentWebhookError
    return TransientWebhookError  # 1xx as a final answer or nonsense: not a clear refusal


def retry_delay(attempts: int, base_seconds: float, max_seconds: float) -> float:
    """Exponential backoff after the `attempts`-th failed send."""
    # typeshed types int ** int as Any (a negative exponent gives a float); here it is >= 0.
    doubling: int = 2 ** max(attempts - 1, 0)
    return min(base_seconds * doubling, max_seconds)


@dataclass(frozen=True)
class RetryPolicy:
    """When a failed send is tried again, and when the dispatcher gives up on it."""

    max_attempts: int
    base_seconds: float
    max_seconds: float

    def gives_up(self, attempts: int, exc: BaseException) -> bool:
        """After the `attempts`-th failed send with `exc`: final, or worth another attempt?"""
        return is_permanent(exc) or attempts >= self.max_attempts

    def delay(self, attempts: int, asked: float | None = None) -> float:
        """Seconds before the next attempt; a receiver that said when to come back
        (Retry-After, `asked`) is not asked sooner, within max_seconds."""
        backoff = retry_delay(attempts, self.base_seconds, self.max_seconds)
        return max(backoff, min(asked or 0.0, self.max_seconds))


def describe_error(exc: BaseException, *secrets: str | None) -> str:
    """A short reason for the row, the API and NotificationFailed: never the address itself."""
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return scrub(text, *secrets)[:500]


def webhook_body(
    *,
    notification_id: str,
    template: str,
    recipient_role: str,
    recipient_nip: str | None,
    event_id: str,
    event_type: str,
    event_time: datetime | str,
    subject: str | None,
    data: Mapping[str, object],
) -> bytes:
    """The JSON body of a notification webhook: compact UTF-8, keys in a fixed order.

    `data` is the trigger event's `data` (parsed JSON or model_dump() values); its keys are
    sorted at every level, so equal data always gives the same bytes (and signature).
    """
    if isinstance(event_time, datetime):
        if event_time.tzinfo is None:
            raise ValueError("event_time must be timezone-aware")
        event_time = event_time.astimezone(UTC)
    document = {
        "type": BODY_TYPE,
        "notification_id": notification_id,
        "template": template,
        "recipient": {"role": str(recipient_role), "nip": recipient_nip},
        "event": {
            "id": event_id,
            "type": event_type,
            # Serialised the way the CloudEvent itself is (pydantic's JSON mode).
            "time": to_jsonable_python(event_time),
            "subject": subject,
            "data": _sorted_keys(to_jsonable_python(dict(data))),
        },
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
        "utf-8"
    )


def _sorted_keys(value: object) -> object:
    if isinstance(value, dict):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(item) for item in value]
    return value
