"""The newest citizen-feedback summary wins, also when two are applied at the same moment.

The consumer applies messages concurrently; on PostgreSQL a summary that waits for another's row
lock must not overwrite a newer one that committed meanwhile (a lost update seen in CI).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

import asn_assessment
from asn_assessment.adapters.evidence_repository import EvidenceRepository
from asn_assessment.adapters.tables import citizen_feedback
from asn_shared.persistence.engine import create_engine, session_factory
from tests.support import migrate

MIGRATIONS = Path(asn_assessment.__file__).parent / "migrations"
NIP = "199001012015011001"
T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def summary(count: int, at: datetime) -> dict:
    return {
        "nip": NIP,
        "unit_id": "dukcapil",
        "period": "2026",
        "ratings_count": count,
        "average_score": 4.0,
        "complaints_received": 0,
        "complaints_substantiated": 0,
        "summarized_at": at,
    }


async def stored_count(sessions) -> int:
    async with sessions() as session:
        return (await session.execute(select(citizen_feedback.c.ratings_count))).scalar_one()


async def test_an_older_summary_never_replaces_a_newer_one(database_url):
    await migrate(MIGRATIONS, database_url)
    engine = create_engine(database_url)
    sessions = session_factory(engine)
    try:
        for count, at, saved in [
            (2, T0, True),
            (3, T0 + timedelta(seconds=2), True),
            (1, T0 - timedelta(seconds=1), False),
            (3, T0 + timedelta(seconds=2), True),
        ]:  # redelivery: same age
            async with sessions.begin() as session:
                assert (
                    await EvidenceRepository(session).save_citizen_feedback(summary(count, at))
                    is saved
                )
        assert await stored_count(sessions) == 3
    finally:
        await engine.dispose()


async def test_a_summary_waiting_for_the_row_lock_rechecks_its_age(postgres_url):
    await migrate(MIGRATIONS, postgres_url)
    engine = create_engine(postgres_url)
    sessions = session_factory(engine)
    try:
        async with sessions.begin() as session:
            await EvidenceRepository(session).save_citizen_feedback(summary(1, T0))
        async with sessions() as newer, sessions() as older:
            await newer.begin()
            assert await EvidenceRepository(newer).save_citizen_feedback(
                summary(3, T0 + timedelta(seconds=2))
            )  # holds the row lock

            async def apply_older() -> bool:
                async with older.begin():
                    return await EvidenceRepository(older).save_citizen_feedback(
                        summary(2, T0 + timedelta(seconds=1))
                    )

            waiting = asyncio.create_task(apply_older())
            await asyncio.sleep(0.3)
            assert not waiting.done()  # blocked on the newer summary's lock
            await newer.commit()
            assert await waiting is False
        assert await stored_count(sessions) == 3
    finally:
        await engine.dispose()
