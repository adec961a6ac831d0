"""The consumer on the broker: deliveries gathered into batches, acknowledged after the commit.

aio-pika runs one task per delivery, up to the channel's prefetch. Each task hands its delivery
to the service's one `DeliveryBatcher` and waits. The batcher takes whatever is waiting (up to
`batch_size`) and applies it with `EventConsumer.process_batch`: one transaction instead of one
per message (docs/architecture.md 4b). Under load the batches fill by themselves; a lone message
waits for nobody. Each task then acknowledges its delivery, or hands it back on RETRY.
"""

from __future__ import annotations

import asyncio
from typing import Any

from faststream.middlewares import AckPolicy
from faststream.rabbit import RabbitBroker, RabbitQueue
from faststream.rabbit.annotations import RabbitMessage

from ..logging import get_logger
from .consumer import Delivery, EventConsumer, Outcome

log = get_logger(__name__)


class DeliveryBatcher:
    def __init__(self, consumer: EventConsumer, batch_size: int) -> None:
        self._consumer = consumer
        self._batch_size = batch_size
        self._waiting: asyncio.Queue[tuple[Delivery, asyncio.Future[Outcome]]] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None

    async def process(self, delivery: Delivery) -> Outcome:
        """Apply `delivery` with whatever else is waiting; its outcome once committed."""
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._work(), name="delivery-batcher")
        outcome: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        await self._waiting.put((delivery, outcome))
        return await outcome

    async def _work(self) -> None:
        while True:
            batch = [await self._waiting.get()]
            while len(batch) < self._batch_size and not self._waiting.empty():
                batch.append(self._waiting.get_nowait())
            outcomes = [Outcome.RETRY] * len(batch)
            try:
                outcomes = await self._consumer.process_batch([d for d, _ in batch])
            except Exception:  # dead-lettering failed (broker trouble): hand them all back
                log.exception("event.dead_letter_failed_will_retry", size=len(batch))
            finally:  # even cancelled: no delivery may wait forever for its outcome
                for (_, future), outcome in zip(batch, outcomes, strict=True):
                    if not future.done():
                        future.set_result(outcome)

    async def close(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            await asyncio.gather(self._worker, return_exceptions=True)


def attach(consumer: EventConsumer, broker: RabbitBroker, batch_size: int) -> DeliveryBatcher:
    """Subscribe to the consumer's queue (declared beforehand by `declare_topology`)."""
    batcher = DeliveryBatcher(consumer, batch_size)

    @broker.subscriber(
        RabbitQueue(consumer.spec.queue, declare=False),
        ack_policy=AckPolicy.MANUAL,
        # Leave the body as bytes: FastStream would otherwise parse JSON before our code runs,
        # and a message that is not JSON would never reach the dead-letter path.
        decoder=_raw_body,
        title=consumer.spec.name,
        description="Handles: " + ", ".join(consumer.handled_types),
    )
    async def on_message(message: RabbitMessage) -> None:
        raw = message.raw_message
        delivery = Delivery(
            body=raw.body,
            headers=raw.headers or {},
            content_type=raw.content_type,
            routing_key=raw.routing_key,
            message_id=raw.message_id,
            redelivered=bool(raw.redelivered),
            user_id=raw.user_id,
        )
        if await batcher.process(delivery) is Outcome.RETRY:
            await message.nack(requeue=True)
        else:
            await message.ack()

    return batcher


async def _raw_body(message: Any) -> bytes:
    return bytes(message.body)
