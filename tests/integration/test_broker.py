"""The messaging plumbing on a real RabbitMQ: topology, dead-lettering, duplicates, binary mode.

Drives the real assessment service in-process (its ServiceRuntime), publishing like an agency
does with pika, and reading the broker back with aio-pika.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aio_pika
import pika
import pytest
from sqlalchemy import func, select

from asn_assessment.adapters.tables import assessments
from asn_assessment.main import build
from asn_shared.messaging.handling import HandlerTable, on
from asn_shared.messaging.topology import EVENTS_EXCHANGE
from asn_shared.runtime.service import ServiceRuntime

from ..support import contract_example, migrate

pytestmark = pytest.mark.integration


def agency_publish(amqp_url: str, body: bytes, routing_key: str, **props) -> None:
    """Publish the way an agency does: plain pika, persistent, with publisher confirms."""
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        properties = pika.BasicProperties(delivery_mode=2, **props)
        channel.basic_publish(EVENTS_EXCHANGE, routing_key, body, properties, mandatory=True)
    finally:
        connection.close()


def structured(event: dict) -> dict:
    return {"body": json.dumps(event).encode(), "content_type": "application/cloudevents+json"}


@pytest.fixture
async def runtime(amqp_url: str, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("AMQP_URL", amqp_url)
    monkeypatch.setenv("ASN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ASSESSMENT_DELIVERY_LIMIT", "2")
    monkeypatch.setenv("ASSESSMENT_RETRY_BACKOFF_SECONDS", "0")
    monkeypatch.setenv("ASSESSMENT_RATING_PUBLICATION", "SUBMISSION")
    definition = build()
    await migrate(definition.migrations_dir, definition.settings.effective_database_url)
    service = ServiceRuntime(definition)
    await service.start()
    yield service
    await service.stop()


async def drain(amqp_url: str, queue: str, expect: int, timeout: float = 10.0) -> list:
    """Read (and ack) messages from a queue until `expect` arrived or the time is up."""
    got: list[aio_pika.abc.AbstractIncomingMessage] = []
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        q = await channel.declare_queue(queue, passive=True)
        deadline = asyncio.get_running_loop().time() + timeout
        while len(got) < expect and asyncio.get_running_loop().time() < deadline:
            message = await q.get(fail=False)
            if message is None:
                await asyncio.sleep(0.1)
                continue
            await message.ack()
            got.append(message)
    return got


async def bind_watch(amqp_url: str, routing_key: str):
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel()
    queue = await channel.declare_queue(exclusive=True)
    await queue.bind(EVENTS_EXCHANGE, routing_key)
    return connection, queue


async def wait_for(queue, count: int, timeout: float = 10.0) -> list[dict]:
    bodies = []
    deadline = asyncio.get_running_loop().time() + timeout
    while len(bodies) < count and asyncio.get_running_loop().time() < deadline:
        message = await queue.get(fail=False, no_ack=True)
        if message is None:
            await asyncio.sleep(0.05)
            continue
        bodies.append(json.loads(message.body))
    return bodies


async def stored_assessments(runtime: ServiceRuntime) -> int:
    async with runtime.sessions() as session:
        return (await session.execute(select(func.count()).select_from(assessments))).scalar_one()


async def test_contract_example_yields_rating_and_duplicates_have_one_effect(runtime, amqp_url):
    connection, watch = await bind_watch(amqp_url, "performance.rated.v1")
    example = contract_example()
    for _ in range(3):  # an agency resending the same event
        agency_publish(amqp_url, routing_key="assessment.submitted.v1", **structured(example))
    rated = await wait_for(watch, 1)
    await asyncio.sleep(1.0)  # give the two resends time to be (not) applied
    rated += await wait_for(watch, 1, timeout=0.5)
    await connection.close()
    assert len(rated) == 1
    event = rated[0]
    assert event["type"] == "PerformanceRated"
    assert event["data"]["predikat"] == "BUTUH_PERBAIKAN"
    assert event["correlationid"] == example["id"]
    assert event["causationid"] == example["id"]
    assert event["subject"] == example["data"]["nip"]
    assert await stored_assessments(runtime) == 1


async def test_bad_messages_are_dead_lettered_with_reasons_and_the_consumer_keeps_going(
    runtime, amqp_url
):
    example = contract_example()
    bad_schema = dict(example, id="bad-schema", data=dict(example["data"], nip="12345"))
    unknown = dict(example, id="unknown-type", type="AssessmentForged")
    no_ratings = dict(
        example,
        id="no-ratings",
        data={k: v for k, v in example["data"].items() if not k.startswith("rating_")},
    )
    agency_publish(
        amqp_url, b"{not json", "assessment.submitted.v1", content_type="application/json"
    )
    for event in (bad_schema, unknown, no_ratings):
        agency_publish(amqp_url, routing_key="assessment.submitted.v1", **structured(event))
    agency_publish(amqp_url, routing_key="assessment.submitted.v1", **structured(example))

    dead = await drain(amqp_url, "assessment.dlq", expect=4)
    reasons = sorted(m.headers["x-dead-letter-reason"] for m in dead)
    assert len(reasons) == 4
    assert any("not JSON" in r for r in reasons)
    assert any("nip" in r and "pattern" in r for r in reasons)
    assert any("unknown event type 'AssessmentForged'" in r for r in reasons)
    assert any("rating_hasil_kerja and rating_perilaku_kerja are required" in r for r in reasons)
    assert {m.headers["x-dead-letter-consumer"] for m in dead} == {"assessment"}
    for _ in range(50):  # the good event behind them is still applied
        if await stored_assessments(runtime) == 1:
            break
        await asyncio.sleep(0.1)
    assert await stored_assessments(runtime) == 1


async def test_binary_mode_cloudevent_is_accepted(runtime, amqp_url):
    example = contract_example()
    headers = {
        "ce-specversion": "1.0",
        "ce-id": "binary-1",
        "ce-source": example["source"],
        "ce-type": "AssessmentSubmitted",
        "ce-time": example["time"],
        "ce-subject": example["subject"],
    }
    connection, watch = await bind_watch(amqp_url, "performance.rated.v1")
    agency_publish(
        amqp_url,
        json.dumps(example["data"]).encode(),
        "assessment.submitted.v1",
        content_type="application/json",
        headers=headers,
    )
    rated = await wait_for(watch, 1)
    await connection.close()
    assert [e["data"]["predikat"] for e in rated] == ["BUTUH_PERBAIKAN"]
    assert rated[0]["correlationid"] == "binary-1"


async def test_poison_message_reaches_the_dead_letter_queue_after_the_delivery_limit(
    runtime, amqp_url
):
    async def always_fails(ctx) -> None:
        raise RuntimeError("a bug in the handler")

    model = runtime.consumer.handlers.route("AssessmentSubmitted").model
    runtime.consumer.handlers = HandlerTable(on(model, always_fails))
    agency_publish(
        amqp_url, routing_key="assessment.submitted.v1", **structured(contract_example())
    )
    dead = await drain(amqp_url, "assessment.dlq", expect=1, timeout=20)
    assert len(dead) == 1
    # Native dead-lettering by the quorum queue's delivery limit (x-death), nothing lost.
    assert dead[0].headers["x-death"][0]["reason"] in ("delivery_limit", b"delivery_limit")


async def test_health_and_metrics_endpoints(runtime, amqp_url):
    import httpx

    from asn_shared.runtime.http import build_http_app

    agency_publish(
        amqp_url, routing_key="assessment.submitted.v1", **structured(contract_example())
    )
    transport = httpx.ASGITransport(app=build_http_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        for _ in range(50):
            metrics = (await client.get("/metrics")).text
            if 'outcome="applied"' in metrics:
                break
            await asyncio.sleep(0.1)
        ready = (await client.get("/health/ready")).json()
    assert ready["status"] == "ready" and all(ready["checks"].values())
    assert (
        'asn_events_consumed_total{consumer="assessment",event_type="AssessmentSubmitted",'
        'outcome="applied"}' in metrics
    )
    assert "asn_outbox_pending" in metrics
