"""What one event costs a hop, without the broker: the assessment hop's consumer in-process.

    python bench/hop_benchmark.py [--events N] [--batch B ...] [--postgres-url URL]

Applies N supervisor AssessmentSubmitted (each rating published at once, so each emits a
PerformanceRated to the outbox) through the assessment service's own EventConsumer, in batches
of B (`process_batch`, one transaction each; B=1 is one transaction per event), on a fresh
SQLite file and, if PostgreSQL answers, a fresh PostgreSQL database. Prints events/s, SQL
statements per event, and the floor: what one trivial statement costs through the same async
SQLAlchemy stack. Figures are printed, never asserted (bench/README.md reads them).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

import asn_assessment
from asn_assessment.handlers import build_handlers
from asn_assessment.settings import AssessmentSettings, Publication
from asn_assessment.subscriptions import CONSUMER
from asn_shared.catalog.agency_events import AssessmentSubmitted, EmployeeProfileUpdated
from asn_shared.envelope import STRUCTURED_CONTENT_TYPE, new_event
from asn_shared.messaging.consumer import Delivery, EventConsumer
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.runtime.migrations import upgrade

MIGRATIONS = Path(asn_assessment.__file__).parent / "migrations"
SUPERVISOR = "197501012000031002"
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


class NoBroker:
    """The consumer dead-letters nothing here; the relay is not running."""

    async def dead_letter(self, *_args: object, **_kwargs: object) -> None:
        raise AssertionError("a benchmark event was dead-lettered")


def delivery(data: object, source: str) -> Delivery:
    event_ = new_event(data, source=source)  # type: ignore[arg-type]
    return Delivery(event_.to_json_bytes(), {}, STRUCTURED_CONTENT_TYPE, None, event_.id)


def profile(nip: str, supervisor: str | None) -> EmployeeProfileUpdated:
    return EmployeeProfileUpdated(
        nip=nip, name="Pegawai", unit_id="dinkes", unit_name="Dinas Kesehatan",
        position="Perawat", position_type="FUNGSIONAL", supervisor_nip=supervisor,
        email="pegawai@example.go.id",
    )  # fmt: skip


def assessment(nip: str) -> AssessmentSubmitted:
    return AssessmentSubmitted(
        nip=nip, period="2026", assessor_nip=SUPERVISOR, assessor_role="SUPERVISOR",
        rating_hasil_kerja="SESUAI_EKSPEKTASI", rating_perilaku_kerja="SESUAI_EKSPEKTASI",
    )  # fmt: skip


async def hop(url: str, events: int, batch: int) -> tuple[float, float]:
    """Events per second and statements per event of the assessment hop at `url`."""
    # Alembic's env runs its own event loop: a thread of its own.
    await asyncio.to_thread(upgrade, MIGRATIONS, url)
    engine = create_engine(url)
    statements = 0

    def count(*_args: object) -> None:
        nonlocal statements
        statements += 1

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    handlers = build_handlers(AssessmentSettings(rating_publication=Publication.SUBMISSION))
    consumer = EventConsumer(
        CONSUMER,
        handlers,
        session_factory(engine),
        NoBroker(),
        source="/bench",  # type: ignore[arg-type]
    )
    nips = [f"19880101201001{i:04d}" for i in range(events)]
    people = [profile(SUPERVISOR, None), *(profile(nip, SUPERVISOR) for nip in nips)]
    await consumer.process_batch([delivery(p, "/agencies/bkn") for p in people])
    rated = [delivery(assessment(nip), "/agencies/ekinerja") for nip in nips]
    statements = 0
    started = time.perf_counter()
    for i in range(0, events, batch):
        await consumer.process_batch(rated[i : i + batch])
    elapsed = time.perf_counter() - started
    await engine.dispose()
    return events / elapsed, statements / events


async def statement_floor(url: str, n: int = 2000) -> float:
    """Milliseconds one primary-key SELECT costs through the async SQLAlchemy stack."""
    engine = create_engine(url)
    table = sa.Table(
        f"floor_{uuid.uuid4().hex[:8]}",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
    )
    async with engine.begin() as connection:
        await connection.run_sync(table.create)
        await connection.execute(sa.insert(table), [{"id": i} for i in range(n)])
    sessions = session_factory(engine)
    async with sessions() as session:
        started = time.perf_counter()
        for i in range(n):
            (await session.execute(sa.select(table.c.id).where(table.c.id == i))).scalar_one()
        elapsed = time.perf_counter() - started
    async with engine.begin() as connection:
        await connection.run_sync(table.drop)
    await engine.dispose()
    return 1000 * elapsed / n


async def postgres_database(admin_url: str) -> tuple[str, str] | None:
    import asyncpg

    name = f"asn_bench_{uuid.uuid4().hex[:10]}"
    dsn = admin_url.replace("postgresql+asyncpg", "postgresql")
    try:
        connection = await asyncpg.connect(dsn, timeout=5)
    except Exception:
        return None
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()
    return admin_url.rsplit("/", 1)[0] + "/" + name, name


async def drop_postgres(admin_url: str, name: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(admin_url.replace("postgresql+asyncpg", "postgresql"))
    await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await connection.close()


async def main(events: int, batches: list[int], postgres_url: str) -> None:
    print(f"assessment hop in-process, {events} AssessmentSubmitted -> PerformanceRated (outbox)")
    print(f"{'database':<12}{'batch':>6}{'events/s':>10}{'stmts/event':>13}{'ms/stmt floor':>15}")
    for engine_name in ("sqlite", "postgresql"):
        for batch in batches:
            if engine_name == "sqlite":
                url = f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/assessment.db"
                made = None
            else:
                made = await postgres_database(postgres_url)
                if made is None:
                    print("postgresql  (not reachable: skipped)")
                    break
                url = made[0]
            try:
                rate, per_event = await hop(url, events, batch)
                floor = await statement_floor(url)
            finally:
                if made:
                    await drop_postgres(postgres_url, made[1])
            print(f"{engine_name:<12}{batch:>6}{rate:>10.0f}{per_event:>13.1f}{floor:>15.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--batch", type=int, action="append", help="default: 1 and 100")
    parser.add_argument("--postgres-url", default=POSTGRES)
    args = parser.parse_args()
    asyncio.run(main(args.events, args.batch or [1, 100], args.postgres_url))
