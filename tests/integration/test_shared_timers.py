"""Durable timers on SQLite and PostgreSQL: fired once, on the injected clock, with effects."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.operations import Operations
from structlog.testing import capture_logs

from asn_shared.catalog.notifications_events import NotificationSent
from asn_shared.envelope import CloudEvent, new_event
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import messaging_metadata, outbox_table
from asn_shared.timers import (
    TimerContext,
    TimerScheduler,
    TimerStore,
    create_timers_table,
    drop_timers_table,
    timer_task,
    timers_table,
)

metadata = sa.MetaData()
timers = timers_table(metadata)
effects = sa.Table(
    "effects",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("timer_key", sa.String(200), nullable=False),
)
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
# The operator's reset, as shared/README.md documents it.
RESET_SQL = (
    "UPDATE timers SET attempts = 0, next_attempt_at = NULL "
    "WHERE kind = :kind AND key = :key AND fired_at IS NULL AND cancelled_at IS NULL"
)


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


async def open_sessions(url: str):  # type: ignore[no-untyped-def]
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
        await conn.run_sync(messaging_metadata.create_all)
    return engine, session_factory(engine)


@pytest.fixture
async def sessions(database_url: str):
    engine, sessions = await open_sessions(database_url)
    yield sessions
    await engine.dispose()


def notice(ctx: TimerContext) -> NotificationSent:
    return NotificationSent(
        notification_id=f"{ctx.timer.kind}:{ctx.timer.key}",
        channel="EMAIL",
        recipient_role="ASN",
        template="deadline",
        trigger_event_id=ctx.timer.causation_id or "none",
        trigger_event_type="Timer",
        sent_at=ctx.now,
    )


def recording(calls: list[str], fail_times: int = 0, pause: float = 0.0) -> Callable:
    """A handler that writes a row, emits an event, and raises on its first `fail_times` calls."""

    async def handle(ctx: TimerContext) -> None:
        calls.append(ctx.timer.key)
        await ctx.session.execute(effects.insert().values(timer_key=ctx.timer.key))
        await ctx.emit(notice(ctx))
        await asyncio.sleep(pause)
        if len(calls) <= fail_times:
            raise RuntimeError(f"boom {len(calls)}")

    return handle


def scheduler(sessions, clock: Clock, handlers: dict, **options: Any) -> TimerScheduler:  # type: ignore[no-untyped-def]
    return TimerScheduler(
        sessions, source="/test/timers", handlers=handlers, table=timers, clock=clock, **options
    )


async def schedule(sessions, kind: str, key: str, due_at: datetime, **kw: Any) -> bool:  # type: ignore[no-untyped-def]
    async with sessions() as session, session.begin():
        return await TimerStore(session, timers).schedule(kind, key, due_at, **kw)


async def row(sessions, key: str) -> Any:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        query = sa.select(timers).where(timers.c.key == key)
        return (await session.execute(query)).one()


async def count(sessions, table: sa.Table) -> int:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return (await session.execute(sa.select(sa.func.count()).select_from(table))).scalar_one()


async def outbox_events(sessions) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        bodies = await session.execute(sa.select(outbox_table.c.body).order_by(outbox_table.c.id))
        return [json.loads(body) for (body,) in bodies]


def cause_event() -> CloudEvent:
    started = new_event(
        NotificationSent(
            notification_id="n-1",
            channel="EMAIL",
            recipient_role="ASN",
            template="case-opened",
            trigger_event_id="e-0",
            trigger_event_type="DisciplinaryCaseOpened",
            sent_at=T0,
        ),
        source="/test",
        correlation_id="conversation-1",
    )
    assert started.correlationid == "conversation-1"
    return started


async def test_migration_steps_create_what_timers_table_describes(database_url: str) -> None:
    engine = create_engine(database_url)
    described = sa.MetaData()
    timers_table(described)

    def upgrade_compare_downgrade(conn: sa.Connection) -> tuple[list, list, list]:
        op = Operations(MigrationContext.configure(conn))
        create_timers_table(op)
        diff = compare_metadata(MigrationContext.configure(conn), described)
        indexes = [i["name"] for i in sa.inspect(conn).get_indexes("timers")]
        drop_timers_table(op)
        return diff, indexes, sa.inspect(conn).get_table_names()

    async with engine.begin() as conn:
        diff, indexes, tables_after = await conn.run_sync(upgrade_compare_downgrade)
    await engine.dispose()
    assert diff == []
    assert "ix_timers_pending" in indexes
    assert "timers" not in tables_after


async def test_scheduling_is_idempotent_and_part_of_the_callers_transaction(sessions) -> None:
    assert await schedule(sessions, "examination", "case-1", T0 + timedelta(days=9))
    assert not await schedule(sessions, "examination", "case-1", T0 + timedelta(days=1))
    assert await schedule(sessions, "summons", "case-1", T0)  # another kind, another timer
    async with sessions() as session:
        await session.begin()
        assert await TimerStore(session, timers).schedule("examination", "case-2", T0)
        await session.rollback()  # the change that called for it did not happen
    async with sessions() as session:
        pending = await TimerStore(session, timers).pending()
    assert [(t.kind, t.key, t.due_at) for t in pending] == [
        ("summons", "case-1", T0),
        ("examination", "case-1", T0 + timedelta(days=9)),
    ]
    with pytest.raises(ValueError, match="timezone-aware"):
        await schedule(sessions, "examination", "case-3", datetime(2026, 3, 9, 9, 0))


async def test_a_timer_fires_once_on_the_clock_and_keeps_the_causal_chain(sessions) -> None:
    calls: list[str] = []
    woken: list[int] = []
    clock = Clock()
    cause = cause_event()
    due = T0 + timedelta(days=9)
    assert await schedule(sessions, "examination", "case-1", due, payload={"n": 1}, cause=cause)
    timers_ = scheduler(
        sessions, clock, {"examination": recording(calls)}, on_commit=lambda: woken.append(1)
    )

    clock.advance(days=9, seconds=-1)
    assert await timers_.fire_due() == 0
    assert calls == [] and await count(sessions, outbox_table) == 0
    clock.advance(seconds=1)
    assert await timers_.fire_due() == 1
    assert await timers_.fire_due() == 0
    clock.advance(days=200)
    assert await timers_.fire_due() == 0

    assert calls == ["case-1"] and woken == [1]
    assert await count(sessions, effects) == 1
    [event] = await outbox_events(sessions)
    assert event["correlationid"] == "conversation-1"
    assert event["causationid"] == cause.id
    assert datetime.fromisoformat(event["time"].replace("Z", "+00:00")) == due
    fired = await row(sessions, "case-1")
    assert fired.fired_at is not None and fired.attempts == 0 and fired.payload == {"n": 1}


async def test_a_failing_handler_rolls_back_retries_after_backoff_then_is_parked(sessions) -> None:
    calls: list[str] = []
    healthy: list[str] = []
    clock = Clock()
    await schedule(sessions, "examination", "case-1", T0)
    await schedule(sessions, "effective", "case-2", T0 + timedelta(minutes=1))
    handlers = {"examination": recording(calls, fail_times=3), "effective": recording(healthy)}
    timers_ = scheduler(sessions, clock, handlers, max_attempts=3, retry_backoff_seconds=600)

    assert await timers_.fire_due() == 0
    failed = await row(sessions, "case-1")
    assert (failed.attempts, failed.last_error) == (1, "RuntimeError: boom 1")
    assert failed.fired_at is None
    assert await count(sessions, effects) == 0 and await count(sessions, outbox_table) == 0

    clock.advance(minutes=5)  # inside the back-off: only the other timer fires
    assert await timers_.fire_due() == 1
    assert (calls, healthy) == (["case-1"], ["case-2"])
    clock.advance(minutes=5)
    assert await timers_.fire_due() == 0
    clock.advance(minutes=10)
    with capture_logs() as logs:
        assert await timers_.fire_due() == 0
    assert (await row(sessions, "case-1")).attempts == 3
    [parked] = [line for line in logs if line["event"] == "timer.parked"]
    assert parked["log_level"] == "error"
    assert (parked["kind"], parked["key"], parked["timer_id"]) == ("examination", "case-1", 1)

    clock.advance(days=30)  # parked: never tried again by itself
    assert await timers_.fire_due() == 0
    assert len(calls) == 3
    async with sessions() as session, session.begin():
        await session.execute(sa.text(RESET_SQL), {"kind": "examination", "key": "case-1"})
    assert await timers_.fire_due() == 1
    assert len(calls) == 4
    assert await count(sessions, effects) == 2 and await count(sessions, outbox_table) == 2


async def test_a_timer_of_an_unknown_kind_fails_with_a_clear_reason(sessions) -> None:
    await schedule(sessions, "nobody-handles-this", "case-1", T0)
    timers_ = scheduler(sessions, Clock(), {"examination": recording([])})
    assert await timers_.fire_due() == 0
    failed = await row(sessions, "case-1")
    assert failed.attempts == 1 and failed.fired_at is None
    assert failed.last_error == (
        "LookupError: no handler for timer kind 'nobody-handles-this' (known: examination)"
    )


async def test_cancel_and_reschedule_act_on_pending_timers_only(sessions) -> None:
    calls: list[str] = []
    clock = Clock()
    for key in ("case-1", "case-2", "case_3", "other"):
        await schedule(sessions, "examination", key, T0 + timedelta(days=7))
    async with sessions() as session, session.begin():
        store = TimerStore(session, timers)
        assert await store.cancel("examination", "case-1", T0)
        assert not await store.cancel("examination", "case-1", T0)
        assert not await store.cancel("examination", "never-scheduled", T0)
        assert await store.reschedule("examination", "case-2", T0 + timedelta(days=1))
        assert await store.reschedule("examination", "other", T0 + timedelta(days=30))
        assert [t.key for t in await store.pending(key_prefix="case_")] == ["case_3"]
        assert [t.key for t in await store.pending(kind="examination")] == [
            "case-2",
            "case_3",
            "other",
        ]
        assert await store.pending(kind="summons") == []
    timers_ = scheduler(sessions, clock, {"examination": recording(calls)})
    clock.advance(days=7)
    assert await timers_.fire_due() == 2
    assert calls == ["case-2", "case_3"]
    async with sessions() as session, session.begin():
        store = TimerStore(session, timers)
        assert not await store.reschedule("examination", "case-2", T0 + timedelta(days=60))
        assert not await store.cancel("examination", "case-2", T0)
        assert not await store.reschedule("examination", "case-1", T0)  # cancelled stays so
    clock.advance(days=30)
    assert await timers_.fire_due() == 1
    assert calls == ["case-2", "case_3", "other"]


async def test_after_a_restart_pending_timers_fire_and_fired_ones_do_not(database_url: str) -> None:
    clock = Clock()
    calls: list[str] = []
    engine, sessions = await open_sessions(database_url)
    await schedule(sessions, "examination", "fired-before", T0)
    await schedule(sessions, "examination", "later", T0 + timedelta(days=7))
    await schedule(sessions, "crashes", "mid-handler", T0 + timedelta(minutes=1))
    entered = asyncio.Event()

    async def never_finishes(ctx: TimerContext) -> None:
        await ctx.session.execute(effects.insert().values(timer_key=ctx.timer.key))
        entered.set()
        await asyncio.Event().wait()

    handlers = {"examination": recording(calls), "crashes": never_finishes}
    first = scheduler(sessions, clock, handlers)
    clock.advance(minutes=1)
    crashing = asyncio.create_task(first.fire_due())
    await asyncio.wait_for(entered.wait(), timeout=10)
    crashing.cancel()  # the process dies with the handler's transaction open
    with pytest.raises(asyncio.CancelledError):
        await crashing
    await engine.dispose()
    assert calls == ["fired-before"]

    engine, sessions = await open_sessions(database_url)
    calls.clear()
    handlers["crashes"] = recording(calls)
    clock.advance(days=7)
    assert await scheduler(sessions, clock, handlers).fire_due() == 2
    assert sorted(calls) == ["later", "mid-handler"]
    assert (await row(sessions, "mid-handler")).attempts == 0
    assert await count(sessions, effects) == 3
    await engine.dispose()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_two_schedulers_fire_each_timer_exactly_once(database_url: str) -> None:
    calls: list[str] = []
    engines, replicas = [], []
    for _ in range(2):  # two replicas of a service: separate pools over one database
        engine, sessions = await open_sessions(database_url)
        engines.append(engine)
        replicas.append(scheduler(sessions, Clock(), {"deadline": recording(calls, pause=0.005)}))
    for i in range(50):
        await schedule(sessions, "deadline", f"case-{i:02d}", T0 - timedelta(seconds=i))

    fired = await asyncio.gather(*(replica.fire_due() for replica in replicas))

    assert sum(fired) == 50 and min(fired) > 0  # both took part
    assert len(calls) == 50 and len(set(calls)) == 50
    events = await outbox_events(sessions)
    assert len(events) == 50
    assert len({e["data"]["notification_id"] for e in events}) == 50
    assert await count(sessions, effects) == 50
    for engine in engines:
        await engine.dispose()


class FailingOnceClock(Clock):
    def __call__(self) -> datetime:
        if not getattr(self, "failed", False):
            self.failed = True
            raise RuntimeError("clock unavailable")
        return self.now


def fake_runtime(sessions, woken: list[int]) -> Any:  # type: ignore[no-untyped-def]
    """What TimerScheduler.for_runtime reads from a ServiceRuntime."""
    return SimpleNamespace(
        sessions=sessions,
        settings=SimpleNamespace(event_source="/test/service"),
        relay=SimpleNamespace(wake=lambda: woken.append(1)),
    )


async def test_the_background_task_fires_when_woken_and_outlives_errors(sessions) -> None:
    calls: list[str] = []
    woken: list[int] = []
    task = timer_task(
        lambda rt: TimerScheduler.for_runtime(
            rt,
            {"examination": recording(calls)},
            table=timers,
            clock=FailingOnceClock(),
            interval_seconds=3600,
        )
    )
    task.wake()  # before start-up: harmless
    with capture_logs() as logs:
        running = asyncio.create_task(task(fake_runtime(sessions, woken)), name=task.__name__)
        await asyncio.sleep(0.1)
        assert await schedule(sessions, "examination", "case-1", T0)
        task.wake()  # a use case scheduled something due now
        for _ in range(100):
            if calls:
                break
            await asyncio.sleep(0.05)
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running
    assert calls == ["case-1"] and woken == [1]  # the relay was woken after the commit
    assert [e["source"] for e in await outbox_events(sessions)] == ["/test/service"]
    assert "timer.pass_failed" in [line["event"] for line in logs]
