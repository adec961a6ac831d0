"""Notifications end to end without a broker: events through the real consumer path into a
migrated SQLite DB, the dispatcher sending to a real SMTP server (aiosmtpd) in the test."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import structlog
from sqlalchemy import select

import asn_notifications
from asn_notifications.adapters.mailer import SmtpMailer
from asn_notifications.adapters.rendering import MailRenderer
from asn_notifications.adapters.signal import DispatchSignal
from asn_notifications.adapters.tables import notifications
from asn_notifications.background import MailDispatcher
from asn_notifications.handlers import build_handlers
from asn_notifications.settings import NotificationsSettings
from asn_notifications.subscriptions import CONSUMER
from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import ComplaintReceived, EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.envelope import new_event
from asn_shared.messaging.consumer import Delivery, EventConsumer, Outcome
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import outbox_table
from asn_shared.runtime.migrations import upgrade

MIGRATIONS = Path(asn_notifications.__file__).parent / "migrations"
ASN_NIP = "198703122010011004"
SUP_NIP = "197501012000031002"
COMPLAINANT = {
    "name": "Rahmat Pelapor",
    "email": "rahmat.pelapor@example.org",
    "phone": "0812-7777-1234",
}


@pytest_asyncio.fixture
async def sessions(tmp_path: Path) -> AsyncIterator[Any]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'notifications.db'}"
    await asyncio.to_thread(upgrade, MIGRATIONS, url)  # Alembic's env.py runs its own event loop
    engine = create_engine(url)
    yield session_factory(engine)
    await engine.dispose()


def settings(port: int, **overrides: Any) -> NotificationsSettings:
    values = {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "dispatch_poll_seconds": 0.05,
        "smtp_timeout_seconds": 5,
        "source": "/asn-kinerja/notifications",
    }
    return NotificationsSettings(**{**values, **overrides})


class Service:
    """The service's handlers and dispatcher as main.build() wires them, minus broker and HTTP."""

    def __init__(self, sessions: Any, config: NotificationsSettings) -> None:
        self.sessions = sessions
        self.signal = DispatchSignal()
        handlers = build_handlers(MailRenderer(config.zone), self.signal)
        self.consumer = EventConsumer(
            CONSUMER, handlers, sessions, _NoDeadLetters(), source=config.event_source
        )
        self.dispatcher = MailDispatcher(sessions, SmtpMailer(config), config, signal=self.signal)

    async def deliver(self, data: EventData, source: str) -> str:
        event = new_event(data, source=source)
        outcome = await self.consumer.process(
            Delivery(
                event.to_json_bytes(),
                {},
                "application/cloudevents+json",
                type(data).routing_key(),
                event.id,
            )
        )
        assert outcome is Outcome.APPLIED
        return event.id

    async def rows(self) -> list[Any]:
        """The mail rows (inbox rows are delivered when recorded: nothing to dispatch)."""
        query = select(notifications).where(notifications.c.channel == "EMAIL")
        async with self.sessions() as session:
            return list((await session.execute(query)).all())

    async def events(self) -> list[dict[str, Any]]:
        async with self.sessions() as session:
            bodies = (await session.execute(select(outbox_table))).all()
        events = [json.loads(r.body) for r in bodies]
        return [e for e in events if e["data"].get("channel") != "INBOX"]

    async def run_dispatcher_until(
        self, done: Callable[[list[Any]], bool], timeout: float = 10.0
    ) -> list[Any]:
        task = asyncio.create_task(self.dispatcher.run())
        try:
            async with asyncio.timeout(timeout):
                while not done(rows := await self.rows()):
                    await asyncio.sleep(0.05)
        finally:
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task  # stops cleanly on cancellation
        return rows


class _NoDeadLetters:
    async def dead_letter(self, *_: Any, **__: Any) -> None:
        raise AssertionError("nothing here should be dead-lettered")


def profile(nip: str, name: str, mail: str, supervisor: str | None) -> EmployeeProfileUpdated:
    return EmployeeProfileUpdated(
        nip=nip,
        name=name,
        unit_id="dinkes-kepahiang",
        unit_name="Dinas Kesehatan Kabupaten Kepahiang",
        position="Epidemiolog Kesehatan",
        position_type="FUNGSIONAL",
        supervisor_nip=supervisor,
        email=mail,
    )


def complaint() -> ComplaintReceived:
    return ComplaintReceived(
        complaint_id="LAPOR-2026-000123",
        channel="SP4N-LAPOR!",
        received_at=datetime(2026, 10, 5, 3, 0, tzinfo=UTC),
        service_date="2026-10-02",
        unit_id="dinkes-kepahiang",
        subject_nip=ASN_NIP,
        category="PELAYANAN_KESEHATAN",
        description="Antrean vaksinasi tidak dilayani sesuai jadwal.",
        complainant={**COMPLAINANT, "privacy": "RAHASIA"},
    )


