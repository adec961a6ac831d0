"""Notifications: what the handlers record, through the real consumer path on a tmp SQLite DB."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
import pytest_asyncio
import structlog
from fastapi import FastAPI
from sqlalchemy import select

from asn_notifications.adapters.rendering import MailRenderer
from asn_notifications.adapters.signal import DispatchSignal
from asn_notifications.adapters.tables import metadata, notifications, people
from asn_notifications.api.delivery_log import router
from asn_notifications.handlers import build_handlers
from asn_notifications.subscriptions import CONSUMER
from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import (
    Complainant,
    ComplaintReceived,
    EmployeeProfileUpdated,
)
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.feedback_events import ComplaintResolved, ComplaintVerified
from asn_shared.envelope import CloudEvent, new_event
from asn_shared.messaging.consumer import Delivery, EventConsumer, Outcome
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import messaging_metadata, outbox_table
from asn_shared.sealing import ContactSeal, generate_key
from tests.identity import ActingAs, verifier

ASN_NIP = "198703122010011004"
SUP_NIP = "197501012000031002"
AUDITOR_NIP = "196805151990031001"
T0 = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)


class FakePublisher:
    def __init__(self) -> None:
        self.dead_letters: list[str] = []

    async def dead_letter(self, consumer: str, body: bytes, *, reason: str, **_: Any) -> None:
        self.dead_letters.append(reason)


@pytest_asyncio.fixture
async def sessions(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'notifications.db'}")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
        await conn.run_sync(messaging_metadata.create_all)
    yield session_factory(engine)
    await engine.dispose()


@pytest.fixture
def signal() -> DispatchSignal:
    return DispatchSignal()


@pytest.fixture
def consumer(sessions, signal) -> EventConsumer:
    handlers = build_handlers(MailRenderer(ZoneInfo("Asia/Jakarta")), signal)
    return EventConsumer(
        CONSUMER, handlers, sessions, FakePublisher(), source="/asn-kinerja/notifications"
    )


async def deliver(
    consumer: EventConsumer, data: EventData, **envelope: Any
) -> tuple[CloudEvent, Outcome]:
    event = envelope.pop("event", None) or new_event(
        data, source=envelope.pop("source", "/agencies/bkn"), **envelope
    )
    delivery = Delivery(
        body=event.to_json_bytes(),
        headers={},
        content_type="application/cloudevents+json",
        routing_key=type(data).routing_key(),
        message_id=event.id,
    )
    return event, await consumer.process(delivery)


def profile(
    nip: str,
    name: str,
    email: str,
    supervisor: str | None = None,
    unit_name: str = "Dinas Kesehatan",
) -> EmployeeProfileUpdated:
    return EmployeeProfileUpdated(
        nip=nip,
        name=name,
        unit_id="dinkes",
        unit_name=unit_name,
        position="Pranata Komputer",
        position_type="FUNGSIONAL",
        supervisor_nip=supervisor,
        email=email,
        phone="08123456789",
    )


def rated() -> PerformanceRated:
    return PerformanceRated(
        nip=ASN_NIP,
        period="2026-Q3",
        rating_hasil_kerja="DI_BAWAH_EKSPEKTASI",
        rating_perilaku_kerja="SESUAI_EKSPEKTASI",
        predikat="BUTUH_PERBAIKAN",
        rated_at=T0,
    )


async def rows(sessions, table=notifications, channel: str | None = "EMAIL") -> list[Any]:
    """The mail rows by default (this file is about mail; inboxes have test_notifications_inbox)."""
    query = select(table)
    if table is notifications and channel:
        query = query.where(notifications.c.channel == channel)
    async with sessions() as session:
        return list((await session.execute(query)).all())


async def outbox_events(sessions) -> list[dict[str, Any]]:
    """What went to the event outbox, but NotificationSent of inbox deliveries."""
    events = [json.loads(r.body) for r in await rows(sessions, outbox_table)]
    return [e for e in events if e["data"].get("channel") != "INBOX"]


async def known_people(consumer: EventConsumer) -> None:
    await deliver(consumer, profile(ASN_NIP, "Siti Rahma", "siti@dinkes.go.id", SUP_NIP), time=T0)
    await deliver(consumer, profile(SUP_NIP, "Budi Santoso", "budi@dinkes.go.id"), time=T0)


@pytest.mark.asyncio
async def test_newer_profile_replaces_and_late_older_one_is_ignored(consumer, sessions) -> None:
    await deliver(consumer, profile(ASN_NIP, "Siti", "old@dinkes.go.id"), time=T0)
    await deliver(
        consumer,
        profile(ASN_NIP, "Siti Rahma", "new@dinkes.go.id", SUP_NIP),
        time=T0 + timedelta(days=2),
    )
    _, outcome = await deliver(
        consumer, profile(ASN_NIP, "Stale", "stale@dinkes.go.id"), time=T0 + timedelta(days=1)
    )
    assert outcome is Outcome.APPLIED
    (person,) = await rows(sessions, people)
    assert (person.name, person.email, person.supervisor_nip) == (
        "Siti Rahma",
        "new@dinkes.go.id",
        SUP_NIP,
    )


@pytest.mark.asyncio
async def test_rating_records_one_pending_mail_each_for_asn_and_supervisor(
    consumer, sessions, signal
) -> None:
    await known_people(consumer)
    signal.clear()
    event, outcome = await deliver(
        consumer, rated(), source="/asn-kinerja/assessment", correlation_id="conv-1"
    )
    assert outcome is Outcome.APPLIED
    recorded = {r.recipient_role: r for r in await rows(sessions)}
    assert set(recorded) == {"ASN", "SUPERVISOR"}
    asn, sup = recorded["ASN"], recorded["SUPERVISOR"]
    assert (asn.status, asn.recipient_nip, asn.recipient_address) == (
        "PENDING",
        ASN_NIP,
        "siti@dinkes.go.id",
    )
    assert (sup.status, sup.recipient_nip, sup.recipient_address) == (
        "PENDING",
        SUP_NIP,
        "budi@dinkes.go.id",
    )
    assert asn.trigger_event_id == event.id and asn.correlation_id == "conv-1"
    assert asn.template == "penilaian_kinerja" and "Butuh Perbaikan" in asn.body
    assert sup.subject.startswith("Hasil Penilaian Kinerja Pegawai Siti Rahma")
    assert await outbox_events(sessions) == []  # nothing is "sent" before the dispatcher sends
    assert signal.is_set()  # woken after the commit


@pytest.mark.asyncio
async def test_redelivery_never_records_twice(consumer, sessions) -> None:
    await known_people(consumer)
    event, _ = await deliver(consumer, rated(), source="/asn-kinerja/assessment")
    _, again = await deliver(consumer, rated(), event=event)
    assert again is Outcome.DUPLICATE
    # Same event id from another source gets past the inbox; the unique key still holds.
    copy = event.model_copy(update={"source": "/asn-kinerja/assessment-replica"})
    _, other = await deliver(consumer, rated(), event=copy)
    assert other is Outcome.APPLIED
    assert len(await rows(sessions)) == 2


@pytest.mark.asyncio
async def test_unknown_asn_fails_both_recipients_with_notification_failed(
    consumer, sessions, signal
) -> None:
    signal.clear()
    event, outcome = await deliver(consumer, rated(), source="/asn-kinerja/assessment")
    assert outcome is Outcome.APPLIED
    recorded = {r.recipient_role: r for r in await rows(sessions)}
    assert {r.status for r in recorded.values()} == {"FAILED"}
    assert "no profile known for ASN" in recorded["ASN"].last_error
    assert recorded["SUPERVISOR"].recipient_nip is None
    failed = await outbox_events(sessions)
    assert sorted(e["data"]["recipient_role"] for e in failed) == ["ASN", "SUPERVISOR"]
    assert all(e["type"] == "NotificationFailed" and e["causationid"] == event.id for e in failed)
    assert not signal.is_set()  # nothing to send


@pytest.mark.asyncio
async def test_unknown_supervisor_profile_fails_only_the_supervisor_mail(
    consumer, sessions
) -> None:
    await deliver(consumer, profile(ASN_NIP, "Siti Rahma", "siti@dinkes.go.id", SUP_NIP), time=T0)
    await deliver(consumer, rated(), source="/asn-kinerja/assessment")
    recorded = {r.recipient_role: r for r in await rows(sessions)}
    assert recorded["ASN"].status == "PENDING"
    assert (recorded["SUPERVISOR"].status, recorded["SUPERVISOR"].recipient_nip) == (
        "FAILED",
        SUP_NIP,
    )
    (failed,) = await outbox_events(sessions)
    assert failed["data"]["recipient_nip"] == SUP_NIP and failed["subject"] == SUP_NIP
    assert "siti@dinkes.go.id" not in json.dumps(failed)


def complaint(email: str | None, privacy: str = "RAHASIA") -> ComplaintReceived:
    return ComplaintReceived(
        complaint_id="LAPOR-2026-77",
        channel="SP4N-LAPOR!",
        received_at=datetime(2026, 10, 5, 18, 0, tzinfo=UTC),
        service_date="2026-10-01",
        unit_id="dinkes",
        subject_nip=ASN_NIP,
        category="PELAYANAN",
        description="Petugas meminta biaya tambahan.",
        complainant={
            "name": "Warga Rahasia",
            "email": email,
            "phone": "0811999888",
            "privacy": privacy,
        },
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("privacy", ["PUBLIK", "ANONIM", "RAHASIA"])
async def test_complaint_receipt_goes_to_the_complainant_whatever_the_privacy(
    consumer, sessions, privacy
) -> None:
    await known_people(consumer)
    with structlog.testing.capture_logs() as logs:
        await deliver(consumer, complaint("warga@example.org", privacy), source="/agencies/lapor")
    (row,) = await rows(sessions)
    assert (row.recipient_role, row.recipient_nip, row.status) == ("COMPLAINANT", None, "PENDING")
    assert row.recipient_address == "warga@example.org"
    assert row.subject == "Tanda Terima Pengaduan Nomor LAPOR-2026-77"
    # Unit name from our people copy; received 6 Oktober in Jakarta; response due 14 days later.
    for text in ("Dinas Kesehatan", "6 Oktober 2026", "20 Oktober 2026"):
        assert text in row.body
    for secret in ("Warga Rahasia", "0811999888", "meminta biaya"):
        assert secret not in row.body
    assert not any(s in repr(logs) for s in ("warga@example.org", "Warga Rahasia", "0811999888"))


@pytest.mark.asyncio
async def test_complaint_without_email_gets_no_receipt(consumer, sessions) -> None:
    _, outcome = await deliver(consumer, complaint(None), source="/agencies/lapor")
    assert outcome is Outcome.APPLIED
    assert await rows(sessions) == [] and await outbox_events(sessions) == []


@pytest.mark.asyncio
async def test_status_api_shows_no_address_or_text(consumer, sessions) -> None:
    await known_people(consumer)
    await deliver(consumer, complaint("warga@example.org"), source="/agencies/lapor")
    event, _ = await deliver(consumer, rated(), source="/asn-kinerja/assessment")
    app = FastAPI()
    app.include_router(router)
    app.state.runtime = type("Runtime", (), {"sessions": sessions, "identity": verifier()})()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://t",
        auth=ActingAs(default=AUDITOR_NIP, roles=["auditor"]),  # the delivery log's reader
    ) as client:
        response = await client.get(
            "/api/v1/notifications", params={"trigger_event_id": event.id, "channel": "EMAIL"}
        )
        everything = await client.get("/api/v1/notifications")
        inbox = await client.get("/api/v1/notifications", params={"recipient_nip": ASN_NIP})
    assert response.status_code == 200
    assert sorted(r["recipient_role"] for r in response.json()) == ["ASN", "SUPERVISOR"]
    assert len(everything.json()) == 5  # the receipt, two mails and two inbox notices
    assert sorted(r["channel"] for r in inbox.json()) == ["EMAIL", "INBOX"]
    assert everything.json()[0]["created_at"].endswith("+00:00")
    text = everything.text
    for secret in ("@", "Yth.", "Tanda Terima"):
        assert secret not in text


def sealed_complaint(seal: ContactSeal) -> tuple[ComplaintReceived, dict[str, str]]:
    """As feedback's own doors publish it: an empty complainant and the contact sealed."""
    data = complaint(None).model_copy(update={"complainant": Complainant(privacy="RAHASIA")})
    token = seal.seal({"name": "Warga Rahasia", "email": "warga@example.org"})
    return data, {"sealedcontact": token}


