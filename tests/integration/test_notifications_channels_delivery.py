"""Notifications over real servers: events through the real consumer into a migrated SQLite
database, the dispatcher sending to a real SMTP server (aiosmtpd) and posting to a real webhook
receiver (uvicorn) that verifies the Standard Webhooks signature as an agency system would."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from asn_notifications.adapters.mailer import SmtpMailer
from asn_notifications.adapters.webhook_sender import WebhookSender
from asn_notifications.background import MailDispatcher, assemble_digests
from asn_notifications.domain.webhooks import WebhookSubscriber
from asn_notifications.settings import NotificationsSettings
from tests.integration.notifications_servers import SECRET
from tests.unit.notifications_harness import (
    ASN,
    HR_EMAIL,
    NotificationsHarness,
    example,
    notifications_harness,
)

pytestmark = pytest.mark.asyncio
ASN_EMAIL, SUPERVISOR_EMAIL = "siti@dinkes.example.go.id", "budi@dinkes.example.go.id"
EXAMINER_EMAIL = "rina@dinkes.example.go.id"


def settings(smtp_port: int) -> NotificationsSettings:
    return NotificationsSettings(
        smtp_host="127.0.0.1",
        smtp_port=smtp_port,
        smtp_timeout_seconds=5,
        dispatch_poll_seconds=0.05,
        retry_base_seconds=0,  # retry at once: the receiver's failures are scripted
        max_attempts=5,
    )


def dispatching(
    harness: NotificationsHarness, smtp_port: int, sender: WebhookSender, hook: WebhookSubscriber
) -> MailDispatcher:
    """The dispatcher as main.py wires it: the SMTP server's mailer and one webhook subscriber."""
    config = settings(smtp_port)
    return MailDispatcher(
        harness.sessions, SmtpMailer(config), config, webhooks=sender, subscribers=(hook,)
    )


async def dispatch_until(
    harness: NotificationsHarness,
    dispatcher: MailDispatcher,
    done: Callable[[list[Any]], bool],
    timeout: float = 15.0,
) -> list[Any]:
    task = asyncio.create_task(dispatcher.run())
    try:
        async with asyncio.timeout(timeout):
            while not done(rows := await harness.rows()):
                await asyncio.sleep(0.05)
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    return rows


def settled(rows: list[Any]) -> bool:
    return all(r.status in ("SENT", "FAILED", "SUPPRESSED", "HELD", "DIGESTED") for r in rows)


async def test_a_sanction_by_mail_inbox_and_a_webhook_retried_after_two_failures(
    tmp_path: Path, smtp, start_receiver
):
    controller, collector = smtp
    receiver = await start_receiver(statuses=[503, 503], retry_after="1")
    hook = WebhookSubscriber(
        id="bkd-prov", url=receiver.url, secret=SECRET, event_types={"SanctionImposed"}
    )
    async with (
        notifications_harness(tmp_path, subscribers=(hook,)) as harness,
        WebhookSender(timeout=5) as sender,
    ):
        await harness.know_people()
        event, _ = await harness.deliver(example("sanction.imposed.v1"))
        await harness.deliver(example("sanction.imposed.v1"), event=event)  # redelivered
        dispatcher = dispatching(harness, controller.port, sender, hook)
        rows = await dispatch_until(harness, dispatcher, settled)
        events = await harness.events()

    assert {(r.channel, r.status) for r in rows} == {
        ("EMAIL", "SENT"),
        ("INBOX", "SENT"),
        ("WEBHOOK", "SENT"),
    }
    assert sorted(rcpt[0] for rcpt, _ in collector.messages) == sorted(
        [ASN_EMAIL, EXAMINER_EMAIL, HR_EMAIL]
    )  # once each, whatever the redelivery
    subjects = {rcpt[0]: m["Subject"] for rcpt, m in collector.messages}
    assert subjects[ASN_EMAIL].startswith("Keputusan Hukuman Disiplin")
    [webhook_row] = [r for r in rows if r.channel == "WEBHOOK"]
    assert webhook_row.attempts == 3
    ids = {d.headers["webhook-id"] for d in receiver.deliveries}
    assert ids == {webhook_row.id} and len(receiver.deliveries) == 3 and receiver.rejected == 0
    assert receiver.deliveries[-1].payload["event"]["id"] == event.id
    gaps = [b.at - a.at for a, b in pairwise(receiver.deliveries)]
    assert min(gaps) >= 0.9  # Retry-After: 1 honoured although our own backoff is 0 s
    sent = [e["data"] for e in events if e["type"] == "NotificationSent"]
    assert sorted(e["channel"] for e in sent) == ["EMAIL"] * 3 + ["INBOX"] * 3 + ["WEBHOOK"]