def assert_no_personal_data(*outputs: str) -> None:
    for output in outputs:
        for secret in COMPLAINANT.values():
            assert secret not in output


@pytest.mark.asyncio
async def test_mails_arrive_and_notification_sent_lands_in_the_outbox(
    smtp, sessions, capsys, caplog
) -> None:
    controller, collector = smtp
    service = Service(sessions, settings(controller.port))
    with structlog.testing.capture_logs() as logs:
        await service.deliver(
            profile(ASN_NIP, "Dewi Lestari", "dewi@kepahiangkab.go.id", SUP_NIP), "/agencies/bkn"
        )
        await service.deliver(
            profile(SUP_NIP, "Ahmad Fauzi", "ahmad@kepahiangkab.go.id", None), "/agencies/bkn"
        )
        rated_id = await service.deliver(
            PerformanceRated(
                nip=ASN_NIP,
                period="2026-Q3",
                rating_hasil_kerja="DI_BAWAH_EKSPEKTASI",
                rating_perilaku_kerja="DI_BAWAH_EKSPEKTASI",
                predikat="SANGAT_KURANG",
                rated_at=datetime(2026, 10, 6, 2, 0, tzinfo=UTC),
            ),
            "/asn-kinerja/assessment",
        )
        complaint_id = await service.deliver(complaint(), "/agencies/lapor")
        rows = await service.run_dispatcher_until(
            lambda rs: len(rs) == 3 and all(r.status == "SENT" for r in rs)
        )

    by_rcpt = {rcpt[0]: message for rcpt, message in collector.messages}
    assert set(by_rcpt) == {
        "dewi@kepahiangkab.go.id",
        "ahmad@kepahiangkab.go.id",
        COMPLAINANT["email"],
    }
    asn_mail = by_rcpt["dewi@kepahiangkab.go.id"]
    assert asn_mail["Subject"] == "Hasil Penilaian Kinerja Anda Periode Triwulan III 2026"
    assert asn_mail["From"] == "kinerja@asn.local"
    assert "Predikat Kinerja       : Sangat Kurang" in asn_mail.get_content()
    assert "Yth. Bapak/Ibu Ahmad Fauzi" in by_rcpt["ahmad@kepahiangkab.go.id"].get_content()
    receipt = by_rcpt[COMPLAINANT["email"]]
    assert receipt["Subject"] == "Tanda Terima Pengaduan Nomor LAPOR-2026-000123"
    body = receipt.get_content()
    for text in (
        "Dinas Kesehatan Kabupaten Kepahiang",
        "5 Oktober 2026",
        "19 Oktober 2026",
        "Pasal 44 ayat (1)",
    ):
        assert text in body
    assert_no_personal_data(body.replace(COMPLAINANT["email"], ""))

    sent = [e for e in await service.events() if e["type"] == "NotificationSent"]
    assert len(sent) == 3
    assert {e["causationid"] for e in sent} == {rated_id, complaint_id}
    assert {r.id for r in rows} == {e["data"]["notification_id"] for e in sent}
    assert_no_personal_data(
        json.dumps(sent), repr(logs), capsys.readouterr().out, _own_log_text(caplog)
    )


@pytest.mark.asyncio
async def test_smtp_down_retries_then_notification_failed(smtp, sessions, capsys, caplog) -> None:
    controller, collector = smtp
    port = controller.port
    controller.stop()  # the server is gone: every connection is refused
    service = Service(sessions, settings(port, max_attempts=3, retry_base_seconds=0.05))
    with structlog.testing.capture_logs() as logs:
        complaint_id = await service.deliver(complaint(), "/agencies/lapor")
        (row,) = await service.run_dispatcher_until(lambda rs: rs[0].status == "FAILED")

    assert row.attempts == 3 and "SMTPConnectError" in row.last_error
    (failed,) = await service.events()
    assert failed["type"] == "NotificationFailed" and failed["causationid"] == complaint_id
    assert (
        failed["data"]["recipient_role"] == "COMPLAINANT"
        and "gave up after 3" in failed["data"]["reason"]
    )
    retries = [entry for entry in logs if entry["event"] == "notification.send_failed_will_retry"]
    assert [entry["attempts"] for entry in retries] == [1, 2]
    assert collector.messages == []
    assert_no_personal_data(
        json.dumps(failed),
        row.last_error,
        repr(logs),
        capsys.readouterr().out,
        _own_log_text(caplog),
    )


def _own_log_text(caplog: pytest.LogCaptureFixture) -> str:
    # aiosmtpd's own server log (logger "mail.log") names addresses; it is the test's server,
    # not us.
    return "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail"))