@pytest.mark.asyncio
async def test_a_sealed_contact_is_opened_for_the_receipt_only(sessions, signal) -> None:
    key = generate_key()
    handlers = build_handlers(MailRenderer(ZoneInfo("Asia/Jakarta")), signal, ContactSeal(key))
    consumer = EventConsumer(CONSUMER, handlers, sessions, FakePublisher(), source="/n")
    data, extensions = sealed_complaint(ContactSeal(key))
    with structlog.testing.capture_logs() as logs:
        _, outcome = await deliver(
            consumer, data, source="/asn-kinerja/feedback", extensions=extensions
        )
    assert outcome is Outcome.APPLIED
    (row,) = await rows(sessions)
    assert row.recipient_address == "warga@example.org" and "Warga Rahasia" not in row.body
    assert not any(s in repr(logs) for s in ("warga@example.org", "Warga Rahasia"))


@pytest.mark.asyncio
@pytest.mark.parametrize("configured", [False, True])
async def test_a_seal_that_cannot_be_opened_is_dead_lettered(sessions, signal, configured) -> None:
    seal = ContactSeal(generate_key()) if configured else None  # another key, or none at all
    publisher = FakePublisher()
    handlers = build_handlers(MailRenderer(ZoneInfo("Asia/Jakarta")), signal, seal)
    consumer = EventConsumer(
        CONSUMER, handlers, sessions, publisher, source="/n", retry_backoff_seconds=0
    )
    data, extensions = sealed_complaint(ContactSeal(generate_key()))
    _, outcome = await deliver(
        consumer, data, source="/asn-kinerja/feedback", extensions=extensions
    )
    assert outcome is Outcome.DEAD_LETTERED
    assert "sealed contact" in publisher.dead_letters[0] and await rows(sessions) == []