async def test_an_opt_out_spares_the_reward_not_the_sanction_and_the_digest_goes_out(
    tmp_path: Path, smtp
):
    controller, collector = smtp
    config = settings(controller.port)
    async with notifications_harness(tmp_path) as harness:
        await harness.know_people()
        async with harness.http() as http:
            change = {"channel": "EMAIL", "enabled": False}
            assert (await http.put(f"/api/v1/people/{ASN}/preferences", json=change)).is_success
        await harness.deliver(example("reward.granted.v1"))
        await harness.deliver(example("sanction.imposed.v1"))
        await harness.deliver(example("training.recommended.v1"))
        dispatcher = MailDispatcher(harness.sessions, SmtpMailer(config), config)
        await dispatch_until(harness, dispatcher, settled)
        first = [(rcpt[0], m["Subject"]) for rcpt, m in collector.messages]

        # Digest hour 0: due at once, today (the dispatcher sends rows due by the wall clock).
        now = datetime.now(UTC)
        assert await assemble_digests(harness.sessions, harness.renderer, now, 0) == 2
        await dispatch_until(harness, dispatcher, settled)
        digests = [
            (rcpt[0], m.get_content())
            for rcpt, m in collector.messages
            if m["Subject"].startswith("Ringkasan")
        ]

    to_asn = [subject for rcpt, subject in first if rcpt == ASN_EMAIL]
    assert len(to_asn) == 1 and to_asn[0].startswith("Keputusan Hukuman Disiplin")
    assert any(rcpt == SUPERVISOR_EMAIL and s.startswith("Pemberian") for rcpt, s in first)
    assert sorted(rcpt for rcpt, _ in digests) == sorted([SUPERVISOR_EMAIL, HR_EMAIL])
    assert all("Rekomendasi Pelatihan" in body for _, body in digests)


async def test_a_receiver_refusing_the_signature_fails_at_once_with_the_reason(
    tmp_path: Path, smtp, start_receiver
):
    controller, _ = smtp
    receiver = await start_receiver(secret="whsec_" + "A" * 43 + "=")  # not the subscriber's
    hook = WebhookSubscriber(
        id="bkd-prov", url=receiver.url, secret=SECRET, event_types={"HearingScheduled"}
    )
    async with (
        notifications_harness(tmp_path, subscribers=(hook,)) as harness,
        WebhookSender(timeout=5) as sender,
    ):
        await harness.know_people()
        await harness.deliver(example("hearing.scheduled.v1"))
        dispatcher = dispatching(harness, controller.port, sender, hook)
        rows = await dispatch_until(harness, dispatcher, settled)
        events = await harness.events()

    [row] = [r for r in rows if r.channel == "WEBHOOK"]
    assert (row.status, row.attempts, receiver.rejected) == ("FAILED", 1, 1)
    [failed] = [e["data"] for e in events if e["type"] == "NotificationFailed"]
    assert failed["channel"] == "WEBHOOK" and "HTTP 401" in failed["reason"]
    assert SECRET not in failed["reason"] and receiver.url not in failed["reason"]
