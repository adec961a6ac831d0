"""Async SQLAlchemy engines for SQLite (the embedded default) and PostgreSQL (production)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from .sqlite_inline import WriteLock, begin_immediate, connect_inline

# What services pass around to open transactions: one factory per engine.
Sessions = async_sessionmaker[AsyncSession]


def create_engine(url: str) -> AsyncEngine:
    """An engine whose errors never quote SQL parameters: they can be personal data, and a
    failing handler logs its exception."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_async_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True
    )


def _sqlite_engine(url: str) -> AsyncEngine:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise ValueError("the services keep SQLite in a file: give the database a path")
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    # Statements run on the loop's thread (sqlite_inline.py); writers take turns in-process.
    engine = create_async_engine(
        url, async_creator=partial(connect_inline, database), hide_parameters=True
    )
    writers = WriteLock()

    @event.listens_for(engine.sync_engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # WAL lets the outbox relay read while a handler writes; NORMAL sync is durable in WAL.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _begin_before_writing(  # type: ignore[no-untyped-def]
        connection, cursor, statement, _parameters, _context, _many
    ) -> None:
        # As the driver did: reads before the first write see the latest commit; the first
        # write (or savepoint) takes this process's write lock, then begins IMMEDIATE.
        if _autocommit(connection):
            return  # each statement is its own transaction: nothing to hold a lock across
        if statement.lstrip()[:6].upper() in _WRITES and not _in_transaction(connection):
            connection.info[_HELD] = writers.acquire()
            try:
                begin_immediate(cursor)
            except BaseException:
                connection.info.pop(_HELD).release()
                raise

    @event.listens_for(engine.sync_engine, "commit")
    @event.listens_for(engine.sync_engine, "rollback")
    def _transaction_ended(connection) -> None:  # type: ignore[no-untyped-def]
        # Inline, the COMMIT that follows runs before any waiting writer can.
        _release(connection.info)

    @event.listens_for(engine.sync_engine.pool, "reset")
    def _returned_to_pool(_dbapi_connection, record, _state) -> None:  # type: ignore[no-untyped-def]
        _release(record.info)  # a transaction the pool rolls back

    @event.listens_for(engine.sync_engine.pool, "invalidate")
    def _thrown_away(_dbapi_connection, record, _exception) -> None:  # type: ignore[no-untyped-def]
        _release(record.info)  # a connection that failed mid-transaction

    return engine


_HELD = "asn_sqlite_write_lock"


def _release(info: dict[str, Any]) -> None:
    lock = info.pop(_HELD, None)
    if lock is not None:
        lock.release()


_WRITES = {"INSERT", "UPDATE", "DELETE", "REPLAC", "SAVEPO"}


def _autocommit(connection) -> bool:  # type: ignore[no-untyped-def]
    return bool(connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT")


def _in_transaction(connection) -> bool:  # type: ignore[no-untyped-def]
    return bool(connection.connection.driver_connection.in_transaction)


def session_factory(engine: AsyncEngine) -> Sessions:
    return async_sessionmaker(engine, expire_on_commit=False)


def is_postgresql(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "postgresql"
