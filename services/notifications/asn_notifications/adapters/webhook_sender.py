"""Signing and posting one webhook delivery (Standard Webhooks).

See domain/webhooks.py for the subscribers and domain/delivery.py for the body and the failure
classes. Signing follows https://www.standardwebhooks.com/; the dispatcher schedules the retries
of a TransientWebhookError.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
from standardwebhooks.webhooks import Webhook

from ..domain.delivery import (
    OutgoingWebhook,
    PermanentWebhookError,
    TransientWebhookError,
    classify_status,
)
from ..domain.webhooks import WebhookSubscriber

USER_AGENT = "asn-kinerja-notifications"
DEFAULT_TIMEOUT_SECONDS = 10.0


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
