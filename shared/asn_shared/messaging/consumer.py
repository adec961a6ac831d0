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

`process_batch` does step 2 for several deliveries in one transaction (docs/architecture.md
4b), as many as take about `transaction_seconds` at the last transactions' pace (on SQLite a
transaction holds the write lock: others wait for its end). One inbox INSERT claims them all,
their handlers run in order, one outbox INSERT takes everything they emitted, and one commit
ends it (bench/README.md: statements, not commits, are what a hop pays for). If a handler fails,
the transaction is rolled back; the deliveries before it are applied together again, the one
that failed is applied by itself through `process` after the rest, and those after it form the
next transaction. So a poison message still reaches the dead-letter queue alone, and a message
is acknowledged only once what it did is committed. If the claim, the outbox write or the
commit fails, every message of the transaction is applied by itself.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..catalog import EventData, event_model
from ..envelope import CloudEvent, InvalidMessage, describe_errors, parse_amqp_message
from ..logging import event_context, get_logger
from ..metrics import EVENTS_CONSUMED, HANDLING_SECONDS
from ..persistence import inbox, outbox
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
    FAILED = "failed"  # internal: a RETRY after a pause (`_pause_if_failed`)


@dataclass(frozen=True)
class Readable:
    """A delivery read and validated: what a handler needs."""

    event: CloudEvent
    data: EventData
    route: Route


@dataclass(frozen=True)
class Refused:
    """A delivery that could not be read or validated, already dead-lettered."""

    event_type: str = "unreadable"


