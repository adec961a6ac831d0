"""The sanctions service's timed workflows (discipline, the coaching chain) over a real, migrated
database: its consumer, its HTTP API and its timer scheduler, all on one injectable clock so
months pass in a test.

`restart()` drops the engine, the consumer and the scheduler and builds new ones over the same
database, as a redeployed service would.

`audit_stream()` is what the audit stream holds of a test's history, in order: every event
delivered and every event the service wrote to its outbox (its officials' acts, what they and the
events caused), each of the service's own after what was delivered before it was written.

The client sends bearer tokens of the tests' issuer (tests/identity.py): each request acts as the
official its body names (`summoned_by_nip`, `recorded_by_nip`, `imposed_by_nip`,
`decided_by_nip`), and a request that names nobody (the reads) as an auditor. A request that
brings its own Authorization header keeps it (an ASN filing an objection, a refusal).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import sqlalchemy as sa
from fastapi import FastAPI

from asn_sanctions.adapters.tables import timers
from asn_sanctions.api import ROUTERS
from asn_sanctions.handlers import build_handlers, build_timer_handlers
from asn_sanctions.settings import SanctionsSettings
from asn_sanctions.subscriptions import CONSUMER
from asn_shared.catalog import EventData, event_model
from asn_shared.catalog.agency_events import EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.envelope import CloudEvent, new_event
from asn_shared.identity.caller import Role
from asn_shared.messaging.consumer import EventConsumer, Outcome
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import outbox_table
from asn_shared.runtime.http import service_api
from asn_shared.timers.scheduler import TimerScheduler
from tests.clock import TestClock
from tests.identity import ActingAs, token
from tests.support import FakePublisher, FakeRuntime, delivery, migrate
from tests.unit.sanctions_harness import MIGRATIONS, RATINGS

JAKARTA = ZoneInfo("Asia/Jakarta")
SOURCE = "/asn-kinerja/sanctions"
AUDITOR = "196001011985031001"  # reads what a request naming no official asks for


class ActingOrAuditing(ActingAs):
    """ActingAs the official the body names; an auditor (read-only) when it names nobody."""

    def auth_flow(self, request: httpx.Request):
        if "Authorization" not in request.headers and self.actor(request) is None:
            request.headers["Authorization"] = f"Bearer {token(AUDITOR, [Role.AUDITOR.value])}"
        yield from super().auth_flow(request)


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), JAKARTA)


@dataclass
class DisciplineHarness:
    url: str
    settings: SanctionsSettings
    clock: TestClock
    engine: Any = None
    sessions: Any = None
    consumer: EventConsumer | None = None
    scheduler: TimerScheduler | None = None
    client: httpx.AsyncClient | None = None
    app: FastAPI | None = None
    seen: set[int] = field(default_factory=set)
    stream: list[CloudEvent] = field(default_factory=list)
    streamed: int = 0  # the outbox id up to which `stream` holds the service's own events

    async def start(self) -> None:
        self.engine = create_engine(self.url)
        self.sessions = session_factory(self.engine)
        self.consumer = EventConsumer(
            CONSUMER,
            build_handlers(self.settings),
            self.sessions,
            FakePublisher(),
            source=SOURCE,
            retry_backoff_seconds=0,
        )
        self.scheduler = TimerScheduler(
            self.sessions,
            source=SOURCE,
            handlers=build_timer_handlers(self.settings),
            table=timers,
            clock=self.clock,
        )
        # What production serves (asn_shared.runtime.http): the routes behind the request guard.
        self.app = service_api("sanctions", ROUTERS, self.settings)
        self.app.state.runtime = FakeRuntime(self.sessions, self.settings, self.clock)
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://sanctions",
            auth=ActingOrAuditing(),
        )

    async def stop(self) -> None:
        await self.client.aclose()
        await self.engine.dispose()

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def rated(self, nip: str, predikat: str, period: str, on: date, by: str) -> CloudEvent:
        """The assessment service's PerformanceRated of `nip`, by `by`, delivered on `on`."""
        hasil, perilaku = RATINGS[predikat]
        self.clock.now = at(on)
        rating = PerformanceRated(
            nip=nip,
            period=period,
            rating_hasil_kerja=hasil,
            rating_perilaku_kerja=perilaku,
            predikat=predikat,
            assessor_nip=by,
            rated_at=at(on),
        )
        return await self.deliver(rating, source="/asn-kinerja/assessment")

    async def deliver(
        self, data: EventData, *, source: str = "/agencies/test", time: datetime | None = None
    ) -> CloudEvent:
        event = new_event(data, source=source, time=time or self.clock())
        routing_key = event_model(event.type).routing_key()
        await self.audit_stream()  # what the service wrote before comes first
        self.stream.append(event)
        assert await self.consumer.process(delivery(event, routing_key)) is Outcome.APPLIED
        return event

    async def audit_stream(self) -> list[CloudEvent]:
        """The history so far as the audit stream holds it (see the module's docstring)."""
        async with self.sessions() as session:
            query = sa.select(outbox_table).where(outbox_table.c.id > self.streamed)
            rows = (await session.execute(query.order_by(outbox_table.c.id))).all()
        for row in rows:
            self.stream.append(CloudEvent.model_validate_json(row.body))
            self.streamed = row.id
        return list(self.stream)

    async def profile(
        self,
        nip: str,
        supervisor: str | None,
        unit: str = "dinkes",
        position_type: str = "FUNGSIONAL",
        position: str = "Analis",
    ) -> None:
        await self.deliver(
            EmployeeProfileUpdated(
                nip=nip,
                name="ASN",
                unit_id=unit,
                unit_name="Dinas Kesehatan",
                position=position,
                position_type=position_type,
                supervisor_nip=supervisor,
                email="asn@example.go.id",
            ),
            source="/agencies/bkn",
        )

    async def advance_to(self, moment: datetime) -> int:
        """Move the clock and let the due timers fire, as the running service would."""
        self.clock.now = moment
        return await self.scheduler.fire_due()

    async def call(self, method: str, path: str, expected: int = 200, **kwargs: Any) -> Any:
        response = await self.client.request(method, f"/api/v1{path}", **kwargs)
        assert response.status_code == expected, response.text
        return response.json()

    async def events(self, event_type: str | None = None) -> list[dict[str, Any]]:
        """Events written to the outbox since the last call, oldest first."""
        async with self.sessions() as session:
            query = sa.select(outbox_table).order_by(outbox_table.c.id)
            rows = (await session.execute(query)).all()
        fresh = [r for r in rows if r.id not in self.seen]
        self.seen.update(r.id for r in fresh)
        bodies = [json.loads(r.body) for r in fresh]
        return [b for b in bodies if event_type is None or b["type"] == event_type]


@asynccontextmanager
async def discipline_harness(
    url: str, holidays: Path | None = None, **settings: Any
) -> AsyncIterator[DisciplineHarness]:
    await migrate(MIGRATIONS, url)
    if holidays is not None:
        settings["ASN_HOLIDAYS_FILE"] = str(holidays)
    harness = DisciplineHarness(
        url, SanctionsSettings(**settings), TestClock.at(datetime(2026, 3, 2, 8, tzinfo=UTC))
    )
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()
