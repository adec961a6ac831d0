"""Citizens' satisfaction through the feedback consumer and HTTP API, on SQLite and PostgreSQL:
SKM questionnaires into ServiceSatisfactionMeasured and public statistics; citizens' ratings and
complaints about an officer into CitizenFeedbackSummarized."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import sqlalchemy as sa

import asn_feedback
from asn_feedback.api import ROUTERS
from asn_feedback.handlers import build_handlers
from asn_feedback.settings import FeedbackSettings
from asn_feedback.subscriptions import CONSUMER
from asn_shared.catalog import EventData, event_model
from asn_shared.catalog.agency_events import (
    CitizenRatingSubmitted,
    ComplaintReceived,
    SurveyResponseSubmitted,
)
from asn_shared.catalog.vocabulary import SkmUnsur
from asn_shared.envelope import CloudEvent, new_event
from asn_shared.identity.caller import Role
from asn_shared.messaging.consumer import EventConsumer, Outcome
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import outbox_table
from asn_shared.runtime.http import service_api
from asn_shared.sealing import generate_key
from tests.clock import TestClock
from tests.identity import ActingAs
from tests.support import FakePublisher, FakeRuntime, delivery, migrate

MIGRATIONS = Path(asn_feedback.__file__).parent / "migrations"
UNIT = "dukcapil-kotabumi"
OFFICER = "198703122010011004"
ADMIN = "197201012000031001"  # the agency's administrator of complaint handling (unit-admin)
SECRET_NAME = "Yohanes Ndun"
CONTACT_KEY = generate_key()  # shared by feedback and notifications only


@dataclass
class Feedback:
    consumer: EventConsumer
    client: httpx.AsyncClient  # acts as the NIP its body names (actor_nip), else as a citizen
    admin: httpx.AsyncClient  # acts as ADMIN, with the role unit-admin
    sessions: object
    settings: FeedbackSettings
    clock: TestClock
    pumped: set[str] = field(default_factory=set)

    async def deliver(self, data: EventData, source: str = "/agencies/kotabumi") -> Outcome:
        event = new_event(data, source=source, time=self.clock())
        return await self.consumer.process(delivery(event, event_model(event.type).routing_key()))

    async def pump(self) -> int:
        """Apply the ComplaintReceived events the API put in the outbox, as the broker would."""
        applied = 0
        for body in await self.outbox("ComplaintReceived"):
            if body["id"] not in self.pumped:
                self.pumped.add(body["id"])
                event = CloudEvent.model_validate(body)
                outcome = await self.consumer.process(delivery(event, "complaint.received.v1"))
                assert outcome is Outcome.APPLIED
                applied += 1
        return applied

    async def rows(self, table: sa.Table) -> list[sa.Row]:
        async with self.sessions() as session:
            return list((await session.execute(sa.select(table))).all())

    async def outbox(self, event_type: str) -> list[dict]:
        async with self.sessions() as session:
            rows = (await session.execute(sa.select(outbox_table.c.body))).all()
        events = [json.loads(r.body) for r in rows]
        return [e for e in events if e["type"] == event_type]


@asynccontextmanager
async def feedback(
    url: str, clock: TestClock | None = None, **overrides: object
) -> AsyncIterator[Feedback]:
    """`clock`: the test's `clock` fixture when the outcome depends on the date.

    Two clients over the same app, tokens checked as in production (tests/identity.py):
    `client` gives each request a token for the official its body names (`actor_nip`) and none
    otherwise, as a citizen calls (the intake, a complainant's step, the public reads); `admin`
    calls as the agency's unit administrator (naming a unit's officials, measuring its SKM)."""
    await migrate(MIGRATIONS, url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    overrides.setdefault("contact_key", CONTACT_KEY)
    settings = FeedbackSettings(**overrides)
    consumer = EventConsumer(
        CONSUMER,
        build_handlers(settings),
        sessions,
        FakePublisher(),
        source=settings.event_source,
        retry_backoff_seconds=0,
    )
    app = service_api("feedback", ROUTERS, settings)  # what the runtime serves (asn_shared)
    clock = clock or TestClock()
    app.state.runtime = FakeRuntime(sessions, settings, clock)
    transport = httpx.ASGITransport(app=app)
    as_admin = ActingAs(default=ADMIN, roles=[Role.UNIT_ADMIN.value])
    try:
        async with (
            httpx.AsyncClient(
                transport=transport, base_url="http://feedback", auth=ActingAs()
            ) as client,
            httpx.AsyncClient(
                transport=transport, base_url="http://feedback", auth=as_admin
            ) as admin,
        ):
            yield Feedback(consumer, client, admin, sessions, settings, clock)
    finally:
        await engine.dispose()


def survey(score: int, *, skip: SkmUnsur | None = None) -> SurveyResponseSubmitted:
    answers = {u: score for u in SkmUnsur if u is not skip}
    return SurveyResponseSubmitted(
        unit_id=UNIT, service_name="KTP-el", period="2026-Q2", answers=answers
    )


async def test_skm_is_measured_published_and_shown_in_the_public_statistics(database_url):
    async with feedback(database_url) as f:
        url = f"/api/v1/units/{UNIT}/skm/2026-Q2"
        nothing = await f.admin.post(url, json={})
        assert nothing.status_code == 409 and "nine elements" in nothing.json()["detail"]["message"]
        for _ in range(60):
            assert await f.deliver(survey(4)) is Outcome.APPLIED
        for _ in range(20):
            await f.deliver(survey(3))
        await f.deliver(survey(1, skip=SkmUnsur.BIAYA_TARIF))  # incomplete: kept, not counted
        measured = await f.admin.post(url, json={"population": 100, "unit_name": "Dukcapil"})
        assert measured.status_code == 201, measured.text
        body = measured.json()
        assert (body["respondents"], body["incomplete_questionnaires"]) == (80, 1)
        assert (body["ikm"], body["nik"], body["mutu"]) == (3.75, 93.75, "A")
        assert (body["required_sample"], body["sample_sufficient"]) == (80, True)
        [event] = await f.outbox("ServiceSatisfactionMeasured")
        assert event["data"]["mutu"] == "A" and event["data"]["unit_name"] == "Dukcapil"
        assert event["data"]["nrr_per_unsur"]["PERSYARATAN"] == 3.75
        again = await f.admin.post(url, json={"population": 1_200})
        assert again.json()["sample_sufficient"] is False  # 291 needed
        stats = (
            await f.client.get(f"/api/v1/units/{UNIT}/statistics", params={"period": "2026-Q2"})
        ).json()
        assert stats["skm"]["required_sample"] == 291 and stats["skm"]["mutu"] == "A"
        bad = await f.admin.post(url, json={"population": 0})
        assert bad.status_code == 422


async def test_ratings_and_complaints_about_an_officer_are_summarised(database_url):
    async with feedback(database_url) as f:
        served = datetime(2026, 6, 30, 20, 0, tzinfo=UTC)  # 1 July in Jakarta: Q3
        for score in (5, 4):
            rating = CitizenRatingSubmitted(
                nip=OFFICER,
                unit_id=UNIT,
                score=score,
                comment=f"dilayani {SECRET_NAME}",
                served_at=served,
            )
            assert await f.deliver(rating) is Outcome.APPLIED
        complaint = ComplaintReceived.model_validate(
            {
                "complaint_id": "LAP-1",
                "channel": "SP4N-LAPOR!",
                "received_at": "2026-07-02T10:00:00+07:00",
                "service_date": "2026-07-01",
                "unit_id": UNIT,
                "subject_nip": OFFICER,
                "category": "pungli",
                "description": "Diminta biaya tambahan",
                "complainant": {"name": SECRET_NAME, "privacy": "RAHASIA"},
            }
        )
        assert await f.deliver(complaint, source="/agencies/lapor") is Outcome.APPLIED
        summaries = await f.outbox("CitizenFeedbackSummarized")
        latest = {e["data"]["period"]: e["data"] for e in summaries}  # newest wins downstream
        assert set(latest) == {"2026", "2026-Q3"}
        for period in ("2026", "2026-Q3"):
            assert latest[period]["ratings_count"] == 2
            assert latest[period]["average_score"] == 4.5
            assert latest[period]["complaints_received"] == 1
        assert not any(SECRET_NAME in json.dumps(e) for e in summaries)
        stats = (
            await f.client.get(f"/api/v1/units/{UNIT}/statistics", params={"period": "2026"})
        ).json()
        assert stats["complaints"]["received"] == 1 and stats["skm"] is None
        assert SECRET_NAME not in json.dumps(stats)
        other = (
            await f.client.get(f"/api/v1/units/{UNIT}/statistics", params={"period": "2026-Q2"})
        ).json()
        assert other["complaints"]["received"] == 0
