"""An official's act over HTTP, recorded as an event (asn_shared.runtime.unit_of_work.record_act):
in the outbox with its actor, claimed in the service's own inbox so its live consumer skips it,
and the cause of what the command emits next, with the ids a handler replaying it derives."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TypeVar

import pytest
import sqlalchemy as sa

from asn_shared.catalog import EventData
from asn_shared.catalog.export import EXAMPLE_DIR
from asn_shared.catalog.feedback_events import ComplaintVerified
from asn_shared.catalog.notifications_events import NotificationSent
from asn_shared.envelope import CloudEvent
from asn_shared.messaging.handling import HandlerContext
from asn_shared.persistence import inbox
from asn_shared.persistence.engine import Sessions, create_engine, session_factory
from asn_shared.persistence.tables import inbox_table, messaging_metadata, outbox_table
from asn_shared.runtime.unit_of_work import unit_of_work

SOURCE = "/asn-kinerja/feedback"
ACTOR = "198001012005011001"
E = TypeVar("E", bound=EventData)


def example(model: type[E]) -> E:
    """The catalog's golden example of `model`, as data."""
    raw = (EXAMPLE_DIR / f"{model.routing_key()}.json").read_text(encoding="utf-8")
    return model.model_validate(CloudEvent.model_validate_json(raw).data)


def verified() -> ComplaintVerified:
    return example(ComplaintVerified)


def sent() -> NotificationSent:
    return example(NotificationSent)


@asynccontextmanager
async def database(path: Path) -> AsyncIterator[Sessions]:
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    async with engine.begin() as connection:
        await connection.run_sync(messaging_metadata.create_all)
    yield session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def sessions(tmp_path: Path):
    async with database(tmp_path / "live.db") as live:
        yield live


async def test_an_act_is_in_the_outbox_with_its_actor_and_already_in_the_inbox(sessions):
    async with unit_of_work(sessions, SOURCE, actor=ACTOR, consumer="feedback") as uow:
        act = await uow.record_act(verified())
        caused = await uow.emit(sent())
    assert act.model_extra and act.model_extra["actor"] == ACTOR
    async with sessions() as session:
        order = outbox_table.c.id
        published = (
            (await session.execute(sa.select(outbox_table.c.event_id).order_by(order)))
            .scalars()
            .all()
        )
        claimed = (await session.execute(sa.select(inbox_table))).all()
        # The live consumer, which binds the service's own acts, finds it applied already.
        assert not await inbox.claim(session, "feedback", act.source, act.id, act.type)
    assert published == [act.id, caused.id]
    assert [(c.consumer, c.source, c.event_id) for c in claimed] == [("feedback", SOURCE, act.id)]


async def test_what_an_act_causes_has_the_ids_a_handler_replaying_it_derives(sessions, tmp_path):
    async with unit_of_work(sessions, SOURCE, actor=ACTOR, consumer="feedback") as uow:
        act = await uow.record_act(verified())
        first, second = await uow.emit(sent()), await uow.emit(sent())
    async with database(tmp_path / "rebuilt.db") as rebuilt, rebuilt() as session:
        async with session.begin():  # a rebuild: the act's handler, in an empty database
            replay = HandlerContext(act, verified(), session, SOURCE)
            again = [await replay.emit(sent()), await replay.emit(sent())]
    assert [e.id for e in again] == [first.id, second.id]
    assert first.causationid == act.id and first.correlation_id == act.correlation_id


async def test_an_act_needs_the_services_consumer_and_is_one_per_command(sessions):
    async with unit_of_work(sessions, SOURCE, actor=ACTOR) as uow:
        with pytest.raises(RuntimeError, match="consumer"):
            await uow.record_act(verified())
    async with unit_of_work(sessions, SOURCE, actor=ACTOR, consumer="feedback") as uow:
        await uow.record_act(verified())
        with pytest.raises(RuntimeError, match="one act per command"):
            await uow.record_act(verified())


async def test_without_an_act_events_keep_their_own_ids(sessions):
    async with unit_of_work(sessions, SOURCE, consumer="feedback") as uow:
        plain = await uow.emit(sent())
    assert plain.causationid is None
