"""The audit writer, broker side: every message on `asn.events`, appended to the `asn.audit`
stream in the order the exchange routed it, as `usecases/stream_copy.py` says to keep it.

The stream does not take messages straight from the exchange (agencies' complaints carry the
complainant's contact in clear): a quorum queue `asn.audit.intake` bound with `#` collects every
message, and this writer copies each one to the exchange `asn.audit.in` (the stream's only
binding) under its own routing key. The publisher's broker-validated `user_id` travels in the
header `x-asn-user-id`, since a copy is published by the writer's user.

One message at a time, acknowledged only once the broker confirmed its copy: nothing accepted is
lost, and the order is the intake's (single active consumer, so replicas take over, not share).
A crash between the confirm and the ack copies that message once more; the replay shows it twice
with the same id.
"""

from __future__ import annotations

import asyncio

import aio_pika
from aio_pika.abc import AbstractConnection, AbstractExchange, AbstractIncomingMessage

from asn_shared.audit_stream.records import ORIGINAL_USER_HEADER
from asn_shared.logging import get_logger
from asn_shared.messaging.topology import (
    AUDIT_EXCHANGE,
    AUDIT_INTAKE,
    TopologySettings,
    declare_topology,
)
from asn_shared.sealing import ContactSeal

from ..usecases.stream_copy import audit_copy
from .metrics import CONSUMING, COPIED, SEALED, WRITER_FAILURES

log = get_logger(__name__)


class AuditWriter:
    def __init__(
        self,
        amqp_url: str,
        seal: ContactSeal | None,
        *,
        settings: TopologySettings | None = None,
        retry_seconds: float = 2.0,
    ) -> None:
        self._url = amqp_url
        self._seal = seal
        self._settings = settings or TopologySettings()
        self._retry = retry_seconds
        self._connection: AbstractConnection | None = None
        self.copied = 0
        self.consuming = False  # a consumer on the intake is registered (readiness)
        self.last_error: str | None = None

    @property
    def connected(self) -> bool:
        return self._connection is not None and not self._connection.is_closed

    async def run_forever(self) -> None:
        """Copy until cancelled; a lost connection is logged and the writer connects again."""
        if self._seal is None:
            log.warning("audit.writer_without_key", consequence="complainant contact withheld")
        while True:
            try:
                await self.run()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - the writer must outlive a broker restart
                task = asyncio.current_task()
                if task is not None and task.cancelling():
                    # Cancelled while aio-pika closed the channel: it surfaces as a channel
                    # error, and retrying would keep a stopping service alive.
                    raise asyncio.CancelledError from exc
                self.last_error = type(exc).__name__
                WRITER_FAILURES.inc()
                log.error("audit.writer_failed", error=self.last_error)
                await asyncio.sleep(self._retry)

    async def run(self) -> None:
        connection = self._connection = await aio_pika.connect(self._url)
        try:
            async with connection:
                channel = await connection.channel(publisher_confirms=True)
                await channel.set_qos(prefetch_count=256)
                await declare_topology(channel, [], self._settings)
                exchange = await channel.get_exchange(AUDIT_EXCHANGE)
                intake = await channel.get_queue(AUDIT_INTAKE)
                async with intake.iterator() as messages:
                    self._consuming(True)
                    log.info("audit.writer_started")
                    async for message in messages:
                        await self._copy(exchange, message)
        finally:
            self._consuming(False)

    def _consuming(self, now: bool) -> None:
        self.consuming = now
        CONSUMING.set(1 if now else 0)

    async def _copy(self, exchange: AbstractExchange, message: AbstractIncomingMessage) -> None:
        headers = dict(message.headers or {})
        body, headers, content_type = audit_copy(
            message.body, headers, message.content_type, self._seal
        )
        if body is not message.body:
            SEALED.inc()
        headers[ORIGINAL_USER_HEADER] = message.user_id or ""
        copy = aio_pika.Message(
            body,
            headers=headers,
            content_type=content_type,
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            message_id=message.message_id,
            correlation_id=message.correlation_id,
            timestamp=message.timestamp,
            type=message.type,
        )
        await exchange.publish(copy, routing_key=message.routing_key or "", mandatory=True)
        await message.ack()
        self.copied += 1
        COPIED.inc()
