"""The broker topology (docs/architecture.md section 3), as data and as declarations.

- `asn.events`: durable topic exchange for every integration event.
- `asn.dead-letter`: direct exchange; each consumer's dead-letter queue is bound to it with the
  consumer's name as routing key.
- per consumer: a durable quorum queue named after the consumer, bound to the routing keys it
  needs, with a delivery limit for poison messages and at-least-once dead-lettering (which on
  RabbitMQ 3.10 needs `x-overflow: reject-publish`, or it silently falls back to at-most-once).
- `asn.audit.intake`: a quorum queue bound with `#` (single active consumer), read by the audit
  writer (the audit service, `audit-service run` in services/audit/), which copies every message,
  complainants' contact sealed, to
- `asn.audit.in`: a topic exchange whose only binding (`#`) is
- `asn.audit`: the stream that keeps every event for auditors to replay. It is not bound to
  `asn.events` (it was until 2026-12: declaring the topology removes that binding).

The same data renders RabbitMQ definitions for ops (`deploy/rabbitmq/definitions.json`); a test
keeps the two in sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

EVENTS_EXCHANGE = "asn.events"
DEAD_LETTER_EXCHANGE = "asn.dead-letter"
AUDIT_STREAM = "asn.audit"
AUDIT_INTAKE = "asn.audit.intake"
AUDIT_EXCHANGE = "asn.audit.in"
AUDIT_INTAKE_ARGUMENTS = {"x-queue-type": "quorum", "x-single-active-consumer": True}


@dataclass(frozen=True)
class TopologySettings:
    delivery_limit: int = 10
    audit_max_age: str = "365D"
    audit_max_length_bytes: int = 20 * 1024**3


@dataclass(frozen=True)
class ConsumerSpec:
    """One consumer's queue, the routing keys bound to it, and those it applies only in a
    rebuild.

    `replayed_keys` are the service's own outcomes (e.g. NotificationSent): live they were
    applied when written, so they are not bound (their echo would cost a delivery each, most of
    the notifications hop: bench/README.md); a rebuild reads them from the audit stream and
    applies them in their place (asn_shared.runtime.rebuild).
    """

    name: str
    routing_keys: tuple[str, ...]
    replayed_keys: tuple[str, ...] = ()

    @property
    def applied_keys(self) -> tuple[str, ...]:
        """Every routing key the service's handlers apply: bound live, or replayed."""
        return self.routing_keys + self.replayed_keys

    @property
    def queue(self) -> str:
        return self.name

    @property
    def dead_letter_queue(self) -> str:
        return f"{self.name}.dlq"

    def queue_arguments(self, settings: TopologySettings) -> dict[str, Any]:
        return {
            "x-queue-type": "quorum",
            "x-delivery-limit": settings.delivery_limit,
            "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE,
            "x-dead-letter-routing-key": self.name,
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        }

    @staticmethod
    def dead_letter_queue_arguments() -> dict[str, Any]:
        return {"x-queue-type": "quorum"}


def audit_stream_arguments(settings: TopologySettings) -> dict[str, Any]:
    return {
        "x-queue-type": "stream",
        "x-max-age": settings.audit_max_age,
        "x-max-length-bytes": settings.audit_max_length_bytes,
    }


async def declare_topology(
    channel: Any, consumers: list[ConsumerSpec], settings: TopologySettings
) -> None:
    """Declare exchanges, the audit stream and the given consumers' queues on an aio-pika channel.

    Idempotent: every service declares the shared part too, so any one can start first.
    """
    import aio_pika

    events = await channel.declare_exchange(
        EVENTS_EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True
    )
    dead_letters = await channel.declare_exchange(
        DEAD_LETTER_EXCHANGE, aio_pika.ExchangeType.DIRECT, durable=True
    )
    audit_in = await channel.declare_exchange(
        AUDIT_EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True
    )
    audit = await channel.declare_queue(
        AUDIT_STREAM, durable=True, arguments=audit_stream_arguments(settings)
    )
    await audit.bind(audit_in, routing_key="#")
    await audit.unbind(events, routing_key="#")  # the old direct binding bypassed the sealing
    intake = await channel.declare_queue(
        AUDIT_INTAKE, durable=True, arguments=AUDIT_INTAKE_ARGUMENTS
    )
    await intake.bind(events, routing_key="#")
    for consumer in consumers:
        dlq = await channel.declare_queue(
            consumer.dead_letter_queue,
            durable=True,
            arguments=consumer.dead_letter_queue_arguments(),
        )
        await dlq.bind(dead_letters, routing_key=consumer.name)
        queue = await channel.declare_queue(
            consumer.queue, durable=True, arguments=consumer.queue_arguments(settings)
        )
        for key in consumer.routing_keys:
            await queue.bind(events, routing_key=key)


def rabbitmq_definitions(
    consumers: list[ConsumerSpec], settings: TopologySettings, vhost: str = "/"
) -> dict[str, Any]:
    """The topology as a RabbitMQ definitions document (the part ops load with `import`)."""
    queues = [
        {
            "name": AUDIT_STREAM,
            "vhost": vhost,
            "durable": True,
            "auto_delete": False,
            "arguments": audit_stream_arguments(settings),
        },
        {
            "name": AUDIT_INTAKE,
            "vhost": vhost,
            "durable": True,
            "auto_delete": False,
            "arguments": AUDIT_INTAKE_ARGUMENTS,
        },
    ]
    bindings = [
        _binding(vhost, AUDIT_EXCHANGE, AUDIT_STREAM, "#"),
        _binding(vhost, EVENTS_EXCHANGE, AUDIT_INTAKE, "#"),
    ]
    for consumer in sorted(consumers, key=lambda c: c.name):
        queues.append(
            {
                "name": consumer.dead_letter_queue,
                "vhost": vhost,
                "durable": True,
                "auto_delete": False,
                "arguments": consumer.dead_letter_queue_arguments(),
            }
        )
        queues.append(
            {
                "name": consumer.queue,
                "vhost": vhost,
                "durable": True,
                "auto_delete": False,
                "arguments": consumer.queue_arguments(settings),
            }
        )
        bindings.append(
            _binding(vhost, DEAD_LETTER_EXCHANGE, consumer.dead_letter_queue, consumer.name)
        )
        bindings.extend(
            _binding(vhost, EVENTS_EXCHANGE, consumer.queue, key)
            for key in sorted(consumer.routing_keys)
        )
    return {
        "exchanges": [
            _exchange(vhost, EVENTS_EXCHANGE, "topic"),
            _exchange(vhost, DEAD_LETTER_EXCHANGE, "direct"),
            _exchange(vhost, AUDIT_EXCHANGE, "topic"),
        ],
        "queues": queues,
        "bindings": bindings,
    }


def _exchange(vhost: str, name: str, kind: str) -> dict[str, Any]:
    return {
        "name": name,
        "vhost": vhost,
        "type": kind,
        "durable": True,
        "auto_delete": False,
        "internal": False,
        "arguments": {},
    }


def _binding(vhost: str, source: str, queue: str, key: str) -> dict[str, Any]:
    return {
        "source": source,
        "vhost": vhost,
        "destination": queue,
        "destination_type": "queue",
        "routing_key": key,
        "arguments": {},
    }