def verified(outcome: str = "LENGKAP") -> ComplaintVerified:
    return ComplaintVerified(
        complaint_id="LAPOR-2026-77",
        channel="SP4N-LAPOR!",
        receipt_number="TT-AAAA-BBBB-CCCC",
        unit_id="dinkes",
        subject_nip=ASN_NIP,
        category="PELAYANAN",
        klasifikasi="PENGADUAN",
        privacy="RAHASIA",
        outcome=outcome,
        verified_at=T0,
        decision_due="2026-12-04",
    )


@pytest.mark.asyncio
async def test_progress_goes_to_the_address_the_complainant_gave(consumer, sessions) -> None:
    await known_people(consumer)
    await deliver(consumer, complaint("warga@example.org"), source="/agencies/lapor")
    _, outcome = await deliver(consumer, verified(), source="/asn-kinerja/feedback")
    assert outcome is Outcome.APPLIED
    progress = [r for r in await rows(sessions) if r.template == "perkembangan_pengaduan"]
    [row] = progress
    assert row.recipient_address == "warga@example.org" and row.recipient_role == "COMPLAINANT"
    assert "4 Desember 2026" in row.body and "Warga Rahasia" not in row.body


@pytest.mark.asyncio
async def test_no_progress_notice_without_an_address(consumer, sessions) -> None:
    await deliver(consumer, complaint(None), source="/agencies/lapor")
    _, outcome = await deliver(consumer, verified(), source="/asn-kinerja/feedback")
    assert outcome is Outcome.APPLIED and await rows(sessions) == []


