"""Consuming CloudEvents: validate, apply once in one transaction, then acknowledge.

For every delivery (docs/architecture.md section 4):

1. Read the envelope (structured or binary) and validate `data` against the catalog model. A
   message that is not JSON, fails the schema or has a type this consumer does not handle is
   copied to the consumer's dead-letter queue with the reason, then acknowledged: never retried
   forever, never blocking the queue.
2. In one database transaction: claim (source, id) in the inbox (a duplicate is skipped), run the
   handler, write the events it emits to the outbox. Commit, then acknowledge.
3. Any other failure (database down, a bug) hands the message back after a pause; the quorum
   queue's delivery limit dead-letters it natively if it keeps failing, so nothing is lost.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from faststream.middlewares import AckPolicy
from faststream.rabbit import RabbitBroker, RabbitQueue
from faststream.rabbit.annotations import RabbitMessage
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError

from ..catalog import EventData, event_model
from ..envelope import CloudEvent, InvalidMessage, describe_errors, parse_amqp_message
from ..logging import event_context, get_logger
from ..metrics import EVENTS_CONSUMED, HANDLING_SECONDS
from ..persistence import inbox
from ..persistence.engine import Sessions
from .agencies import AgencyAllowlist
from .authority import authority_problem
from .handling import Handler, HandlerContext, HandlerTable, Route
from .publisher import EventPublisher
from .topology import ConsumerSpec

log = get_logger(__name__)

__all__ = ["Delivery", "EventConsumer", "Handler", "HandlerContext", "Outcome"]


class Outcome(Enum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    DEAD_LETTERED = "dead_lettered"
    RETRY = "retry"


@dataclass
class Delivery:
    """The parts of an AMQP delivery the consumer looks at."""

    body: bytes
    headers: Mapping[str, Any]
    content_type: str | None
    routing_key: str | None
    message_id: str | None
    redelivered: bool = False
    user_id: str | None = None


class EventConsumer:
    def __init__(
        self,
        spec: ConsumerSpec,
        handlers: Mapping[type[EventData], Handler[Any]],
        sessions: Sessions,
        publisher: EventPublisher,
        *,
        source: str,
        on_commit: Callable[[], None] = lambda: None,
        retry_backoff_seconds: float = 1.0,
        agency_allowlist: AgencyAllowlist | None = None,
    ) -> None:
        self.spec = spec
        # The service's handlers.py table: event type -> (model, handler); see handling.py.
        self.handlers = HandlerTable.of(handlers)
        self._sessions = sessions
        self._publisher = publisher
        self._source = source
        self._on_commit = on_commit
        self._retry_backoff = retry_backoff_seconds
        # None: agency identity by naming convention only (authority.py); set by ops via
        # ASN_AGENCY_ALLOWLIST_FILE, read once with the settings.
        self._agency_allowlist = agency_allowlist

    @property
    def handled_types(self) -> list[str]:
        return sorted(self.handlers.describe())

    async def process(self, delivery: Delivery) -> Outcome:
        started = time.perf_counter()
        outcome, event_type = await self._process(delivery)
        HANDLING_SECONDS.labels(self.spec.name).observe(time.perf_counter() - started)
        EVENTS_CONSUMED.labels(self.spec.name, event_type, outcome.value).inc()
        return outcome

    async def _process(self, delivery: Delivery) -> tuple[Outcome, str]:
        try:
            event, route = self._read(delivery)
        except InvalidMessage as refused:
            await self._dead_letter(delivery, refused.reason)
            return Outcome.DEAD_LETTERED, "unreadable"
        with event_context(event.id, event.type, event.correlation_id, event.subject):
            try:
                data = route.model.model_validate(event.data or {})
            except ValidationError as exc:
                await self._dead_letter(
                    delivery, f"{event.type} data invalid: {describe_errors(exc)}"
                )
                return Outcome.DEAD_LETTERED, event.type
            return await self._apply(event, data, route), event.type

    def _read(self, delivery: Delivery) -> tuple[CloudEvent, Route]:
        event = parse_amqp_message(delivery.body, delivery.headers, delivery.content_type)
        route = self.handlers.route(event.type)
        if route is None:
            if event_model(event.type) is None:
                raise InvalidMessage(f"unknown event type {event.type!r}")
            raise InvalidMessage(f"{self.spec.name} does not handle {event.type!r}")
        model = route.model
        refused = authority_problem(self._agency_allowlist, delivery.user_id, event.source, model)
        if refused:
            raise InvalidMessage(refused)
        if delivery.routing_key and delivery.routing_key != model.routing_key():
            raise InvalidMessage(
                f"type {event.type!r} arrived with routing key {delivery.routing_key!r}, "
                f"expected {model.routing_key()!r}"
            )
        return event, route

    async def _apply(self, event: CloudEvent, data: EventData, route: Route) -> Outcome:
        try:
            async with self._sessions() as session, session.begin():
                if not await inbox.claim(
                    session, self.spec.name, event.source, event.id, event.type
                ):
                    log.info("event.duplicate_skipped")
                    return Outcome.DUPLICATE
                context = HandlerContext(event, data, session, self._source)
                # Into the service: the use case its handlers.py names for this event type.
                await route.handler(context)
        except InvalidMessage as refused:
            # A handler may refuse an event on business grounds it cannot express in the schema.
            await self._dead_letter_event(event, refused.reason)
            return Outcome.DEAD_LETTERED
        except IntegrityError:
            # Usually two deliveries of one event raced past the inbox check (the retry finds the
            # claim); or two events raced for one row a constraint keeps unique (the retry sees
            # the winner's commit). Either way a retry is right.
            log.warning("event.integrity_conflict_will_retry")
            return Outcome.RETRY
        except Exception:
            log.exception("event.handling_failed_will_retry")
            await asyncio.sleep(self._retry_backoff)
            return Outcome.RETRY
        log.info("event.applied", emitted=[e.type for e in context.emitted])
        if context.emitted:
            self._on_commit()
        return Outcome.APPLIED

    async def _dead_letter_event(self, event: CloudEvent, reason: str) -> None:
        model = event_model(event.type)
        await self._dead_letter(
            Delivery(
                body=event.to_json_bytes(),
                headers={},
                content_type="application/cloudevents+json",
                routing_key=model.routing_key() if model else None,
                message_id=event.id,
            ),
            reason,
        )

    async def _dead_letter(self, delivery: Delivery, reason: str) -> None:
        log.warning("event.dead_lettered", reason=reason, message_id=delivery.message_id)
        await self._publisher.dead_letter(
            self.spec.name,
            delivery.body,
            reason=reason,
            original_routing_key=delivery.routing_key,
            original_headers=delivery.headers,
            content_type=delivery.content_type,
            message_id=delivery.message_id,
        )

    def attach(self, broker: RabbitBroker) -> None:
        """Subscribe to the consumer's queue (declared beforehand by `declare_topology`)."""

        @broker.subscriber(
            RabbitQueue(self.spec.queue, declare=False),
            ack_policy=AckPolicy.MANUAL,
            # Leave the body as bytes: FastStream would otherwise parse JSON before our code runs,
            # and a message that is not JSON would never reach the dead-letter path.
            decoder=_raw_body,
            title=self.spec.name,
            description="Handles: " + ", ".join(self.handled_types),
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
            try:
                outcome = await self.process(delivery)
            except Exception:
                # Dead-lettering itself failed (broker trouble): hand the message back.
                log.exception("event.dead_letter_failed_will_retry")
                outcome = Outcome.RETRY
            if outcome is Outcome.RETRY:
                await message.nack(requeue=True)
            else:
                await message.ack()


async def _raw_body(message: Any) -> bytes:
    return bytes(message.body)
