"""Publishing CloudEvents with publisher confirms and persistent delivery.

The broker's channel is opened with confirms and `on_return_raises=True` (see broker.py), so a
publish returns only once RabbitMQ has taken responsibility for the message, and an unroutable
message is an error rather than silence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from faststream.rabbit import RabbitBroker

from ..envelope import STRUCTURED_CONTENT_TYPE, CloudEvent
from .topology import DEAD_LETTER_EXCHANGE, EVENTS_EXCHANGE


class EventPublisher:
    """`user_id`: the broker user we connect as, set on every message so consumers can trust who
    published it (RabbitMQ refuses a user_id that is not the connection's user)."""

    def __init__(self, broker: RabbitBroker, user_id: str | None = None) -> None:
        self._broker = broker
        self._user_id = user_id

    async def publish(self, event: CloudEvent, routing_key: str) -> None:
        await self.publish_body(
            event.to_json_bytes(),
            routing_key=routing_key,
            message_id=event.id,
            message_type=event.type,
            correlation_id=event.correlation_id,
        )

    async def publish_body(
        self,
        body: bytes,
        *,
        routing_key: str,
        message_id: str | None,
        message_type: str | None,
        correlation_id: str | None,
        exchange: str = EVENTS_EXCHANGE,
        headers: Mapping[str, Any] | None = None,
        content_type: str = STRUCTURED_CONTENT_TYPE,
    ) -> None:
        await self._broker.publish(
            body,
            exchange=exchange,
            routing_key=routing_key,
            persist=True,
            mandatory=True,
            message_id=message_id,
            message_type=message_type,
            correlation_id=correlation_id,
            content_type=content_type,
            headers=dict(headers or {}),
            user_id=self._user_id,
        )

    async def dead_letter(
        self,
        consumer: str,
        body: bytes,
        *,
        reason: str,
        original_routing_key: str | None,
        original_headers: Mapping[str, Any] | None,
        content_type: str | None,
        message_id: str | None,
    ) -> None:
        """Put a message we refuse into the consumer's dead-letter queue, with the reason."""
        headers = dict(original_headers or {})
        headers.update(
            {
                "x-dead-letter-reason": reason[:2000],
                "x-dead-letter-consumer": consumer,
                "x-original-routing-key": original_routing_key or "",
            }
        )
        await self.publish_body(
            body,
            exchange=DEAD_LETTER_EXCHANGE,
            routing_key=consumer,
            message_id=message_id,
            message_type=None,
            correlation_id=None,
            headers=headers,
            content_type=content_type or "application/octet-stream",
        )


def broker_user(amqp_url: str) -> str:
    """The user an AMQP URL logs in as (AMQP's default `guest` when it names none)."""
    return unquote(urlsplit(amqp_url).username or "") or "guest"
