"""Notifications webhooks over real HTTP: the sender posting to a uvicorn receiver started in the
test on 127.0.0.1, which verifies every request with the reference Standard Webhooks library."""

from __future__ import annotations

import asyncio
import base64
import json
import socket
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
import pytest_asyncio

from asn_notifications.adapters.webhook_sender import WebhookSender
from asn_notifications.domain.delivery import (
    OutgoingWebhook,
    PermanentWebhookError,
    TransientWebhookError,
    is_permanent,
    webhook_body,
)
from asn_notifications.domain.webhooks import WebhookSubscriber
from tests.integration.notifications_servers import SECRET, StartReceiver

WRONG_SECRET = "whsec_" + base64.b64encode(bytes(range(140, 172))).decode()
ASN_NIP = "198703122010011004"


@pytest_asyncio.fixture
async def sender() -> AsyncIterator[WebhookSender]:
    sender = WebhookSender(timeout=5)
    yield sender
    await sender.aclose()


def subscriber(url: str) -> WebhookSubscriber:
    return WebhookSubscriber(
        id="bkd-jateng", url=url, secret=SECRET, event_types=["PerformanceRated"]
    )


def delivery(url: str, notification_id: str = "0b7d2f8e-5c4a-4b8e-9d1f-2a3b4c5d6e7f") -> Any:
    body = webhook_body(
        notification_id=notification_id,
        template="penilaian_kinerja",
        recipient_role="SUBSCRIBER",
        recipient_nip=None,
        event_id="evt-rated-1",
        event_type="PerformanceRated",
        event_time=datetime(2026, 10, 5, 20, 30, tzinfo=UTC),
        subject=ASN_NIP,
        data={"nip": ASN_NIP, "period": "2026-Q3", "predikat": "BUTUH_PERBAIKAN"},
    )
    return OutgoingWebhook(notification_id, subscriber(url), body)


class SteppingClock:
    """Wall time from 2 minutes ago, 45 s further on each reading: distinct timestamps for
    attempts a moment apart, all within the receivers' 5-minute tolerance."""

    def __init__(self) -> None:
        self.now = time.time() - 120

    def __call__(self) -> float:
        now, self.now = self.now, self.now + 45
        return now


@pytest.mark.asyncio
async def test_a_delivery_arrives_with_a_valid_signature(
    start_receiver: StartReceiver, sender: WebhookSender
) -> None:
    receiver = await start_receiver()
    out = delivery(receiver.url)
    await sender.send(out)
    [received] = receiver.deliveries
    assert received.body == out.body
    assert received.headers["webhook-id"] == out.notification_id
    assert received.headers["content-type"] == "application/json"
    assert received.headers["user-agent"] == "asn-kinerja-notifications"
    assert received.payload["type"] == "asn.notification.v1"
    assert received.payload["notification_id"] == out.notification_id
    assert received.payload["event"]["type"] == "PerformanceRated"
    assert received.payload["event"]["data"]["nip"] == ASN_NIP
    assert receiver.rejected == 0


@pytest.mark.asyncio
async def test_a_receiver_with_another_secret_rejects_and_that_is_permanent(
    start_receiver: StartReceiver, sender: WebhookSender
) -> None:
    receiver = await start_receiver(secret=WRONG_SECRET)
    with pytest.raises(PermanentWebhookError) as caught:
        await sender.send(delivery(receiver.url))
    assert (receiver.rejected, receiver.deliveries) == (1, [])
    assert caught.value.status_code == 401
    assert str(caught.value) == "webhook to subscriber 'bkd-jateng': HTTP 401"
    assert is_permanent(caught.value)


@pytest.mark.asyncio
async def test_503_twice_then_200_same_webhook_id_fresh_timestamps(
    start_receiver: StartReceiver,
) -> None:
    receiver = await start_receiver(statuses=[503, 503])
    out = delivery(receiver.url)
    async with WebhookSender(timeout=5, clock=SteppingClock()) as sender:
        for attempt in (1, 2):
            with pytest.raises(TransientWebhookError) as caught:
                await sender.send(out)
            assert caught.value.status_code == 503, attempt
            assert caught.value.retry_after == 7.0
            assert not is_permanent(caught.value)
        await sender.send(out)  # the third attempt succeeds
    assert len(receiver.deliveries) == 3  # every attempt verified by the receiver
    ids = {d.headers["webhook-id"] for d in receiver.deliveries}
    timestamps = [d.headers["webhook-timestamp"] for d in receiver.deliveries]
    assert ids == {out.notification_id}
    assert len(set(timestamps)) == 3
    assert timestamps == sorted(timestamps, key=int)
    assert {d.body for d in receiver.deliveries} == {out.body}
    assert receiver.rejected == 0


@pytest.mark.asyncio
async def test_a_receiver_that_does_not_answer_in_time_is_transient(
    start_receiver: StartReceiver,
) -> None:
    receiver = await start_receiver(hang=True)
    async with WebhookSender(timeout=0.3) as sender:
        started = time.monotonic()
        with pytest.raises(TransientWebhookError) as caught:
            await sender.send(delivery(receiver.url))
        elapsed = time.monotonic() - started
    assert receiver.arrived == 1
    assert 0.25 <= elapsed < 3
    assert str(caught.value) == (
        "webhook to subscriber 'bkd-jateng': no answer within 0.3s (ReadTimeout)"
    )
    assert caught.value.status_code is None


@pytest.mark.asyncio
async def test_nobody_listening_is_transient(sender: WebhookSender) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(TransientWebhookError, match="ConnectError"):
        await sender.send(delivery(f"http://127.0.0.1:{port}/hooks"))


@pytest.mark.asyncio
async def test_two_receivers_on_one_shared_client(
    start_receiver: StartReceiver, sender: WebhookSender
) -> None:
    one, two = await start_receiver(), await start_receiver()
    await asyncio.gather(
        sender.send(delivery(one.url, "n-1")),
        sender.send(delivery(two.url, "n-2")),
        sender.send(delivery(one.url, "n-3")),
    )
    assert sorted(json.loads(d.body)["notification_id"] for d in one.deliveries) == ["n-1", "n-3"]
    assert [d.headers["webhook-id"] for d in two.deliveries] == ["n-2"]