def resolved(outcome: str) -> ComplaintResolved:
    return ComplaintResolved(
        complaint_id="LAPOR-2026-77",
        channel="SP4N-LAPOR!",
        receipt_number="TT-AAAA-BBBB-CCCC",
        unit_id="dinkes",
        subject_nip=ASN_NIP,
        category="PELAYANAN",
        outcome=outcome,
        decided_on="2026-11-20",
        notify_due="2026-12-04",
    )


@pytest.mark.asyncio
@pytest.mark.parametrize(("outcome", "to_superior"), [("TERBUKTI", 1), ("TIDAK_TERBUKTI", 0)])
async def test_a_substantiated_complaint_goes_to_the_officers_superior(
    consumer, sessions, outcome, to_superior
) -> None:
    await known_people(consumer)
    await deliver(consumer, complaint("warga@example.org"), source="/agencies/lapor")
    await deliver(consumer, resolved(outcome), source="/asn-kinerja/feedback")
    superior = [r for r in await rows(sessions) if r.template == "pengaduan_terbukti"]
    assert len(superior) == to_superior
    if superior:
        [row] = superior
        assert (row.recipient_nip, row.recipient_address) == (SUP_NIP, "budi@dinkes.go.id")
        assert "Siti Rahma" in row.body and "Pasal 41 ayat (2)" in row.body
        assert "warga@example.org" not in row.body and "Warga Rahasia" not in row.body
