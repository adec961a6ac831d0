"""The audit writer on the real broker: every message on `asn.events` lands in `asn.audit`, in
order, under its routing key and publisher, with a complainant's contact sealed (or withheld
without a key), never in clear text; and it picks up where it stopped after a restart."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import aio_pika
import pytest
import pytest_asyncio

from asn_audit.adapters.writer import AuditWriter
from asn_shared.audit_stream.reader import AuditStreamReader
from asn_shared.envelope import STRUCTURED_CONTENT_TYPE
from asn_shared.messaging.topology import (
    AUDIT_STREAM,
    EVENTS_EXCHANGE,
    TopologySettings,
    declare_topology,
)
from asn_shared.sealing import ContactSeal, generate_key

from ..support import contract_example
from . import test_broker
from .test_audit_replay import EXAMPLES, GARBAGE, fresh_vhost
from .test_broker import agency_publish

pytestmark = pytest.mark.integration

# The assessment service in-process (ServiceRuntime), a fixture: it publishes events of its own.
runtime = test_broker.runtime

SEAL = ContactSeal(generate_key())
COMPLAINT = json.loads((EXAMPLES / "complaint.received.v1.json").read_text())
PROFILE = json.loads((EXAMPLES / "employee.profile.updated.v1.json").read_text())
CONTACT = COMPLAINT["data"]["complainant"]


def binary(event: dict) -> aio_pika.Message:
    headers = {f"ce-{k}": v for k, v in event.items() if k not in ("data", "datacontenttype")}
    return aio_pika.Message(
        json.dumps(event["data"]).encode(),
        headers=headers,
        content_type="application/json",
        user_id="guest",
    )


def structured(event: dict) -> aio_pika.Message:
    return aio_pika.Message(
        json.dumps(event).encode(), content_type=STRUCTURED_CONTENT_TYPE, user_id="guest"
    )


MESSAGES = [
    ("employee.profile.updated.v1", structured(PROFILE)),
    ("complaint.received.v1", structured(COMPLAINT)),
    ("complaint.received.v1", binary(dict(COMPLAINT, id="binary-complaint"))),
    ("complaint.received.v1", aio_pika.Message(GARBAGE, content_type="application/json")),
]


@pytest_asyncio.fixture
async def vhost() -> AsyncIterator[str]:
    with fresh_vhost() as url:
        connection = await aio_pika.connect(url)
        async with connection:
            await declare_topology(await connection.channel(), [], TopologySettings())
        yield url


async def publish(url: str, messages) -> None:
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange(EVENTS_EXCHANGE)
        for key, message in messages:
            await exchange.publish(message, routing_key=key)


async def stream(url: str, expect: int) -> list:
    for _ in range(100):
        async with AuditStreamReader(url, idle_timeout=1.0) as reader:
            records = [r async for r in reader.records("first")]
        if len(records) >= expect:
            return records
        await asyncio.sleep(0.2)
    raise AssertionError(f"the stream holds {len(records)} messages, not {expect}")


async def writing(url: str, seal: ContactSeal | None) -> asyncio.Task:
    return asyncio.create_task(AuditWriter(url, seal, retry_seconds=0.2).run_forever())


async def stop(task: asyncio.Task) -> None:
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_every_message_is_copied_in_order_with_the_contact_sealed(vhost: str):
    writer = await writing(vhost, SEAL)
    try:
        await publish(vhost, MESSAGES)
        records = await stream(vhost, expect=4)
    finally:
        await stop(writer)

    assert [r.routing_key for r in records] == [key for key, _ in MESSAGES]
    profile, sealed, from_binary, garbage = records
    assert profile.event_json == PROFILE and profile.user_id == "guest"
    for copy in (sealed, from_binary):
        assert copy.mode == "structured" and copy.user_id == "guest"
        assert copy.event_json["data"]["complainant"] == {"privacy": CONTACT["privacy"]}
        opened = SEAL.open(copy.event_json["sealedcontact"])
        assert opened == {k: CONTACT[k] for k in ("name", "email", "phone") if CONTACT.get(k)}
    assert from_binary.event_json["id"] == "binary-complaint"
    assert garbage.body == GARBAGE and not garbage.parsed
    everything = b"".join(r.body for r in records)
    for field in ("name", "email", "phone"):
        if CONTACT.get(field):
            assert CONTACT[field].encode() not in everything


async def test_without_a_key_the_contact_is_withheld(vhost: str):
    writer = await writing(vhost, None)
    try:
        await publish(vhost, MESSAGES[1:2])
        [copy] = await stream(vhost, expect=1)
    finally:
        await stop(writer)
    assert copy.event_json["contactwithheld"] == "true"
    assert "sealedcontact" not in copy.event_json
    assert CONTACT["email"].encode() not in copy.body


async def test_what_arrives_while_the_writer_is_down_is_copied_when_it_is_back(vhost: str):
    writer = await writing(vhost, SEAL)
    await publish(vhost, MESSAGES[:1])
    await stream(vhost, expect=1)
    await stop(writer)

    await publish(
        vhost,
        [
            (k, structured(dict(PROFILE, id=f"later-{i}")))
            for i, (k, _) in enumerate(MESSAGES[:1] * 3)
        ],
    )
    await asyncio.sleep(0.5)
    assert len(await stream(vhost, expect=1)) == 1  # kept in the intake for the writer
    writer = await writing(vhost, SEAL)
    try:
        records = await stream(vhost, expect=4)
    finally:
        await stop(writer)
    assert [r.event_json["id"] for r in records[1:]] == ["later-0", "later-1", "later-2"]


async def test_a_cancelled_writer_stops_and_does_not_reconnect(vhost: str):
    writer = await writing(vhost, SEAL)
    await publish(vhost, MESSAGES[:1])
    await stream(vhost, expect=1)

    writer.cancel()
    done, _ = await asyncio.wait({writer}, timeout=5)

    assert done == {writer} and writer.cancelled()


async def test_every_event_is_kept_in_the_audit_stream(runtime, amqp_url):
    # The audit writer (the audit service's) copies the exchange into the stream: agencies'
    # events and what the services publish in answer.
    writer = asyncio.create_task(AuditWriter(amqp_url, None).run_forever())
    example = dict(contract_example(), id="audit-1")
    agency_publish(
        amqp_url, routing_key="assessment.submitted.v1", **test_broker.structured(example)
    )
    seen: list[str] = []
    both = asyncio.Event()

    async def on_message(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        seen.append(json.loads(message.body)["type"])
        await message.ack()  # streams over AMQP need manual ack; a nack would close the connection
        if {"AssessmentSubmitted", "PerformanceRated"} <= set(seen):
            both.set()

    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=100)
        audit_stream = await channel.declare_queue(AUDIT_STREAM, passive=True)
        await audit_stream.consume(on_message, arguments={"x-stream-offset": "first"})
        await asyncio.wait_for(both.wait(), timeout=15)
    writer.cancel()
    assert {"AssessmentSubmitted", "PerformanceRated"} <= set(seen)
