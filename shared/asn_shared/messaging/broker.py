"""The RabbitMQ connection as every service opens it (docs/architecture.md section 8)."""

from __future__ import annotations

from faststream.rabbit import Channel, RabbitBroker


def create_broker(amqp_url: str, *, app_id: str, prefetch: int) -> RabbitBroker:
    """A broker whose default channel has a prefetch, confirms, and raises on returns.

    The prefetch must sit on the default channel: a queue declared earlier on it makes a
    subscriber's own channel settings silently ignored.
    """
    return RabbitBroker(
        amqp_url,
        app_id=app_id,
        default_channel=Channel(
            prefetch_count=prefetch, publisher_confirms=True, on_return_raises=True
        ),
        logger=None,
        reconnect_interval=2.0,
    )
