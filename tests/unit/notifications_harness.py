"""The notifications consumer over a real, migrated SQLite database, with the HTTP routers, the
unit contacts and webhook subscribers it is configured with, and events built from the catalog's
golden examples (re-aimed at the people of this harness).

The HTTP app is the one production serves (`service_api`: the request guard, the 422 without
echo, the body limit), over this database, with a runtime whose unit of work records a person's
act as the service's does (tests/support.py FakeRuntime; `clock` is the acts' "now"). The HTTP
client sends bearer tokens of the tests' issuer (tests/identity.py), checked as in production:
`ActingAs` gives a `/people/{nip}/...` request the token of that person (the owner);
`http(default=..., roles=...)` acts as someone else for the other routes (the delivery log needs
the auditor role)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

import asn_notifications
from asn_notifications.adapters.rendering import MailRenderer
from asn_notifications.adapters.signal import DispatchSignal
from asn_notifications.adapters.tables import notifications
from asn_notifications.api import ROUTERS
from asn_notifications.domain.contacts import UnitContact, UnitContacts
from asn_notifications.domain.webhooks import WebhookSubscriber, generate_secret
from asn_notifications.handlers import build_handlers
from asn_notifications.settings import NotificationsSettings
from asn_notifications.subscriptions import CONSUMER
from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import EmployeeProfileUpdated
from asn_shared.catalog.base import event_model
from asn_shared.catalog.export import EXAMPLE_DIR
from asn_shared.clock import Clock, system_clock
from asn_shared.envelope import CloudEvent, new_event
from asn_shared.messaging.consumer import EventConsumer, Outcome
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import outbox_table
from asn_shared.runtime.http import service_api
from tests.identity import ActingAs, verifier
from tests.support import FakePublisher, FakeRuntime, delivery, migrate

MIGRATIONS = Path(asn_notifications.__file__).parent / "migrations"
ZONE = ZoneInfo("Asia/Jakarta")
UNIT = "dinkes"
ASN = "198703122010011004"
SUPERVISOR = "197501012000031002"
EXAMINER = "198110172006042003"
HR = "198001012005011005"
HR_EMAIL = "kepegawaian@dinkes.example.go.id"
AUDITOR = "196805151990031001"  # an inspectorate auditor: the role, no relation to anybody here
SECRET = generate_secret()


def person(nip: str, name: str, supervisor: str | None = None) -> EmployeeProfileUpdated:
    return EmployeeProfileUpdated(
        nip=nip,
        name=name,
        unit_id=UNIT,
        unit_name="Dinas Kesehatan",
        position="Pranata Komputer",
        position_type="FUNGSIONAL",
        supervisor_nip=supervisor,
        email=f"{name.split()[0].lower()}@dinkes.example.go.id",
    )


PEOPLE = (
    person(ASN, "Siti Rahma", SUPERVISOR),
    person(SUPERVISOR, "Budi Santoso"),
    person(EXAMINER, "Rina Wulandari"),
)


def example(routing_key: str, **changes: Any) -> EventData:
    """The catalog's example of `routing_key`, about our ASN (and our examiner), with changes."""
    raw = json.loads((EXAMPLE_DIR / f"{routing_key}.json").read_text())
    data = raw["data"]
    for field in ("nip", "responsible_nip"):
        if field in data:
            data[field] = ASN
    for field in ("examiner_nip", "imposed_by_nip", "decided_by_nip"):
        if data.get(field):
            data[field] = EXAMINER
    if "examiner_nips" in data:
        data["examiner_nips"] = [EXAMINER]
    return event_model(raw["type"]).model_validate({**data, **changes})


def subscriber(event_types: Sequence[str], unit_ids: Sequence[str] = ()) -> WebhookSubscriber:
    return WebhookSubscriber(
        id="bkd-prov",
        url="http://127.0.0.1:9/hooks",
        secret=SECRET,
        event_types=set(event_types),
        unit_ids=set(unit_ids),
    )


