"""What a hop could do at best on this broker and stack: the ceilings a hop's rate is read against.

Raw publishing (persistent, confirms, windows of 500 in flight) fills a quorum queue with N
messages; three consumers of it are timed, each over N messages:

- raw consume + ack: aio-pika, prefetch 100, the message acknowledged and nothing else;
- FastStream no-op: a subscriber as the services make theirs (asn_shared create_broker, prefetch
  200, manual ack, raw body), which only acknowledges: what the framework alone costs;
- bare forward: aio-pika consume, parse the JSON body, publish one message with a confirm, ack:
  the least any hop that emits an event does, with no database, validation or outbox.

A hop is compared with all three (bench/README.md): the first is the issue's yardstick, the other
two say how much of the gap the framework and the emitted event's confirm leave to our code.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import asdict, dataclass

import aio_pika
from faststream.middlewares import AckPolicy
from faststream.rabbit import RabbitQueue
from faststream.rabbit.annotations import RabbitMessage

from asn_shared.messaging.broker import create_broker

QUEUE = "bench.ceiling"
FORWARDED = "bench.ceiling.forwarded"
SAMPLE = {
    "specversion": "1.0",
    "type": "AssessmentSubmitted",
    "source": "/agencies/ekinerja-kotabumi",
    "datacontenttype": "application/json",
    "data": {
        "nip": "198703122010011004",
        "period": "2026",
        "assessor_nip": "197501012000031002",
        "assessor_role": "SUPERVISOR",
        "rating_hasil_kerja": "SESUAI_EKSPEKTASI",
        "rating_perilaku_kerja": "SESUAI_EKSPEKTASI",
    },
}


@dataclass(frozen=True)
class Ceilings:
    messages: int
    raw_publish_per_s: float
    raw_consume_ack_per_s: float
    faststream_noop_per_s: float
    bare_forward_per_s: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


async def measure(amqp_url: str, n: int = 10_000) -> Ceilings:
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel(publisher_confirms=True)
        for name in (QUEUE, FORWARDED):
            await channel.declare_queue(name, durable=True, arguments={"x-queue-type": "quorum"})
        started = time.perf_counter()
        await _fill(channel, n)
        publish = n / (time.perf_counter() - started)
        raw = await _raw_consume_ack(connection, n)
        await _fill(channel, n)
        noop = await _faststream_noop(amqp_url, n)
        await _fill(channel, n)
        forward = await _bare_forward(connection, n)
        for name in (QUEUE, FORWARDED):
            await channel.queue_delete(name)
        return Ceilings(n, publish, raw, noop, forward)
    finally:
        await connection.close()


async def _fill(channel: aio_pika.abc.AbstractChannel, n: int, window: int = 500) -> None:
    for offset in range(0, n, window):
        await asyncio.gather(
            *(
                channel.default_exchange.publish(_message(), routing_key=QUEUE)
                for _ in range(min(window, n - offset))
            )
        )


def _message(body: dict[str, object] | None = None) -> aio_pika.Message:
    event = dict(body or SAMPLE, id=str(uuid.uuid4()))
    return aio_pika.Message(
        json.dumps(event).encode(),
        content_type="application/cloudevents+json",
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        message_id=str(event["id"]),
    )


async def _timed_consume(
    connection: aio_pika.abc.AbstractConnection, n: int, forward: bool
) -> float:
    channel = await connection.channel()
    await channel.set_qos(prefetch_count=100 if not forward else 200)
    publisher = await connection.channel(publisher_confirms=True)
    queue = await channel.get_queue(QUEUE)
    done = asyncio.Event()
    count = 0

    async def on_message(incoming: aio_pika.abc.AbstractIncomingMessage) -> None:
        nonlocal count
        if forward:
            await publisher.default_exchange.publish(
                _message(json.loads(incoming.body)), routing_key=FORWARDED
            )
        await incoming.ack()
        count += 1
        if count >= n:
            done.set()

    started = time.perf_counter()
    tag = await queue.consume(on_message)
    await asyncio.wait_for(done.wait(), timeout=max(60.0, n / 100))
    elapsed = time.perf_counter() - started
    await queue.cancel(tag)
    await channel.close()
    await publisher.close()
    return n / elapsed


async def _raw_consume_ack(connection: aio_pika.abc.AbstractConnection, n: int) -> float:
    return await _timed_consume(connection, n, forward=False)


async def _bare_forward(connection: aio_pika.abc.AbstractConnection, n: int) -> float:
    return await _timed_consume(connection, n, forward=True)


async def _faststream_noop(amqp_url: str, n: int) -> float:
    broker = create_broker(amqp_url, app_id="bench", prefetch=200)
    done = asyncio.Event()
    count = 0

    async def raw_body(message: object) -> bytes:
        return bytes(message.body)  # type: ignore[attr-defined]

    @broker.subscriber(
        RabbitQueue(QUEUE, declare=False), ack_policy=AckPolicy.MANUAL, decoder=raw_body
    )
    async def on_message(message: RabbitMessage) -> None:
        nonlocal count
        await message.ack()
        count += 1
        if count >= n:
            done.set()

    started = time.perf_counter()
    await broker.start()
    try:
        await asyncio.wait_for(done.wait(), timeout=max(60.0, n / 100))
        return n / (time.perf_counter() - started)
    finally:
        await broker.stop()


if __name__ == "__main__":
    import os
    import sys

    url = os.environ.get("AMQP_URL", "amqp://guest:guest@localhost:5672/")
    result = asyncio.run(measure(url, int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
    for name, value in result.as_dict().items():
        print(f"{name:<26}{value:>10,.0f}")
