"""Notifications: the dispatcher's outcomes with a fake mailer on a tmp SQLite DB."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import aiosmtplib
import pytest
import pytest_asyncio
from sqlalchemy import select, update

from asn_notifications.adapters.mailer import SmtpMailer
from asn_notifications.adapters.signal import DispatchSignal
from asn_notifications.adapters.tables import metadata, notifications
from asn_notifications.background import MailDispatcher
from asn_notifications.domain.delivery import OutgoingMail, PermanentMailError, describe_error
from asn_notifications.settings import NotificationsSettings
from asn_notifications.usecases import dispatch as dispatch_module
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import messaging_metadata, outbox_table

ADDRESS = "warga@example.org"


class FakeMailer:
    def __init__(self, failures: list[Exception] | None = None) -> None:
        self.failures = list(failures or [])
        self.sent: list[OutgoingMail] = []

    async def send(self, mail: OutgoingMail) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(mail)


@pytest_asyncio.fixture
async def sessions(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'notifications.db'}")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
        await conn.run_sync(messaging_metadata.create_all)
    yield session_factory(engine)
    await engine.dispose()


def settings(**overrides: Any) -> NotificationsSettings:
    values = {
        "max_attempts": 3,
        "retry_base_seconds": 0,
        "dispatch_poll_seconds": 0.05,
        "source": "/t/notifications",
    }
    return NotificationsSettings(**{**values, **overrides})


async def add_pending(
    sessions, created_at: datetime | None = None, role: str = "COMPLAINANT"
) -> str:
    now = created_at or datetime.now(UTC)
    row_id = str(uuid.uuid4())
    async with sessions() as session, session.begin():
        await session.execute(
            notifications.insert().values(
                id=row_id,
                trigger_event_id=f"trigger-{row_id}",
                trigger_event_type="ComplaintReceived",
                correlation_id="conv-9",
                template="tanda_terima_pengaduan",
                recipient_role=role,
                recipient_nip=None,
                recipient_address=ADDRESS,
                recipient_key=f"k-{row_id}",
                subject="Tanda Terima Pengaduan Nomor 1",
                body="Isi\n",
                status="PENDING",
                attempts=0,
                created_at=now,
                next_attempt_at=now,
            )
        )
    return row_id


async def state(sessions) -> tuple[list[Any], list[dict[str, Any]]]:
    async with sessions() as session:
        rows = (
            await session.execute(select(notifications).order_by(notifications.c.created_at))
        ).all()
        events = [json.loads(r.body) for r in (await session.execute(select(outbox_table))).all()]
    return list(rows), events


@pytest.mark.asyncio
async def test_sent_row_gets_notification_sent_and_wakes_the_relay(sessions) -> None:
    row_id = await add_pending(sessions)
    mailer, woken = FakeMailer(), []
    dispatcher = MailDispatcher(
        sessions, mailer, settings(), on_outbox_commit=lambda: woken.append(1)
    )
    assert await dispatcher.dispatch_once() == 1
    (row,), (event,) = await state(sessions)
    assert (row.status, row.attempts, row.sent_at is not None) == ("SENT", 1, True)
    assert mailer.sent[0].to == ADDRESS and ADDRESS not in repr(mailer.sent[0])
    assert event["type"] == "NotificationSent" and event["source"] == "/t/notifications"
    assert (event["correlationid"], event["causationid"]) == ("conv-9", f"trigger-{row_id}")
    assert event["data"]["notification_id"] == row_id and ADDRESS not in json.dumps(event)
    assert woken == [1]
    assert await dispatcher.dispatch_once() == 0  # nothing left


@pytest.mark.asyncio
async def test_a_batchs_outcomes_share_a_transaction_and_one_bad_row_holds_back_none(
    sessions, monkeypatch
) -> None:
    for _ in range(4):
        await add_pending(sessions)
    commits: list[int] = []
    dispatcher = MailDispatcher(sessions, FakeMailer(), settings(dispatch_batch_size=4))
    dispatcher._on_outbox_commit = lambda: commits.append(1)  # one wake per commit with events
    assert await dispatcher.dispatch_once() == 4
    states, events = await state(sessions)
    assert [r.status for r in states] == ["SENT"] * 4 and len(events) == 4
    assert commits == [1]  # the four outcomes in one transaction

    # A row whose outcome cannot be recorded: the batch falls back to one transaction each.
    more = [await add_pending(sessions) for _ in range(3)]
    real_record_sent = dispatch_module.record_sent

    async def record_sent(uow, notice):  # type: ignore[no-untyped-def]
        if notice.id == more[1]:
            raise RuntimeError("a database error on this row")
        return await real_record_sent(uow, notice)

    monkeypatch.setattr(dispatch_module, "record_sent", record_sent)
    commits.clear()
    assert await dispatcher.dispatch_once() == 3
    by_id = {r.id: r.status for r in (await state(sessions))[0]}
    assert [by_id[i] for i in more] == ["SENT", "PENDING", "SENT"]  # leased, back later
    assert commits == [1, 1]


@pytest.mark.asyncio
async def test_oldest_first_in_small_batches(sessions) -> None:
    base = datetime.now(UTC) - timedelta(minutes=5)
    ids = [await add_pending(sessions, base + timedelta(seconds=i)) for i in (2, 0, 1)]
    mailer = FakeMailer()
    dispatcher = MailDispatcher(sessions, mailer, settings(dispatch_batch_size=2))
    assert await dispatcher.dispatch_once() == 2
    assert await dispatcher.dispatch_once() == 1
    assert [m.notification_id for m in mailer.sent] == [ids[1], ids[2], ids[0]]


class SlowMailer(FakeMailer):
    """Holds each send until released, counting how many are in flight at once."""

    def __init__(self, failures: list[Exception] | None = None) -> None:
        super().__init__(failures)
        self.in_flight = self.most_in_flight = 0
        self.release = asyncio.Event()

    async def send(self, mail: OutgoingMail) -> None:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await self.release.wait()
            await super().send(mail)
        finally:
            self.in_flight -= 1


@pytest.mark.asyncio
async def test_a_batch_is_sent_concurrently_up_to_the_limit(sessions) -> None:
    for _ in range(7):
        await add_pending(sessions)
    down = aiosmtplib.SMTPConnectError("cannot reach server")
    mailer = SlowMailer(failures=[down])  # one row's failure must not stop the others
    dispatcher = MailDispatcher(
        sessions, mailer, settings(dispatch_concurrency=3, dispatch_batch_size=20)
    )
    dispatch = asyncio.create_task(dispatcher.dispatch_once())
    await asyncio.sleep(0.2)
    assert mailer.in_flight == 3  # the limit, not the batch
    mailer.release.set()
    assert await dispatch == 7
    rows, events = await state(sessions)
    assert mailer.most_in_flight == 3 and len(mailer.sent) == 6
    assert sorted(r.status for r in rows) == ["PENDING"] + ["SENT"] * 6
    assert len(events) == 6


@pytest.mark.asyncio
async def test_retries_with_backoff_then_fails_with_notification_failed(sessions) -> None:
    await add_pending(sessions)
    down = aiosmtplib.SMTPConnectError(f"cannot reach server for {ADDRESS}")
    mailer = FakeMailer([down, down, down])
    dispatcher = MailDispatcher(sessions, mailer, settings(retry_base_seconds=60))
    await dispatcher.dispatch_once()
    (row,), events = await state(sessions)
    assert (row.status, row.attempts, events) == ("PENDING", 1, [])
    assert "SMTPConnectError" in row.last_error and ADDRESS not in row.last_error
    naive_utc_now = datetime.now(UTC).replace(tzinfo=None)  # SQLite hands back naive UTC
    assert row.next_attempt_at > naive_utc_now + timedelta(seconds=50)
    assert await dispatcher.dispatch_once() == 0  # not due yet

    async with sessions() as session, session.begin():  # let the backoff pass
        await session.execute(update(notifications).values(next_attempt_at=datetime.now(UTC)))
    dispatcher = MailDispatcher(sessions, mailer, settings(retry_base_seconds=0))
    await dispatcher.dispatch_once()
    await dispatcher.dispatch_once()
    (row,), (event,) = await state(sessions)
    assert (row.status, row.attempts) == ("FAILED", 3)
    assert event["type"] == "NotificationFailed" and "gave up after 3" in event["data"]["reason"]
    assert ADDRESS not in json.dumps(event)


@pytest.mark.asyncio
async def test_permanent_refusal_fails_at_once(sessions) -> None:
    await add_pending(sessions)
    dispatcher = MailDispatcher(
        sessions, FakeMailer([PermanentMailError("recipient refused: 550")]), settings()
    )
    await dispatcher.dispatch_once()
    (row,), (event,) = await state(sessions)
    assert (row.status, row.attempts, event["type"]) == ("FAILED", 1, "NotificationFailed")


@pytest.mark.asyncio
async def test_run_survives_errors_and_stops_on_cancel(sessions, monkeypatch) -> None:
    signal = DispatchSignal()
    dispatcher = MailDispatcher(sessions, FakeMailer(), settings(), signal=signal)
    calls = 0
    real = dispatcher.dispatch_once

    async def flaky() -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("database away")
        return await real()

    monkeypatch.setattr(dispatcher, "dispatch_once", flaky)
    task = asyncio.create_task(dispatcher.run())
    await add_pending(sessions)
    signal.wake()
    for _ in range(100):
        rows, _ = await state(sessions)
        if rows[0].status == "SENT":
            break
        await asyncio.sleep(0.02)
    assert rows[0].status == "SENT" and calls >= 2
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


def test_message_headers_are_single_lines() -> None:
    mailer = SmtpMailer(settings())
    message = mailer.build_message(OutgoingMail("n-1", ADDRESS, "Tanda\r\nBcc: x@y.z", "Isi"))
    assert message["Subject"] == "Tanda Bcc: x@y.z" and message["Bcc"] is None
    assert message["From"] == "kinerja@asn.local" and message["X-ASN-Notification-Id"] == "n-1"
    with pytest.raises(PermanentMailError):
        mailer.build_message(OutgoingMail("n-2", "a@b.c\r\nBcc: x@y.z", "S", "Isi"))


def test_secrets_never_in_settings_repr() -> None:
    s = settings(smtp_username="mailer", smtp_password="s3cret")
    assert "s3cret" not in repr(s) and "s3cret" not in str(s.model_dump())


def test_describe_error_masks_the_address() -> None:
    refused = aiosmtplib.SMTPRecipientRefused(550, "no such user", ADDRESS.upper())
    assert ADDRESS not in describe_error(refused, ADDRESS).lower()


@pytest.mark.parametrize(
    ("batch", "concurrency", "lease", "accepted"),
    [
        (100, 16, 300, True),  # the defaults: 7 rounds of 30 s
        (100, 8, 300, False),  # 13 rounds of 30 s: a row could be claimed twice
        (100, 8, 400, True),
        (20, 8, 90, False),  # exactly 3 rounds of 30 s is not enough
    ],
)
def test_the_lease_must_outlast_the_slowest_dispatch_pass(
    batch: int, concurrency: int, lease: float, accepted: bool
) -> None:
    values = {
        "dispatch_batch_size": batch,
        "dispatch_concurrency": concurrency,
        "dispatch_lease_seconds": lease,
    }
    if accepted:
        NotificationsSettings(**values)
    else:
        with pytest.raises(ValueError, match="dispatch_lease_seconds"):
            NotificationsSettings(**values)
