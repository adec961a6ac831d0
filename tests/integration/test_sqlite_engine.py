"""The SQLite engine (persistence/engine.py, sqlite_inline.py): statements on the event loop's
thread, one writer at a time in the process, another process's writer waited for without
blocking the loop, savepoints that roll back alone."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from asn_shared.persistence.engine import create_engine, session_factory

ROWS = sa.Table("rows", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True))


@pytest.fixture
async def database(tmp_path: Path):
    path = tmp_path / "engine.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    async with engine.begin() as connection:
        await connection.run_sync(ROWS.metadata.create_all)
    yield path, engine
    await engine.dispose()


async def ids(engine) -> list[int]:
    async with engine.connect() as connection:
        return sorted((await connection.execute(sa.select(ROWS.c.id))).scalars())


async def test_writers_of_one_process_take_turns(database) -> None:
    _, engine = database
    sessions = session_factory(engine)
    order: list[str] = []

    async def write(first_id: int, name: str) -> None:
        async with sessions() as session, session.begin():
            await session.execute(sa.insert(ROWS).values(id=first_id))
            order.append(f"{name} began")
            await asyncio.sleep(0.05)  # holds its transaction across an await
            await session.execute(sa.insert(ROWS).values(id=first_id + 1))
            order.append(f"{name} ends")

    await asyncio.wait_for(asyncio.gather(write(1, "a"), write(10, "b")), timeout=10)
    # b's first write waited for a's transaction to end, though a slept in the middle of it.
    assert order == ["a began", "a ends", "b began", "b ends"]
    assert await ids(engine) == [1, 2, 10, 11]


async def test_another_process_writing_is_waited_for_without_blocking_the_loop(database) -> None:
    path, engine = database
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    other.execute("INSERT INTO rows (id) VALUES (99)")
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    async def write() -> None:
        async with session_factory(engine)() as session, session.begin():
            await session.execute(sa.insert(ROWS).values(id=1))

    ticker = asyncio.create_task(tick())
    writer = asyncio.create_task(write())
    await asyncio.sleep(0.3)
    assert not writer.done() and ticks >= 10  # waiting, and the loop ran meanwhile
    other.execute("COMMIT")
    await asyncio.wait_for(writer, timeout=5)
    ticker.cancel()
    other.close()
    assert await ids(engine) == [1, 99]


async def test_a_failed_transaction_gives_the_write_lock_back(database) -> None:
    _, engine = database
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        await session.execute(sa.insert(ROWS).values(id=1))
    with pytest.raises(IntegrityError):
        async with sessions() as session, session.begin():
            await session.execute(sa.insert(ROWS).values(id=1))
    async with asyncio.timeout(5):  # not stuck behind the failed one
        async with sessions() as session, session.begin():
            await session.execute(sa.insert(ROWS).values(id=2))
    assert await ids(engine) == [1, 2]


async def test_a_savepoint_rolls_back_alone(database) -> None:
    _, engine = database
    async with session_factory(engine)() as session, session.begin():
        await session.execute(sa.insert(ROWS).values(id=1))
        with pytest.raises(IntegrityError):
            async with session.begin_nested():
                await session.execute(sa.insert(ROWS).values(id=2))
                await session.execute(sa.insert(ROWS).values(id=1))
        await session.execute(sa.insert(ROWS).values(id=3))
    assert await ids(engine) == [1, 3]


async def test_an_isolation_level_set_through_sqlalchemy_does_not_hang(database) -> None:
    """SQLAlchemy's aiosqlite adapter sets it through aiosqlite's thread queue, which an inline
    connection runs at once."""
    _, engine = database
    async with asyncio.timeout(5), engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.execute(sa.insert(ROWS).values(id=7))
    assert await ids(engine) == [7]
