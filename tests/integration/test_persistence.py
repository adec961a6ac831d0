"""Inbox, outbox and relay on both SQLite and PostgreSQL, through a real service schema."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import func, select

import asn_assessment
from asn_assessment.handlers import build_handlers
from asn_assessment.settings import AssessmentSettings, Publication
from asn_assessment.subscriptions import CONSUMER
from asn_shared.catalog.agency_events import AssessmentSubmitted
from asn_shared.messaging.consumer import EventConsumer, HandlerContext, Outcome
from asn_shared.persistence import inbox, outbox
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.relay import OutboxRelay
from asn_shared.persistence.tables import inbox_table, outbox_table

from ..support import FakePublisher, agency_event, contract_example, delivery, migrate

MIGRATIONS = Path(asn_assessment.__file__).parent / "migrations"
# Published at submission: these tests need an event to come out of the handler.
HANDLERS = build_handlers(AssessmentSettings(rating_publication=Publication.SUBMISSION))


@pytest.fixture
async def sessions(database_url: str):
    await migrate(MIGRATIONS, database_url)
    engine = create_engine(database_url)
    yield session_factory(engine)
    await engine.dispose()


def supervisor_assessment(nip: str = "198703122010011004") -> AssessmentSubmitted:
    return AssessmentSubmitted.model_validate(dict(contract_example()["data"], nip=nip))


async def count(sessions, table) -> int:
    async with sessions() as session:
        return (await session.execute(select(func.count()).select_from(table))).scalar_one()


async def test_inbox_claims_each_event_once(sessions) -> None:
    async with sessions() as session, session.begin():
        assert await inbox.claim(session, "assessment", "/agencies/a", "e1", "AssessmentSubmitted")
        assert not await inbox.claim(
            session, "assessment", "/agencies/a", "e1", "AssessmentSubmitted"
        )
        # The same id from another source is another event.
        assert await inbox.claim(session, "assessment", "/agencies/b", "e1", "AssessmentSubmitted")


async def test_handler_failure_rolls_back_inbox_and_outbox_together(sessions) -> None:
    attempts = []

    async def emit_then_fail(ctx: HandlerContext) -> None:
        await HANDLERS[AssessmentSubmitted](ctx)
        attempts.append(len(ctx.emitted))
        if len(attempts) == 1:
            raise RuntimeError("database went away after the state change")

    consumer = EventConsumer(
        CONSUMER,
        {AssessmentSubmitted: emit_then_fail},
        sessions,
        FakePublisher(),
        source="/test",
        retry_backoff_seconds=0,
    )
    event = agency_event(supervisor_assessment())
    assert await consumer.process(delivery(event)) is Outcome.RETRY
    assert attempts == [1]  # the handler did emit before failing ...
    assert await count(sessions, outbox_table) == 0  # ... and nothing of it was committed
    assert await count(sessions, inbox_table) == 0
    assert await consumer.process(delivery(event)) is Outcome.APPLIED
    assert await count(sessions, outbox_table) == 1
    assert await consumer.process(delivery(event)) is Outcome.DUPLICATE
    assert await count(sessions, outbox_table) == 1


async def test_relay_publishes_in_order_and_keeps_rows_while_the_broker_is_away(sessions) -> None:
    async with sessions() as session, session.begin():
        for i in range(5):
            await outbox.add(session, agency_event(supervisor_assessment(f"19870312201001{i:04d}")))
    publisher = FakePublisher(fail_with=ConnectionError("broker unreachable"))
    relay = OutboxRelay(sessions, publisher, batch_size=100)
    with pytest.raises(RuntimeError, match="5 outbox events not published"):
        await relay.publish_pending()
    assert await relay.pending_count() == 5
    publisher.fail_with = None
    assert await relay.publish_pending() == 5
    assert await relay.pending_count() == 0
    nips = [p["body"].decode().split('"nip":"')[1][:18] for p in publisher.published]
    assert nips == sorted(nips)
    assert {p["routing_key"] for p in publisher.published} == {"assessment.submitted.v1"}


async def test_a_commit_while_the_relay_publishes_is_published_without_waiting_for_the_poll(
    sessions,
) -> None:
    """The wake-up of a commit that lands during a relay pass is not lost (relay.run)."""
    second = agency_event(supervisor_assessment("198703122010010002"))

    class CommitsWhilePublishing(FakePublisher):
        async def publish_body(self, body: bytes, **kwargs) -> None:
            await super().publish_body(body, **kwargs)
            if len(self.published) == 1:  # a handler commits a row now, and wakes the relay
                async with sessions() as session, session.begin():
                    await outbox.add(session, second)
                relay.wake()

    async with sessions() as session, session.begin():
        await outbox.add(session, agency_event(supervisor_assessment("198703122010010001")))
    publisher = CommitsWhilePublishing()
    relay = OutboxRelay(sessions, publisher, poll_seconds=60)
    running = asyncio.create_task(relay.run())
    try:
        async with asyncio.timeout(5):  # the poll interval is a minute
            while len(publisher.published) < 2:
                await asyncio.sleep(0.01)
    finally:
        running.cancel()
    assert [p["message_id"] for p in publisher.published][1] == second.id


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_concurrent_relays_publish_each_row_once_on_postgresql(sessions) -> None:
    async with sessions() as session, session.begin():
        for i in range(60):
            await outbox.add(session, agency_event(supervisor_assessment(f"19870312201001{i:04d}")))
    publisher = FakePublisher()
    relays = [OutboxRelay(sessions, publisher, batch_size=7) for _ in range(3)]

    async def drain(relay: OutboxRelay) -> None:
        while await relay.publish_pending():
            pass

    await asyncio.gather(*(drain(r) for r in relays))
    ids = [p["message_id"] for p in publisher.published]
    assert len(ids) == 60
    assert len(set(ids)) == 60
