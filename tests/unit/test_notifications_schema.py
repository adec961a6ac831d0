"""Migration 0003 (channels, priorities, digests, preferences) on SQLite and PostgreSQL: it keeps
the mails written under 0002 as EMAIL rows and lets one recipient have a row per channel."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from asn_notifications.adapters.tables import metadata, notifications
from asn_shared.persistence.engine import create_engine
from asn_shared.persistence.tables import messaging_metadata
from asn_shared.runtime.migrations import upgrade
from tests.unit.notifications_harness import ASN, MIGRATIONS

NOW = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)


def mail_row(id_: str, **changes: object) -> dict[str, object]:
    return {
        "id": id_,
        "trigger_event_id": "e1",
        "trigger_event_type": "PerformanceRated",
        "correlation_id": "c1",
        "template": "penilaian_kinerja",
        "recipient_role": "ASN",
        "recipient_nip": ASN,
        "recipient_key": ASN,
        "status": "SENT",
        "next_attempt_at": NOW,
        "created_at": NOW,
        **changes,
    }


async def execute(url: str, statement: sa.Executable) -> list[sa.Row]:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            result = await conn.execute(statement)
            return list(result.all()) if result.returns_rows else []
    finally:
        await engine.dispose()


@pytest.mark.asyncio
async def test_0003_keeps_0002_mails_and_allows_a_row_per_channel(database_url):
    await asyncio.to_thread(upgrade, MIGRATIONS, database_url, "0002")
    legacy = sa.table("notifications", *(sa.column(c) for c in mail_row("x")))
    await execute(database_url, legacy.insert().values(**mail_row("m1")))

    await asyncio.to_thread(upgrade, MIGRATIONS, database_url)

    [kept] = await execute(database_url, sa.select(notifications))
    assert (kept.id, kept.channel, kept.priority, kept.read_at) == ("m1", "EMAIL", "NORMAL", None)
    await execute(database_url, notifications.insert().values(**mail_row("i1", channel="INBOX")))
    with pytest.raises(IntegrityError):
        await execute(database_url, notifications.insert().values(**mail_row("m2")))


def test_migration_matches_the_models(tmp_path: Path):
    """The hand-written migrations and adapters/tables.py describe the same schema."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'schema.db'}"
    upgrade(MIGRATIONS, url)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), [metadata, messaging_metadata])
    engine.dispose()
    assert diff == []
