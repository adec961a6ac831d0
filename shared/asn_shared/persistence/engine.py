"""Async SQLAlchemy engines for SQLite (the embedded default) and PostgreSQL (production)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

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
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

    @event.listens_for(engine.sync_engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # The driver's implicit BEGIN does not cover SAVEPOINT, so a released savepoint would
        # commit (the consumer's batches give each message one): we begin ourselves, below.
        dbapi_connection.isolation_level = None
        # WAL lets the outbox relay read while a handler writes; NORMAL sync is durable in WAL.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _begin_before_writing(  # type: ignore[no-untyped-def]
        connection, cursor, statement, _parameters, _context, _many
    ) -> None:
        # As the driver did: reads before the first write see the latest commit; the first
        # write (or savepoint) begins IMMEDIATE, waiting for the write lock (busy_timeout)
        # instead of failing on a stale snapshot as a deferred BEGIN could.
        if statement.lstrip()[:6].upper() in _WRITES and not _in_transaction(connection):
            cursor.execute("BEGIN IMMEDIATE")

    return engine


_WRITES = {"INSERT", "UPDATE", "DELETE", "REPLAC", "SAVEPO"}


def _in_transaction(connection) -> bool:  # type: ignore[no-untyped-def]
    return bool(connection.connection.driver_connection.in_transaction)


def session_factory(engine: AsyncEngine) -> Sessions:
    return async_sessionmaker(engine, expire_on_commit=False)


def is_postgresql(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "postgresql"
