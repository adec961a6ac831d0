"""Migration 0002 on SQLite and PostgreSQL: one live reward per (nip, period, reward_type) and one
live training recommendation per (nip, period, kind), over data written under 0001."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.exc import IntegrityError

from asn_sanctions.adapters.tables import rewards, training_recommendations
from asn_shared.persistence.engine import create_engine
from asn_shared.runtime.migrations import alembic_config, upgrade
from tests.unit.sanctions_harness import MIGRATIONS, NIP

NOW = datetime(2026, 2, 1, 3, 0, tzinfo=UTC)


def reward(reward_type: str, status: str = "GRANTED") -> dict:
    return {
        "reward_id": uuid.uuid4(),
        "nip": NIP,
        "period": "2026",
        "predikat": "SANGAT_BAIK",
        "reward_type": reward_type,
        "granted_on": date(2026, 2, 1),
        "recommendation": "-",
        "status": status,
        "rated_event_id": "r1",
        "legal_basis": [],
        "updated_at": NOW,
    }


def training(kind: str, status: str = "GRANTED") -> dict:
    return {
        "recommendation_id": uuid.uuid4(),
        "nip": NIP,
        "period": "2026",
        "kind": kind,
        "predikat": "SANGAT_BAIK",
        "competencies": ["Pelatihan lanjutan"],
        "recommended_on": date(2026, 2, 1),
        "status": status,
        "rated_event_id": "r1",
        "legal_basis": ["UU 20/2023 Pasal 21"],
        "updated_at": NOW,
    }


async def insert(url: str, table: sa.Table, row: dict) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(table.insert().values(**row))
    finally:
        await engine.dispose()


async def reward_types(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            result = await conn.execute(sa.select(rewards.c.reward_type))
            return sorted(result.scalars())
    finally:
        await engine.dispose()


@pytest.mark.asyncio
async def test_0002_keeps_0001_rewards_and_allows_one_live_reward_of_each_type(database_url):
    await asyncio.to_thread(upgrade, MIGRATIONS, database_url, "0001")
    await insert(database_url, rewards, reward("PENGHARGAAN"))
    await asyncio.to_thread(upgrade, MIGRATIONS, database_url, "0002")

    # PP 30/2019 Pasal 53(1): a second Sangat Baik year holds both for the same period.
    await insert(database_url, rewards, reward("TALENT_POOL_PRIORITY"))
    await insert(database_url, rewards, reward("PENGHARGAAN", "CANCELLED_BY_SUPERSESSION"))
    with pytest.raises(IntegrityError):
        await insert(database_url, rewards, reward("PENGHARGAAN"))
    assert await reward_types(database_url) == [
        "PENGHARGAAN",
        "PENGHARGAAN",
        "TALENT_POOL_PRIORITY",
    ]


@pytest.mark.asyncio
async def test_0002_allows_one_live_training_recommendation_of_each_kind(database_url):
    await asyncio.to_thread(upgrade, MIGRATIONS, database_url, "0002")

    await insert(database_url, training_recommendations, training("ADVANCED_TRAINING"))
    await insert(database_url, training_recommendations, training("COMPETENCY_DEVELOPMENT"))
    cancelled = training("ADVANCED_TRAINING", "CANCELLED_BY_SUPERSESSION")
    await insert(database_url, training_recommendations, cancelled)
    with pytest.raises(IntegrityError):
        await insert(database_url, training_recommendations, training("ADVANCED_TRAINING"))


@pytest.mark.asyncio
async def test_0002_downgrades_to_one_live_reward_per_period(database_url):
    await asyncio.to_thread(upgrade, MIGRATIONS, database_url, "0002")
    await insert(database_url, rewards, reward("PENGHARGAAN"))
    await insert(database_url, rewards, reward("TALENT_POOL_PRIORITY"))

    config = alembic_config(MIGRATIONS, database_url)
    await asyncio.to_thread(command.downgrade, config, "0001")

    # 0001 knows only PENGHARGAAN: the Pasal 53 priorities go, the old index is back.
    assert await reward_types(database_url) == ["PENGHARGAAN"]
    with pytest.raises(IntegrityError):
        await insert(database_url, rewards, reward("TALENT_POOL_PRIORITY"))
