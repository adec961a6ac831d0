"""The sanctions consumer over a real, migrated SQLite database, and message builders for it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker

import asn_sanctions
from asn_sanctions.handlers import build_handlers
from asn_sanctions.settings import SanctionsSettings
from asn_sanctions.subscriptions import CONSUMER
from asn_shared.catalog.agency_events import EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.envelope import CloudEvent, new_event
from asn_shared.identity.tokens import TokenVerifier
from asn_shared.messaging.consumer import EventConsumer, Outcome
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import outbox_table
from tests.identity import verifier
from tests.support import FakePublisher, delivery, migrate

MIGRATIONS = Path(asn_sanctions.__file__).parent / "migrations"
ASSESSMENT = "/asn-kinerja/assessment"
NIP = "198703122010011004"
SUPERVISOR = "197501012000031001"
NAME, EMAIL, PHONE = "Maria Goreti Lake", "maria.lake@kupangkota.go.id", "+62 813-9999-0000"
# 20:00 UTC on 31 January is 1 February in Jakarta: deadline 1 August.
RATED_AT = datetime(2026, 1, 31, 20, 0, tzinfo=UTC)
LATER = RATED_AT + timedelta(days=20)

ATAS, SESUAI, BAWAH = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
# (hasil kerja, perilaku kerja) giving each predikat in the kuadran.
RATINGS = {
    "SANGAT_BAIK": (ATAS, ATAS),
    "BAIK": (SESUAI, SESUAI),
    "BUTUH_PERBAIKAN": (BAWAH, SESUAI),
    "KURANG_MISCONDUCT": (SESUAI, BAWAH),
    "SANGAT_KURANG": (BAWAH, BAWAH),
}


def rating(
    predikat: str,
    *,
    supersedes: str | None = None,
    rated_at: datetime = RATED_AT,
    period: str = "2026",
) -> PerformanceRated:
    hasil, perilaku = RATINGS[predikat]
    return PerformanceRated(
        nip=NIP,
        period=period,
        rating_hasil_kerja=hasil,
        rating_perilaku_kerja=perilaku,
        predikat=predikat,
        assessor_nip=SUPERVISOR,
        rated_at=rated_at,
        supersedes=supersedes,
    )


def rated_event(predikat: str, **kwargs: Any) -> CloudEvent:
    return new_event(rating(predikat, **kwargs), source=ASSESSMENT)


def profile(position_type: str) -> EmployeeProfileUpdated:
    return EmployeeProfileUpdated(
        nip=NIP,
        name=NAME,
        unit_id="kec-maulafa",
        unit_name="Kecamatan Maulafa",
        position="Analis Pelayanan",
        position_type=position_type,
        supervisor_nip=SUPERVISOR,
        email=EMAIL,
        phone=PHONE,
    )


@dataclass
class Harness:
    consumer: EventConsumer
    publisher: FakePublisher
    sessions: async_sessionmaker
    # Bearer tokens of the tests' issuer, checked as in production, when an app uses the harness
    # as its runtime (the read routes need only `.sessions` and `.identity`).
    identity: TokenVerifier = field(default_factory=verifier)

    async def deliver(self, event: CloudEvent) -> Outcome:
        routing_key = PerformanceRated.routing_key()
        if event.type == EmployeeProfileUpdated.event_type:
            routing_key = EmployeeProfileUpdated.routing_key()
        return await self.consumer.process(delivery(event, routing_key))

    async def rate(
        self,
        predikat: str,
        *,
        source: str = ASSESSMENT,
        event_id: str | None = None,
        **kwargs: Any,
    ) -> tuple[Outcome, CloudEvent]:
        event = new_event(rating(predikat, **kwargs), source=source, event_id=event_id)
        return await self.deliver(event), event

    async def profile(self, position_type: str, time: datetime = RATED_AT) -> Outcome:
        event = new_event(profile(position_type), source="/agencies/bkn", time=time)
        return await self.deliver(event)

    async def rows(self, table: sa.Table) -> list[sa.Row]:
        async with self.sessions() as session:
            return list((await session.execute(sa.select(table))).all())

    async def outbox(self) -> list[dict[str, Any]]:
        rows = await self.rows(outbox_table)
        return [json.loads(r.body) for r in sorted(rows, key=lambda r: r.id)]

    async def outbox_types(self) -> list[str]:
        return [e["type"] for e in await self.outbox()]


@asynccontextmanager
async def sanctions_harness(tmp_path: Path, url: str | None = None) -> AsyncIterator[Harness]:
    """A fresh SQLite file under `tmp_path` unless a database `url` is given."""
    url = url or f"sqlite+aiosqlite:///{tmp_path / 'sanctions.db'}"
    await migrate(MIGRATIONS, url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    publisher = FakePublisher()
    consumer = EventConsumer(
        CONSUMER,
        build_handlers(SanctionsSettings()),
        sessions,
        publisher,
        source="/asn-kinerja/sanctions",
        retry_backoff_seconds=0,
    )
    try:
        yield Harness(consumer, publisher, sessions)
    finally:
        await engine.dispose()
