"""SQLite on the event loop's own thread, one writer at a time in the process.

aiosqlite runs every call of a connection (cursor, execute, fetch, close: about seven per SQL
statement) on a thread of its own and wakes the event loop for each result. A service spends
most of an event on those hand-offs: 0.6-0.9 ms a statement, against ~0.07 ms for the same
statement run directly (bench/README.md). On a local file in WAL mode a statement takes
microseconds, so `InlineConnection` keeps aiosqlite's API but runs each call at once.

Running inline, a statement that waits for SQLite's write lock would stop the whole event loop,
and with it the coroutine holding the lock: a deadlock. So the engine (persistence/engine.py)
takes the process's `WriteLock` for its database before a transaction's first write, and gives
it back when the transaction ends; SQLite's lock is then only contended by other processes, and
`begin_immediate` waits for those with asyncio sleeps, not inside SQLite.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
import weakref
from collections.abc import Callable
from typing import Any

import aiosqlite
from sqlalchemy.util import await_only

# How long a transaction waits for another process's write lock (SQLite's own busy_timeout
# would block the event loop meanwhile, so it is kept at zero for these connections).
BUSY_SECONDS = 30.0


class _RunNow:
    """Stands in for the queue to aiosqlite's thread, which SQLAlchemy's adapter also uses
    directly (to set the isolation level): runs what is put in it at once."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting caller
            if future is not None:
                future.set_exception(exc)
            return
        if future is not None:
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """aiosqlite's Connection without its thread: every call runs when awaited."""

    def __init__(self, connector: Callable[[], sqlite3.Connection], iter_chunk_size: int) -> None:
        super().__init__(connector, iter_chunk_size)
        self._tx = _RunNow()  # type: ignore[assignment]

    def __await__(self):  # type: ignore[no-untyped-def]
        return self._connect().__await__()

    async def _connect(self) -> InlineConnection:
        if self._connection is None:
            self._connection = self._connector()
        return self

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if self._connection is None:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    def stop(self) -> None:
        self._running = False
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def close(self) -> None:
        self.stop()


async def connect_inline(database: str, **kwargs: Any) -> InlineConnection:
    """What SQLAlchemy's aiosqlite dialect calls to open a connection (`async_creator`)."""
    kwargs["check_same_thread"] = False  # the pool may finalize it from another thread
    kwargs["timeout"] = 0  # never block the loop in SQLite's busy handler: begin_immediate
    # The driver's implicit BEGIN does not cover SAVEPOINT, so a released savepoint would commit
    # (the consumer's batches give each message one): the engine begins transactions itself.
    kwargs["isolation_level"] = None
    connection = InlineConnection(lambda: sqlite3.connect(database, **kwargs), 64)
    await connection
    return connection


class WriteLock:
    """One writer at a time per database file in this process, per event loop."""

    def __init__(self) -> None:
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    def acquire(self) -> asyncio.Lock:
        """Wait for the lock from synchronous code running in SQLAlchemy's greenlet."""
        loop = asyncio.get_running_loop()
        lock = self._locks.setdefault(loop, asyncio.Lock())
        await_only(lock.acquire())
        return lock


def begin_immediate(cursor: Any) -> None:
    """BEGIN IMMEDIATE, waiting (without blocking the loop) while another process writes."""
    deadline = time.monotonic() + BUSY_SECONDS
    pause = 0.001
    while True:
        try:
            cursor.execute("BEGIN IMMEDIATE")
            return
        except Exception as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        await_only(asyncio.sleep(pause))
        pause = min(pause * 2, 0.05)
