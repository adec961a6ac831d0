"""`audit-service` as ops run it: a real process that copies the exchange into the audit stream
with the feedback service's contact key, answers /health and /metrics, stops cleanly on SIGTERM,
and whose `check` and settings errors are one line with an exit code."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aio_pika
import pytest

from asn_shared.audit_stream.reader import AuditStreamReader
from asn_shared.envelope import STRUCTURED_CONTENT_TYPE
from asn_shared.messaging.topology import EVENTS_EXCHANGE
from asn_shared.sealing import ContactSeal, generate_key

from .test_audit_replay import EXAMPLES, fresh_vhost

pytestmark = pytest.mark.integration

SCRIPT = str(Path(sys.executable).parent / "audit-service")
KEY = generate_key()
COMPLAINT = json.loads((EXAMPLES / "complaint.received.v1.json").read_text())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(url: str, port: int, **more: str) -> dict[str, str]:
    return {
        **os.environ,
        "AMQP_URL": url,
        "FEEDBACK_CONTACT_KEY": KEY,
        "AUDIT_HTTP_PORT": str(port),
        "AUDIT_LOG_JSON": "true",
        **more,
    }


def get(port: int, path: str) -> tuple[int | None, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except OSError:
        return None, ""


def wait_ready(service: subprocess.Popen[str], port: int, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert service.poll() is None, f"audit-service exited with {service.returncode}"
        status, body = get(port, "/health/ready")
        if status == 200:
            return json.loads(body)
        time.sleep(0.2)
    raise AssertionError(f"audit-service not ready on :{port} after {timeout}s")


@pytest.fixture
def vhost() -> Iterator[str]:
    with fresh_vhost() as url:
        yield url


@pytest.fixture
def service(vhost: str, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, Path]]:
    port = free_port()
    log = tmp_path / "audit.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [SCRIPT, "run"],
            env=environment(vhost, port),
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        yield process, port, log
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


async def publish_and_read(url: str) -> list:
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange(EVENTS_EXCHANGE)
        message = aio_pika.Message(
            json.dumps(COMPLAINT).encode(), content_type=STRUCTURED_CONTENT_TYPE, user_id="guest"
        )
        await exchange.publish(message, routing_key="complaint.received.v1")
    for _ in range(100):
        async with AuditStreamReader(url, idle_timeout=1.0) as reader:
            records = [r async for r in reader.records("first")]
        if records:
            return records
        await asyncio.sleep(0.2)
    raise AssertionError("nothing reached the stream")


def test_run_copies_with_the_feedback_key_serves_health_and_stops_on_sigterm(vhost, service):
    process, port, log = service
    ready = wait_ready(process, port)
    assert ready["checks"] == {"broker": True, "writer": True}
    assert get(port, "/health/live") == (200, '{"status":"alive"}')

    [record] = asyncio.run(publish_and_read(vhost))
    contact = COMPLAINT["data"]["complainant"]
    assert ContactSeal(KEY).open(record.event_json["sealedcontact"])["email"] == contact["email"]
    assert contact["email"].encode() not in record.body
    status, metrics = get(port, "/metrics")
    assert status == 200
    assert "asn_audit_copied_total 1.0" in metrics
    assert "asn_audit_contacts_sealed_total 1.0" in metrics

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert {"audit.writer_started", "service.stopped"} <= {line["event"] for line in lines}
    assert all(line["service"] == "audit" for line in lines)


def test_check_passes_once_the_stream_exists_and_names_what_is_wrong(vhost, service, tmp_path):
    def check(url: str, **more: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [SCRIPT, "check"],
            env=environment(url, free_port(), **more),
            capture_output=True,
            text=True,
            timeout=60,
        )

    process, port, _ = service
    wait_ready(process, port)  # the writer declared the topology
    assert check(vhost).returncode == 0
    missing = check(vhost, AUDIT_STREAM="asn.audit.nowhere")
    assert missing.returncode == 1 and "no stream 'asn.audit.nowhere'" in missing.stdout
    unreachable = check("amqp://guest:guest@127.0.0.1:1/")
    assert unreachable.returncode == 1 and "cannot connect" in unreachable.stdout

    refused = check(vhost, FEEDBACK_CONTACT_KEY="not-a-fernet-key")
    assert refused.returncode == 2
    assert "invalid settings" in refused.stderr and "FEEDBACK_CONTACT_KEY" in refused.stderr
    assert "not-a-fernet-key" not in refused.stderr + refused.stdout
