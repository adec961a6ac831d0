"""Several deliveries in one transaction (EventConsumer.process_batch), on SQLite and
PostgreSQL: each message keeps the guarantees it has alone. A poison message is dead-lettered by
itself, a failing one is handed back by itself, a duplicate is skipped, and the others commit."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

import asn_assessment
from asn_assessment.handlers import build_handlers
from asn_assessment.settings import AssessmentSettings, Publication
from asn_assessment.subscriptions import CONSUMER
from asn_shared.catalog.agency_events import AssessmentSubmitted
from asn_shared.envelope import InvalidMessage
from asn_shared.messaging.consumer import EventConsumer, HandlerContext, Outcome
from asn_shared.messaging.subscription import DeliveryBatcher
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import inbox_table, outbox_table

from ..support import FakePublisher, agency_event, contract_example, delivery, migrate

MIGRATIONS = Path(asn_assessment.__file__).parent / "migrations"
HANDLERS = build_handlers(AssessmentSettings(rating_publication=Publication.SUBMISSION))
POISON, BROKEN = "199001012015011666", "199001012015011777"
STAFF = [f"19880101201001{i:04d}" for i in range(1, 9)]


@pytest.fixture
async def sessions(database_url: str):
    await migrate(MIGRATIONS, database_url)
    engine = create_engine(database_url)
    yield session_factory(engine)
    await engine.dispose()


def assessment(nip: str) -> AssessmentSubmitted:
    return AssessmentSubmitted.model_validate(dict(contract_example()["data"], nip=nip))


async def count(sessions, table) -> int:
    async with sessions() as session:
        return (await session.execute(select(func.count()).select_from(table))).scalar_one()


async def rated(sessions) -> set[str]:
    async with sessions() as session:
        rows = await session.execute(select(inbox_table.c.event_id))
        return {r.event_id for r in rows}


def consumer(sessions, publisher: FakePublisher, failures: dict[str, int]) -> EventConsumer:
    """The assessment handler, except for POISON (refused on business grounds, always) and
    BROKEN (fails as a bug would, as many times as `failures` says)."""

    async def handle(ctx: HandlerContext[AssessmentSubmitted]) -> None:
        await HANDLERS[AssessmentSubmitted](ctx)  # writes state and the outbox first
        if ctx.data.nip == POISON:
            raise InvalidMessage("no such ASN in this agency")
        if failures.get(ctx.data.nip, 0) > 0:
            failures[ctx.data.nip] -= 1
            raise RuntimeError("a bug")

    return EventConsumer(
        CONSUMER, {AssessmentSubmitted: handle}, sessions, publisher, source="/test",
        retry_backoff_seconds=0,
    )  # fmt: skip


async def test_a_batch_commits_once_and_isolates_what_fails(sessions) -> None:
    # BROKEN fails in the batch and again alone: handed back.
    publisher, failures = FakePublisher(), {BROKEN: 2}
    events = [agency_event(assessment(nip)) for nip in [*STAFF[:3], POISON, BROKEN, *STAFF[3:]]]
    batch = [delivery(e) for e in events]
    batch.insert(2, delivery(events[0]))  # a redelivery within the batch
    batch.append(delivery(events[1]).__class__(b"not json", {}, None, None, "m-1"))

    outcomes = await consumer(sessions, publisher, failures).process_batch(batch)

    assert outcomes == [
        Outcome.APPLIED, Outcome.APPLIED, Outcome.DUPLICATE, Outcome.APPLIED,
        Outcome.DEAD_LETTERED, Outcome.RETRY,
        *[Outcome.APPLIED] * len(STAFF[3:]), Outcome.DEAD_LETTERED,
    ]  # fmt: skip
    # What the poison and the broken message wrote before failing was rolled back with them.
    assert await count(sessions, outbox_table) == len(STAFF)
    assert await rated(sessions) == {e.id for e in events} - {events[3].id, events[4].id}
    reasons = [d["reason"] for d in publisher.dead_letters]  # unreadable ones go before applying
    assert reasons[0].startswith("event is not JSON") and reasons[1] == "no such ASN in this agency"
    # Handed back, the broken one is applied when it comes again (the bug "fixed").
    again = await consumer(sessions, publisher, failures).process_batch([delivery(events[4])])
    assert again == [Outcome.APPLIED]
    assert await count(sessions, outbox_table) == len(STAFF) + 1


async def test_a_message_that_fails_once_in_a_batch_is_applied_alone(sessions) -> None:
    events = [agency_event(assessment(nip)) for nip in (STAFF[0], BROKEN, STAFF[1])]
    live = consumer(sessions, FakePublisher(), {BROKEN: 1})
    assert await live.process_batch([delivery(e) for e in events]) == [Outcome.APPLIED] * 3
    assert await count(sessions, outbox_table) == 3


async def test_a_batch_whose_commit_fails_applies_each_message_alone(sessions) -> None:
    """If the one transaction cannot commit, nothing of it is kept and each message is applied
    by itself, so one message can never make the others fail."""
    commits = []

    def first_commit_fails():
        session = sessions()

        @event.listens_for(session.sync_session, "before_commit")
        def fail_once(_session) -> None:
            if _session.in_nested_transaction():
                return  # a savepoint released, not the commit
            commits.append("tried")
            if len(commits) == 1:
                raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

        return session

    live = consumer(first_commit_fails, FakePublisher(), {})
    events = [agency_event(assessment(nip)) for nip in STAFF[:4]]
    assert await live.process_batch([delivery(e) for e in events]) == [Outcome.APPLIED] * 4
    assert len(commits) == 1 + 4  # the batch's, then one each
    assert await count(sessions, outbox_table) == 4
    assert await live.process_batch([delivery(e) for e in events]) == [Outcome.DUPLICATE] * 4


async def test_the_batcher_gathers_concurrent_deliveries_into_batches(sessions) -> None:
    live = consumer(sessions, FakePublisher(), {})
    sizes: list[int] = []
    original = live.process_batch

    async def counted(deliveries):
        sizes.append(len(deliveries))
        return await original(deliveries)

    live.process_batch = counted  # type: ignore[method-assign]
    batcher = DeliveryBatcher(live, batch_size=5)
    events = [agency_event(assessment(nip)) for nip in STAFF]
    try:
        outcomes = await asyncio.gather(*(batcher.process(delivery(e)) for e in events))
    finally:
        await batcher.close()
    assert outcomes == [Outcome.APPLIED] * len(STAFF)
    assert sum(sizes) == len(STAFF) and max(sizes) == 5 and len(sizes) < len(STAFF)


async def test_the_batcher_hands_every_delivery_back_when_a_batch_fails(sessions) -> None:
    """Dead-lettering itself failed (the broker away): every delivery of the batch is handed
    back, none left waiting, and the next batch is applied."""
    live = consumer(sessions, FakePublisher(), {})
    calls = []
    original = live.process_batch

    async def broker_away_once(deliveries):
        calls.append(len(deliveries))
        if len(calls) == 1:
            raise ConnectionError("broker away while dead-lettering")
        return await original(deliveries)

    live.process_batch = broker_away_once  # type: ignore[method-assign]
    batcher = DeliveryBatcher(live, batch_size=10)
    events = [agency_event(assessment(nip)) for nip in STAFF[:3]]
    try:
        first = await asyncio.gather(*(batcher.process(delivery(e)) for e in events))
        again = await asyncio.gather(*(batcher.process(delivery(e)) for e in events))
    finally:
        await batcher.close()
    assert first == [Outcome.RETRY] * 3 and again == [Outcome.APPLIED] * 3


async def test_a_batch_is_cut_into_transactions_of_about_transaction_seconds(sessions) -> None:
    """On SQLite a transaction holds the write lock: a batch of 20 deliveries of ~10 ms each
    goes in transactions of about 50 ms, not one of 200 ms, and each delivery is applied once."""
    applied: list[str] = []

    async def ten_milliseconds(ctx: HandlerContext[AssessmentSubmitted]) -> None:
        await asyncio.sleep(0.01)
        applied.append(ctx.data.nip)

    slow = EventConsumer(
        CONSUMER, {AssessmentSubmitted: ten_milliseconds}, sessions, FakePublisher(),
        source="/test", transaction_seconds=0.05,
    )  # fmt: skip
    commits: list[int] = []
    event.listen(sessions.kw["bind"].sync_engine, "commit", lambda _: commits.append(1))
    for _ in range(5):  # the consumer learns the pace from what it applies
        await slow.process(delivery(agency_event(assessment(STAFF[0]))))
    commits.clear()
    nips = [f"19900101201501{i:04d}" for i in range(20)]
    outcomes = await slow.process_batch([delivery(agency_event(assessment(n))) for n in nips])
    assert outcomes == [Outcome.APPLIED] * 20
    assert applied[-20:] == nips
    assert 2 <= len(commits) <= 8, commits
