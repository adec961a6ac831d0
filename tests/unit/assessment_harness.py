"""The assessment service's HTTP API and consumer over a real, migrated database.

Events the service emits land in its outbox; `pump` hands those it also consumes to its
consumer, as the broker would: the API's AssessmentSubmitted is applied then; the acts its HTTP
commands record (PerformancePlanDrafted, ...) were applied by the command and claimed in its inbox,
so their delivery is a duplicate. `log` holds what the audit stream would, in order: every event
delivered from elsewhere and every event of the outbox, as `pump` reads it.

Requests carry bearer tokens of the tests' issuer, verified as in production: `ActingAs` gives
each the token of the person its body names (`actor_nip`, `assessor_nip`, `nip`, ...). A request
that names nobody (a read, an SKP edit) acts as `READER`, an auditor (role `auditor`, read-only),
unless the test sends its own Authorization header (`tests.identity.bearer`).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker

import asn_assessment
from asn_assessment.api import ROUTERS
from asn_assessment.handlers import build_handlers
from asn_assessment.settings import AssessmentSettings
from asn_assessment.subscriptions import CONSUMER, OWN_ACTS
from asn_shared.catalog import event_model
from asn_shared.catalog.agency_events import EmployeeProfileUpdated
from asn_shared.envelope import CloudEvent, new_event
from asn_shared.identity.caller import Role
from asn_shared.messaging.consumer import EventConsumer, Outcome
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import outbox_table
from asn_shared.runtime.http import service_api
from tests.clock import TestClock
from tests.identity import ActingAs, bearer, token
from tests.support import FakePublisher, FakeRuntime, delivery, migrate

MIGRATIONS = Path(asn_assessment.__file__).parent / "migrations"
SOURCE = "/asn-kinerja/assessment"
UNIT = "dinkes-kepahiang"
READER = "196801011990039999"  # an auditor: who reads when a request names nobody

# A little world (`directory`, `rated_year`): a unit with its head, an evaluator and staff.
LEADER = "196001011985031001"  # the head's superior, outside the unit: the leader one level up
HEAD = "197001011995031001"  # the unit's head, the evaluator's superior
EVALUATOR = "198001012005011002"  # every staff member's direct superior
STAFF = [f"19900101201501{i:04d}" for i in range(1, 4)]
ASN, PEER = STAFF[0], STAFF[1]
STRANGER = "199901012022011009"  # in no relation to anyone here
SESUAI = "SESUAI_EKSPEKTASI"


def mint(nip: str, roles: Sequence[str]) -> str:
    return token(nip, (Role.AUDITOR.value,) if nip == READER else roles)


def acting_as() -> ActingAs:
    return ActingAs(default=READER, mint=mint)


@dataclass
class AssessmentHarness:
    client: httpx.AsyncClient
    consumer: EventConsumer
    sessions: async_sessionmaker
    clock: TestClock
    app: FastAPI
    seen_outbox_ids: set[int] = field(default_factory=set)
    log: list[CloudEvent] = field(default_factory=list)

    async def deliver(self, event: CloudEvent) -> Outcome:
        """An event from elsewhere (an agency, another service), as the broker delivers it."""
        self.log.append(event)
        return await self._consume(event)

    async def _consume(self, event: CloudEvent) -> Outcome:
        return await self.consumer.process(delivery(event, event_model(event.type).routing_key()))

    async def profile(
        self,
        nip: str,
        supervisor: str | None,
        *,
        unit: str = UNIT,
        position_type: str = "FUNGSIONAL",
        time: datetime | None = None,
    ) -> None:
        data = EmployeeProfileUpdated(
            nip=nip,
            name=f"ASN {nip[-4:]}",
            unit_id=unit,
            unit_name="Dinas Kesehatan",
            position="Pranata Komputer",
            position_type=position_type,
            supervisor_nip=supervisor,
            email=f"asn{nip[-4:]}@example.go.id",
        )
        event = new_event(data, source="/agencies/bkn", time=time or self.clock())
        assert await self.deliver(event) is Outcome.APPLIED

    async def pump(self) -> list[dict[str, Any]]:
        """New outbox events, oldest first; those the service consumes are applied now."""
        async with self.sessions() as session:
            rows = (
                await session.execute(sa.select(outbox_table).order_by(outbox_table.c.id))
            ).all()
        fresh = [r for r in rows if r.id not in self.seen_outbox_ids]
        events = []
        for row in fresh:
            self.seen_outbox_ids.add(row.id)
            body = json.loads(row.body)
            events.append(body)
            event = CloudEvent.model_validate(body)
            self.log.append(event)
            if row.routing_key in CONSUMER.routing_keys:
                own_act = event_model(event.type) in OWN_ACTS
                expected = Outcome.DUPLICATE if own_act else Outcome.APPLIED
                assert await self._consume(event) is expected, event.type
        return events

    async def rows(self, table: sa.Table) -> list[Any]:
        async with self.sessions() as session:
            return list((await session.execute(sa.select(table))).all())


@asynccontextmanager
async def assessment_harness(
    url: str, clock: TestClock | None = None, **settings: Any
) -> AsyncIterator[AssessmentHarness]:
    """`clock`: the test's `clock` fixture when the outcome depends on the date (tests/clock.py);
    otherwise a clock of its own, from the real time."""
    clock = clock or TestClock()
    await migrate(MIGRATIONS, url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    config = AssessmentSettings(**settings)
    consumer = EventConsumer(
        CONSUMER,
        build_handlers(config),
        sessions,
        FakePublisher(),
        source=SOURCE,
        retry_backoff_seconds=0,
    )
    app = service_api("assessment", ROUTERS, config)  # what production serves (guard included)
    app.state.runtime = FakeRuntime(sessions, config, clock)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://assessment", auth=acting_as()
        ) as client:
            yield AssessmentHarness(client, consumer, sessions, clock, app)
    finally:
        await engine.dispose()


def plan_body(nip: str) -> dict[str, Any]:
    return {
        "nip": nip,
        "period": "2026",
        "rhk": [
            {
                "id": f"rhk-{nip}",
                "jenis": "UTAMA",
                "description": "Cakupan imunisasi",
                "indicators": [
                    {
                        "id": f"iki-{nip}",
                        "description": "Persentase cakupan",
                        "target": 90,
                        "unit_of_measure": "persen",
                        "aspek": "KUANTITAS",
                    }
                ],
            }
        ],
    }


def supervisor_assessment(nip: str, period: str = "2026", **kw: Any) -> dict[str, Any]:
    return {
        "nip": nip,
        "period": period,
        "assessor_role": "SUPERVISOR",
        "rating_hasil_kerja": SESUAI,
        "rating_perilaku_kerja": SESUAI,
        **kw,
    }


async def directory(h: AssessmentHarness) -> None:
    await h.profile(LEADER, None, unit="dinkes", position_type="JPT")
    await h.profile(HEAD, LEADER, position_type="ADMINISTRASI")
    await h.profile(EVALUATOR, HEAD)
    for nip in STAFF:
        await h.profile(nip, EVALUATOR)


async def expect(
    h: AssessmentHarness,
    status: int,
    who: str | dict[str, str] | None,
    method: str,
    url: str,
    body: dict[str, Any] | None = None,
) -> Any:
    """`who`: a NIP (their token), headers, or None (the harness's ActingAs picks the actor)."""
    headers = bearer(who) if isinstance(who, str) else who
    response = await h.client.request(method, url, json=body, headers=headers)
    assert response.status_code == status, f"{method} {url} by {who}: {response.text}"
    return response.json()


async def rated_year(h: AssessmentHarness) -> dict[str, str]:
    """Everyone of the unit rated for 2026, the predicate set, the year closed, a plan drafted
    and an objection filed: what the routes' path parameters name."""
    await directory(h)
    plan = await expect(h, 201, None, "POST", "/api/v1/plans", plan_body(ASN))
    for nip, by in [(HEAD, LEADER), (EVALUATOR, HEAD)] + [(s, EVALUATOR) for s in STAFF]:
        await expect(h, 202, by, "POST", "/api/v1/assessments", supervisor_assessment(nip))
    await h.pump()
    url = f"/api/v1/units/{UNIT}/periods/2026"
    predicate = {"predikat_organisasi": "BAIK"}
    await expect(h, 200, LEADER, "PUT", f"{url}/organization-rating", predicate)
    await expect(h, 200, HEAD, "POST", f"{url}/close", {})
    objection = {"nip": ASN, "period": "2026", "reasons": "Bukti dukung belum dinilai"}
    filed = await expect(h, 201, None, "POST", "/api/v1/objections", objection)
    await h.pump()
    return {
        "nip": ASN,
        "period": "2026",
        "unit_id": UNIT,
        "plan_id": plan["id"],
        "objection_id": filed["id"],
    }
