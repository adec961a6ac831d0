"""ComplaintReceived through the real consumer into a real, migrated SQLite database."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
import pytest_asyncio
import sqlalchemy as sa
import structlog
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import async_sessionmaker

import asn_feedback
from asn_feedback.adapters.tables import complaints, metadata
from asn_feedback.handlers import build_handlers
from asn_feedback.main import build
from asn_feedback.settings import FeedbackSettings
from asn_feedback.subscriptions import CONSUMER
from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.envelope import new_event
from asn_shared.logging import configure_logging
from asn_shared.messaging.consumer import EventConsumer, Outcome
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import messaging_metadata
from tests.support import FakePublisher, delivery, migrate

MIGRATIONS = Path(asn_feedback.__file__).parent / "migrations"
ROUTING_KEY = ComplaintReceived.routing_key()

NAME, EMAIL, PHONE = "Siti Rahmawati", "siti.rahmawati@contoh.id", "+62 812-3456-7890"


def complaint(**overrides: object) -> ComplaintReceived:
    values: dict[str, object] = {
        "complaint_id": "LAP-2026-000123",
        "channel": "SP4N-LAPOR!",
        "received_at": datetime.fromisoformat("2026-01-31T23:30:00+00:00"),
        "service_date": date(2026, 1, 1),
        "unit_id": "dukcapil-kotabumi",
        "subject_nip": "198703122010011004",
        "category": "pelayanan-ktp",
        "description": "Petugas meminta biaya tambahan untuk KTP-el.",
        "complainant": {"name": NAME, "email": EMAIL, "phone": PHONE, "privacy": "PUBLIK"},
    }
    values.update(overrides)
    return ComplaintReceived.model_validate(values)


@dataclass
class Harness:
    consumer: EventConsumer
    publisher: FakePublisher
    sessions: async_sessionmaker
    url: str

    async def deliver(self, data: ComplaintReceived, source: str = "/agencies/lapor") -> Outcome:
        event = new_event(data, source=source)
        return await self.consumer.process(delivery(event, ROUTING_KEY))

    async def rows(self) -> list[sa.Row]:
        async with self.sessions() as session:
            return list((await session.execute(sa.select(complaints))).all())


@pytest_asyncio.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'feedback.db'}"
    await migrate(MIGRATIONS, url)
    engine = create_engine(url)
    publisher = FakePublisher()
    sessions = session_factory(engine)
    consumer = EventConsumer(
        CONSUMER,
        build_handlers(FeedbackSettings()),
        sessions,
        publisher,
        source="/asn-kinerja/feedback",
        retry_backoff_seconds=0,
    )
    yield Harness(consumer, publisher, sessions, url)
    await engine.dispose()


@pytest.mark.asyncio
async def test_complaint_is_stored_with_receipt_and_deadlines(harness: Harness):
    assert await harness.deliver(complaint()) is Outcome.APPLIED

    [row] = await harness.rows()
    assert row.status == "RECEIVED"
    assert row.receipt_number.startswith("TT-")
    # 23:30 UTC on Jan 31 is Feb 1 in Jakarta: due 14 days later, and day 31 after Jan 1: late
    # (by the UTC date it would have been day 30, in time).
    assert row.response_due == date(2026, 2, 15)
    assert row.late_filing is True
    assert (row.complainant_name, row.complainant_email, row.complainant_phone) == (
        NAME,
        EMAIL,
        PHONE,
    )
    assert (row.privacy, row.unit_id) == ("PUBLIK", "dukcapil-kotabumi")
    assert row.subject_nip == "198703122010011004"
    assert harness.publisher.published == []  # no receipt event in the contract
    assert harness.publisher.dead_letters == []


@pytest.mark.asyncio
async def test_late_filing_is_recorded_not_refused(harness: Harness):
    # Both received on Feb 1 in Jakarta: day 30 after Jan 2, day 31 after Jan 1.
    on_time = complaint(complaint_id="A", service_date=date(2026, 1, 2))
    late = complaint(complaint_id="B", service_date=date(2026, 1, 1))

    assert await harness.deliver(on_time) is Outcome.APPLIED
    assert await harness.deliver(late) is Outcome.APPLIED
    flags = {r.complaint_id: r.late_filing for r in await harness.rows()}
    assert flags == {"A": False, "B": True}


@pytest.mark.asyncio
async def test_same_complaint_republished_under_a_new_event_id_is_a_no_op(harness: Harness):
    with structlog.testing.capture_logs() as logs:
        assert await harness.deliver(complaint()) is Outcome.APPLIED
        # Same channel and complaint id, new CloudEvent (new id, even a new text): no new row.
        again = complaint(description="Dikirim ulang oleh kanal.")
        assert await harness.deliver(again) is Outcome.APPLIED

    [row] = await harness.rows()
    assert row.description == "Petugas meminta biaya tambahan untuk KTP-el."
    duplicates = [e for e in logs if e["event"] == "complaint.duplicate"]
    assert len(duplicates) == 1
    assert duplicates[0]["receipt_number"] == row.receipt_number
    assert duplicates[0]["first_event_id"] == row.event_id


@pytest.mark.asyncio
async def test_same_complaint_id_from_another_channel_is_another_complaint(harness: Harness):
    await harness.deliver(complaint(channel="SP4N-LAPOR!"))
    await harness.deliver(complaint(channel="kotabumi-app"))
    rows = await harness.rows()
    assert len(rows) == 2
    assert rows[0].receipt_number != rows[1].receipt_number


async def _every_logging_path(harness: Harness) -> None:
    await harness.deliver(complaint())
    await harness.deliver(complaint(description="ulang"))  # the duplicate path
    await harness.deliver(complaint(complaint_id="x" * 201))  # the refusal path


def _assert_no_personal_data(written: str) -> None:
    for personal in (NAME, EMAIL, PHONE, "Siti", "812-3456", "biaya tambahan"):
        assert personal not in written


@pytest.mark.asyncio
async def test_complainant_identity_never_reaches_a_log_event(harness: Harness):
    with structlog.testing.capture_logs() as logs:
        await _every_logging_path(harness)

    logged = {e["event"] for e in logs}
    assert {"complaint.received", "complaint.duplicate", "event.dead_lettered"} <= logged
    _assert_no_personal_data(json.dumps(logs, default=str))


@pytest.fixture
def json_logs_at_debug(capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    """The service's real log configuration, at its most verbose, restored afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    configure_logging("feedback", "DEBUG", json=True)
    yield
    structlog.reset_defaults()
    structlog.contextvars.clear_contextvars()
    root.handlers[:], root.level = handlers, level