@dataclass
class Progress:
    """How far `_apply_in` got: the batch claimed, and the handlers that returned, in order."""

    claimed: bool = False
    applied: list[HandlerContext[Any] | None] = field(default_factory=list)


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
        transaction_seconds: float = 0.05,
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
        self._transaction_seconds = transaction_seconds
        self._seconds_per_event = 0.002  # until the first transaction says otherwise

    @property
    def handled_types(self) -> list[str]:
        return sorted(self.handlers.describe())

    async def process(self, delivery: Delivery) -> Outcome:
        """Apply one delivery in a transaction of its own."""
        [outcome] = await self.process_batch([delivery])
        return outcome

    async def process_batch(self, deliveries: Sequence[Delivery]) -> list[Outcome]:
        """Apply `deliveries` in as few transactions of about `transaction_seconds` as their
        failures allow (see the module's docstring); their outcomes, in order."""
        started = time.perf_counter()
        reads = [await self._readable(delivery) for delivery in deliveries]
        outcomes: list[Outcome | None] = [
            None if isinstance(read, Readable) else Outcome.DEAD_LETTERED for read in reads
        ]
        ready = [(i, read) for i, read in enumerate(reads) if isinstance(read, Readable)]
        applying, count = time.perf_counter(), len(ready)
        alone: list[tuple[int, Readable]] = []
        while ready:
            size = self._chunk_size()
            chunk, ready = ready[:size], ready[size:]
            alone += await self._apply_together(chunk, outcomes)
        for i, read in alone:
            with self._context(read.event):
                outcomes[i] = await self._apply(read)
        if count:  # every application timed, a lone one's too: the pace is never left stale
            self._learn(time.perf_counter() - applying, count)
        done = [o if o is not None else Outcome.RETRY for o in outcomes]
        await self._pause_if_failed(done)
        self._observe(started, list(zip(reads, done, strict=True)))
        return done

    def _chunk_size(self) -> int:
        """How many deliveries one transaction takes: about `transaction_seconds` of work, as
        the last transactions went. On SQLite a transaction holds the process's write lock, so
        a long one would keep the relay and the dispatcher waiting (bench/README.md)."""
        return max(1, int(self._transaction_seconds / self._seconds_per_event))

    def _learn(self, seconds: float, applied: int) -> None:
        self._seconds_per_event += 0.2 * (seconds / applied - self._seconds_per_event)

    async def _pause_if_failed(self, outcomes: list[Outcome]) -> None:
        """Hand a failed message back after a pause (once per batch), not at once: what failed
        (the database, a bug) is unlikely to be fixed a millisecond later."""
        if Outcome.FAILED in outcomes:
            await asyncio.sleep(self._retry_backoff)
            for i, outcome in enumerate(outcomes):
                if outcome is Outcome.FAILED:
                    outcomes[i] = Outcome.RETRY

    def _observe(self, started: float, handled: list[tuple[Readable | Refused, Outcome]]) -> None:
        share = (time.perf_counter() - started) / max(len(handled), 1)
        for read, outcome in handled:
            event_type = read.event.type if isinstance(read, Readable) else read.event_type
            HANDLING_SECONDS.labels(self.spec.name).observe(share)
            EVENTS_CONSUMED.labels(self.spec.name, event_type, outcome.value).inc()

    def _context(self, event: CloudEvent) -> Any:
        return event_context(event.id, event.type, event.correlation_id, event.subject)

    async def _readable(self, delivery: Delivery) -> Readable | Refused:
        """The delivery read and validated, or Refused once it has been dead-lettered."""
        try:
            event, route = self._read(delivery)
        except InvalidMessage as refused:
            await self._dead_letter(delivery, refused.reason)
            return Refused()
        with self._context(event):
            try:
                data = route.model.model_validate(event.data or {})
            except ValidationError as exc:
                await self._dead_letter(
                    delivery, f"{event.type} data invalid: {describe_errors(exc)}"
                )
                return Refused(event.type)
        return Readable(event, data, route)

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

    async def _apply(self, read: Readable) -> Outcome:
        """One delivery in a transaction of its own."""
        try:
            async with self._sessions() as session, session.begin():
                [context] = await self._apply_in(session, [read], Progress())
        except InvalidMessage as refused:
            # A handler may refuse an event on business grounds it cannot express in the schema.
            await self._dead_letter_event(read.event, refused.reason)
            return Outcome.DEAD_LETTERED
        except IntegrityError:
            # Two events raced for one row a constraint keeps unique (e.g. two replicas): the
            # retry sees the winner's commit. (The inbox claim itself never raises this.)
            log.warning("event.integrity_conflict_will_retry")
            return Outcome.RETRY
        except Exception:
            log.exception("event.handling_failed_will_retry")
            return Outcome.FAILED
        return self._applied(context)

    async def _apply_together(
        self, ready: list[tuple[int, Readable]], outcomes: list[Outcome | None]
    ) -> list[tuple[int, Readable]]:
        """Apply `ready` in as few transactions as its failures allow (the module's docstring);
        fill in the outcomes of those committed and return those to apply by themselves."""
        alone: list[tuple[int, Readable]] = []
        while len(ready) > 1:
            failed = await self._commit_together(ready, outcomes)
            if failed is None:
                return alone
            if failed == len(ready):  # not a handler: the claim, the outbox or the commit
                log.warning("batch.commit_failed_applying_one_by_one", size=len(ready))
                return alone + ready
            before, culprit, ready = ready[:failed], ready[failed], ready[failed + 1 :]
            if before and await self._commit_together(before, outcomes) is not None:
                alone.extend(before)  # failed again where it did not before: each by itself
            alone.append(culprit)
        return alone + ready

    async def _commit_together(
        self, ready: list[tuple[int, Readable]], outcomes: list[Outcome | None]
    ) -> int | None:
        """Apply `ready` in one transaction. None once committed (their outcomes filled in);
        else the place in `ready` of the handler that failed, or len(ready) if none did."""
        progress = Progress()
        try:
            async with self._sessions() as session, session.begin():
                await self._apply_in(session, [read for _, read in ready], progress)
        except Exception:  # rolled back; `process` will say why, message by message
            return len(progress.applied) if progress.claimed else len(ready)
        for (i, read), context in zip(ready, progress.applied, strict=True):
            with self._context(read.event):
                outcomes[i] = self._applied(context)
        return None

    async def _apply_in(
        self, session: AsyncSession, reads: list[Readable], progress: Progress
    ) -> list[HandlerContext[Any] | None]:
        """Claim `reads` in the inbox, run each new one's handler in order, then write what they
        emitted to the outbox; each one's context (None for a duplicate). `progress` says how
        far it got if something raises."""
        claimed = await inbox.claim_many(session, self.spec.name, [r.event for r in reads])
        progress.claimed = True
        for read, new in zip(reads, claimed, strict=True):
            if not new:
                progress.applied.append(None)
                continue
            context = HandlerContext(read.event, read.data, session, self._source)
            with self._context(read.event):
                # Into the service: the use case its handlers.py names for this event type.
                await read.route.handler(context)
            progress.applied.append(context)
            # Inline SQLite never suspends: let the relay's confirms and the dispatcher's mail
            # move between two events, not only between two transactions.
            await asyncio.sleep(0)
        emitted = [e for c in progress.applied if c is not None for e in c.emitted]
        await outbox.add_many(session, emitted)
        return progress.applied

    def _applied(self, context: HandlerContext[Any] | None) -> Outcome:
        """After the commit: log it and wake the relay."""
        if context is None:
            log.info("event.duplicate_skipped")
            return Outcome.DUPLICATE
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