@dataclass
class NotificationsHarness:
    sessions: async_sessionmaker
    consumer: EventConsumer
    signal: DispatchSignal
    renderer: MailRenderer
    # The HTTP commands' "now" (the time of the acts they record); the wall clock unless set.
    clock: Clock = system_clock

    async def deliver(self, data: EventData, **envelope: Any) -> tuple[CloudEvent, Outcome]:
        event = envelope.pop("event", None) or new_event(
            data, source=envelope.pop("source", "/asn-kinerja/sanctions"), **envelope
        )
        return event, await self.consumer.process(delivery(event, type(data).routing_key()))

    async def know_people(self) -> None:
        for profile in PEOPLE:
            await self.deliver(profile, source="/agencies/bkn")

    async def rows(self, channel: str | None = None, **where: Any) -> list[Any]:
        query = select(notifications).order_by(notifications.c.created_at, notifications.c.id)
        if channel:
            query = query.where(notifications.c.channel == channel)
        for column, value in where.items():
            query = query.where(notifications.c[column] == value)
        async with self.sessions() as session:
            return list((await session.execute(query)).all())

    async def events(self) -> list[dict[str, Any]]:
        async with self.sessions() as session:
            return [json.loads(r.body) for r in (await session.execute(select(outbox_table)))]

    def app(self) -> FastAPI:
        """The service's HTTP app over this database, checking tokens of the tests' issuer."""
        return notifications_app(self.sessions, clock=self.clock)

    @asynccontextmanager
    async def http(
        self, default: str | None = None, roles: Sequence[str] = ()
    ) -> AsyncIterator[httpx.AsyncClient]:
        """A client acting as the person of a `/people/{nip}/` path, else as `default`."""
        transport = httpx.ASGITransport(app=self.app())
        auth = ActingAs(default=default, roles=roles)
        async with httpx.AsyncClient(transport=transport, base_url="http://t", auth=auth) as client:
            yield client


def notifications_app(
    sessions: async_sessionmaker | None = None, *, clock: Clock = system_clock
) -> FastAPI:
    """What the runtime serves (asn_shared.runtime.http.service_api with the service's routers),
    minus health and metrics, over `sessions`, checking tokens of the tests' issuer. Without
    sessions, for its OpenAPI document (or until a test gives it some)."""
    settings = NotificationsSettings()
    app = service_api("notifications", ROUTERS, settings)
    # Without sessions until a test gives it some (the schemathesis world sets them later).
    app.state.runtime = FakeRuntime(sessions, settings, clock, identity=verifier())
    return app


@asynccontextmanager
async def notifications_harness(
    tmp_path: Path,
    *,
    subscribers: Sequence[WebhookSubscriber] = (),
    hr_nip: str | None = HR,
    database_url: str | None = None,
    clock: Clock = system_clock,
) -> AsyncIterator[NotificationsHarness]:
    """Over a SQLite file in `tmp_path`, or the (empty) database at `database_url`."""
    url = database_url or f"sqlite+aiosqlite:///{tmp_path / 'notifications.db'}"
    await migrate(MIGRATIONS, url)
    engine = create_engine(url)
    contacts = UnitContacts(
        {UNIT: (UnitContact(name="Subbag Kepegawaian", email=HR_EMAIL, nip=hr_nip),)}
    )
    renderer, signal = MailRenderer(ZONE), DispatchSignal()
    handlers = build_handlers(renderer, signal, contacts=contacts, subscribers=subscribers)
    consumer = EventConsumer(
        CONSUMER,
        handlers,
        session_factory(engine),
        FakePublisher(),
        source="/asn-kinerja/notifications",
    )
    try:
        yield NotificationsHarness(session_factory(engine), consumer, signal, renderer, clock)
    finally:
        await engine.dispose()


def at(day: int, hour: int) -> datetime:
    """A moment of December 2099 in Jakarta time, as UTC: after any row the wall clock records."""
    return datetime(2099, 12, day, hour, 0, tzinfo=ZONE).astimezone(UTC)