@pytest.mark.asyncio
async def test_complainant_identity_never_reaches_stdout(
    harness: Harness, json_logs_at_debug, capsys, caplog
):
    await _every_logging_path(harness)

    written = capsys.readouterr().out
    assert '"event": "complaint.received"' in written
    _assert_no_personal_data(written + caplog.text)


@pytest.mark.asyncio
async def test_oversized_key_is_dead_lettered_with_a_reason(harness: Harness):
    outcome = await harness.deliver(complaint(complaint_id="x" * 201))

    assert outcome is Outcome.DEAD_LETTERED
    [dead] = harness.publisher.dead_letters
    assert dead["reason"] == "ComplaintReceived.complaint_id longer than 200 characters"
    assert await harness.rows() == []


@pytest.mark.asyncio
async def test_complaint_without_privacy_choice_is_dead_lettered_without_echoing_it(
    harness: Harness,
):
    data = complaint().model_dump(mode="json")
    del data["complainant"]["privacy"]
    event = new_event(complaint(), source="/agencies/lapor").model_copy(update={"data": data})

    assert await harness.consumer.process(delivery(event, ROUTING_KEY)) is Outcome.DEAD_LETTERED
    [dead] = harness.publisher.dead_letters
    assert "complainant.privacy" in dead["reason"]
    assert EMAIL not in dead["reason"] and NAME not in dead["reason"]


def test_migration_matches_the_models(tmp_path: Path):
    """The hand-written migration and models.py describe the same schema."""
    import asyncio

    url = f"sqlite+aiosqlite:///{tmp_path / 'schema.db'}"
    asyncio.run(migrate(MIGRATIONS, url))
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), [metadata, messaging_metadata])
    engine.dispose()
    assert diff == []


def test_definition_binds_exactly_the_handled_events():
    definition = build()
    bound = set(definition.consumer.routing_keys)
    assert bound == {model.routing_key() for model in definition.handlers}
    assert ROUTING_KEY in bound
    assert definition.settings.http_port == 8102
    assert definition.settings.event_source == "/asn-kinerja/feedback"
