"""Alembic, run per service against the service's own database.

Each service keeps its migrations in its package (`asn_<svc>/migrations`) with an env.py that
calls `run_migrations(target_metadata)`.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import sqlalchemy as sa
from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncEngine

from ..persistence.engine import create_engine
from ..persistence.tables import messaging_metadata


def alembic_config(migrations_dir: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(migrations_dir: Path, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(migrations_dir, database_url), revision)


def head_revision(migrations_dir: Path) -> str | None:
    return ScriptDirectory.from_config(
        alembic_config(migrations_dir, "sqlite://")
    ).get_current_head()


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as conn:
        return await conn.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_revision()
        )


def run_migrations(service_metadata: sa.MetaData) -> None:
    """The body of every service's Alembic env.py (online mode, async engine)."""
    url = context.config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError(
            "alembic: sqlalchemy.url is not set (run the service's `migrate` command)"
        )
    target = [service_metadata, messaging_metadata]

    def do_run(connection: sa.Connection) -> None:
        context.configure(connection=connection, target_metadata=target, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_engine(url)
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
            await connection.commit()
        await engine.dispose()

    asyncio.run(run())
