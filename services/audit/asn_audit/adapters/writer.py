"""The audit writer: every message on `asn.events`, appended to the `asn.audit` stream in the order
the exchange routed it, with a complainant's contact sealed first.

The stream does not take messages straight from the exchange: agencies' complaint channels publish
`ComplaintReceived` with the complainant's name, e-mail and phone in clear (contract v1 lets
them), and the audit log is kept for a year and read by auditors. So a quorum queue
`asn.audit.intake` bound with `#` collects every message, and this writer copies each one to the
exchange `asn.audit.in` (the stream's only binding) under its own routing key, moving the contact
into the `sealedcontact` extension as our own doors do (`asn_shared/sealing.py`; the same key,
so feedback and notifications still open it when rebuilt from the log). Without a key the contact
is withheld from the copy (extension `contactwithheld`). The publisher's broker-validated
`user_id` travels in the header `x-asn-user-id`, since a copy is published by the writer's user.

One message at a time, acknowledged only once the broker confirmed its copy: nothing accepted is
lost, and the order is the intake's (single active consumer, so replicas take over, not share).
A crash between the confirm and the ack copies that message once more; the replay shows it twice
with the same id.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aio_pika
from aio_pika.abc import AbstractIncomingMessage

from ..envelope import STRUCTURED_CONTENT_TYPE, CloudEvent, InvalidMessage, parse_amqp_message
from ..logging import get_logger
from ..messaging.topology import (
    AUDIT_EXCHANGE,
    AUDIT_INTAKE,
    TopologySettings,
    declare_topology,
)
from ..sealing import EXTENSION, FIELDS, ContactSeal
from .records import ORIGINAL_USER_HEADER

log = get_logger(__name__)

WITHHELD_EXTENSION = "contactwithheld"
# Events whose data may carry a complainant's contact in clear.
SEALED_TYPES = frozenset({"ComplaintReceived"})


def audit_copy(
    body: bytes, headers: dict[str, Any], content_type: str | None, seal: ContactSeal | None
) -> tuple[bytes, dict[str, Any], str | None]:
    """The message as the stream keeps it: unchanged unless it shows a complainant's contact."""
    try:
        event = parse_amqp_message(body, headers, content_type)
    except InvalidMessage:
        return body, headers, content_type  # not an event: kept as it came, for the record
    complainant = (event.data or {}).get("complainant")
    if event.type not in SEALED_TYPES or not isinstance(complainant, dict):
        return body, headers, content_type
    contact = {k: complainant[k] for k in FIELDS if complainant.get(k)}
    if not contact:
        return body, headers, content_type
    return _sealed(event, complainant, contact, seal), _plain(headers), STRUCTURED_CONTENT_TYPE


def _sealed(
    event: CloudEvent,
    complainant: dict[str, Any],
    contact: dict[str, Any],
    seal: ContactSeal | None,
) -> bytes:
    kept = {k: v for k, v in complainant.items() if k not in FIELDS}  # the privacy choice stays
    document = event.model_dump(mode="json", exclude_none=True)
    document["data"] = {**(event.data or {}), "complainant": kept}
    if seal is not None:
        document[EXTENSION] = seal.seal(contact)
    else:
        document.pop(EXTENSION, None)
        document[WITHHELD_EXTENSION] = "true"
    return CloudEvent.model_validate(document).to_json_bytes()


def _plain(headers: dict[str, Any]) -> dict[str, Any]:
    # The copy is in structured mode: binary mode's ce- headers would contradict its body.
    return {k: v for k, v in headers.items() if not k.lower().startswith("ce-")}


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
        self.copied = 0

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
                log.error("audit.writer_failed", error=type(exc).__name__)
                await asyncio.sleep(self._retry)

    async def run(self) -> None:
        connection = await aio_pika.connect(self._url)
        async with connection:
            channel = await connection.channel(publisher_confirms=True)
            await channel.set_qos(prefetch_count=256)
            await declare_topology(channel, [], self._settings)
            exchange = await channel.get_exchange(AUDIT_EXCHANGE)
            intake = await channel.get_queue(AUDIT_INTAKE)
            log.info("audit.writer_started")
            async with intake.iterator() as messages:
                async for message in messages:
                    await self._copy(exchange, message)

    async def _copy(self, exchange: Any, message: AbstractIncomingMessage) -> None:
        headers = dict(message.headers or {})
        body, headers, content_type = audit_copy(
            message.body, headers, message.content_type, self._seal
        )
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
