"""Signing and posting one webhook delivery (Standard Webhooks), and classifying its failure.

See webhooks.py for the subscribers. Signing follows https://www.standardwebhooks.com/; the
dispatcher schedules the retries of a TransientWebhookError.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from pydantic_core import to_jsonable_python
from standardwebhooks.webhooks import Webhook

from .mailer import PermanentMailError
from .webhooks import WebhookSubscriber

BODY_TYPE = "asn.notification.v1"
USER_AGENT = "asn-kinerja-notifications"
DEFAULT_TIMEOUT_SECONDS = 10.0

# 4xx answers that mean "not now" rather than "never": timeout, conflict (the receiver is still
# busy with this webhook-id), too early, too many requests.
TRANSIENT_CLIENT_ERRORS = frozenset({408, 409, 425, 429})


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


def sign(subscriber: WebhookSubscriber, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The request headers of one delivery attempt of `body`, signed for `subscriber`.

    `msg_id` is the webhook-id (the notification id); `timestamp` is Unix seconds.
    """
    if not msg_id or any(c in msg_id for c in "\r\n"):
        raise ValueError("msg_id must be a non-empty single-line string")
    if isinstance(timestamp, bool) or not isinstance(timestamp, int):
        raise TypeError("timestamp must be an int of Unix seconds")
    signer = Webhook(subscriber.secret.get_secret_value())
    signature = signer.sign(msg_id, datetime.fromtimestamp(timestamp, UTC), body)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature,
        "content-type": "application/json",
        "user-agent": USER_AGENT,
    }


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
    data: Mapping[str, Any],
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


def _sorted_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(item) for item in value]
    return value


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


class WebhookSender:
    """Sends signed webhooks over one shared httpx.AsyncClient; close it with aclose()."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self._timeout = timeout
        self._clock = clock
        self._client = httpx.AsyncClient(
            timeout=timeout, follow_redirects=False, transport=transport
        )

    async def send(self, delivery: OutgoingWebhook) -> None:
        """POST the delivery once; return on 2xx, else raise Permanent/TransientWebhookError."""
        subscriber = delivery.subscriber
        who = f"webhook to subscriber {subscriber.id!r}"
        # Signed now, not when recorded: each attempt gets a fresh timestamp (receivers refuse
        # stale ones) and keeps the notification id as webhook-id (receivers dedupe on it).
        headers = sign(subscriber, delivery.notification_id, int(self._clock()), delivery.body)
        try:
            # stream(): only the status line and headers are read, never a large answer body.
            async with self._client.stream(
                "POST", str(subscriber.url), content=delivery.body, headers=headers
            ) as response:
                status = response.status_code
                retry_after = _retry_after(response.headers.get("retry-after"))
        except httpx.TimeoutException as exc:
            raise TransientWebhookError(
                f"{who}: no answer within {self._timeout:g}s ({type(exc).__name__})",
                subscriber_id=subscriber.id,
            ) from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise PermanentWebhookError(
                f"{who}: unusable URL ({type(exc).__name__})", subscriber_id=subscriber.id
            ) from None
        except httpx.TransportError as exc:  # connect/read/write errors, protocol errors, proxy
            raise TransientWebhookError(
                f"{who}: {type(exc).__name__}", subscriber_id=subscriber.id
            ) from None
        error = classify_status(status)
        if error is None:
            return
        message = f"{who}: HTTP {status}"
        if 300 <= status < 400:
            message += " (redirects are not followed: fix the subscriber's url)"
        if error is TransientWebhookError:
            raise TransientWebhookError(
                message, subscriber_id=subscriber.id, status_code=status, retry_after=retry_after
            )
        raise PermanentWebhookError(message, subscriber_id=subscriber.id, status_code=status)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def __aenter__(self) -> WebhookSender:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now (delta-seconds or an HTTP date), None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
