"""Onboarding an agency on the real broker, and the allowlist a service enforces with it.

Each test gets a fresh vhost and a fresh `agency-t...` broker user made by the real command
(`asn-onboard-agency onboard --apply`, run as a process, `python -m asn_deploy.rabbitmq.onboard`,
against a copy of agencies.json); the user is deleted again whatever happens.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path

import aio_pika
import aiormq.exceptions
import pytest
import structlog

from asn_assessment.main import build
from asn_deploy.paths import AGENCIES_FILE as COMMITTED_AGENCIES
from asn_deploy.rabbitmq.rabbitmqctl import create_vhost, ctl, delete_vhost, vhost_url
from asn_shared.envelope import CloudEvent
from asn_shared.messaging.topology import EVENTS_EXCHANGE
from asn_shared.runtime.service import ServiceRuntime

from ..conftest import AMQP_BASE
from ..support import contract_example, migrate
from .test_broker import agency_publish, drain, stored_assessments, structured

pytestmark = pytest.mark.integration

OTHER_AGENCY_SOURCE = "/agencies/ekinerja-kotabumi"  # agency-ekinerja-kotabumi's, in the file


@dataclass
class Onboarded:
    user: str
    source: str
    password: str
    vhost: str
    agencies_file: Path

    @property
    def amqp_url(self) -> str:
        base = urllib.parse.urlsplit(AMQP_BASE)
        netloc = (
            f"{urllib.parse.quote(self.user, safe='')}:"
            f"{urllib.parse.quote(self.password, safe='')}@{base.hostname}:{base.port or 5672}"
        )
        return vhost_url(urllib.parse.urlunsplit(("amqp", netloc, "/", "", "")), self.vhost)


def run_command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "asn_deploy.rabbitmq.onboard", *args],
        capture_output=True,
        text=True,
        timeout=180,
    )


def broker_users() -> set[str]:
    listed = ctl("list_users", "--silent").stdout.splitlines()
    return {line.split("\t")[0] for line in listed if line.strip()}


@pytest.fixture
def vhost():
    name = f"asn-test-onboard-{uuid.uuid4().hex[:8]}"
    create_vhost(name)  # guest gets full permissions: it plays the services and the observer
    yield name
    delete_vhost(name)


@pytest.fixture
def agency(vhost: str, tmp_path: Path):
    name = f"t{uuid.uuid4().hex[:8]}"
    agencies_file = tmp_path / "agencies.json"
    shutil.copy(COMMITTED_AGENCIES, agencies_file)
    user, source = f"agency-{name}", f"/agencies/{name}"
    try:
        result = run_command(
            "onboard", user, "--source", source, "--type", "AssessmentSubmitted",
            "--vhost", vhost, "--apply", "--agencies-file", str(agencies_file),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        password = result.stdout.strip()
        assert len(password) >= 40 and "\n" not in password  # only the password on stdout
        assert password not in result.stderr
        yield Onboarded(user, source, password, vhost, agencies_file)
    finally:
        ctl("delete_user", user, check=False)


async def test_the_onboarded_agency_publishes_its_own_routing_key_as_itself_and_nothing_else(
    agency: Onboarded,
):
    entry = next(
        e
        for e in json.loads(agency.agencies_file.read_text())["agencies"]
        if e["user"] == agency.user
    )
    assert entry == {
        "user": agency.user,
        "sources": [agency.source],
        "types": ["AssessmentSubmitted"],
        "vhost": agency.vhost,
    }
    topic = ctl("list_user_topic_permissions", agency.user, "--silent").stdout
    assert r"^(assessment\.submitted\.v1)$" in topic

    observer = await aio_pika.connect(vhost_url(AMQP_BASE, agency.vhost))
    async with observer:
        channel = await observer.channel()
        exchange = await channel.declare_exchange(
            EVENTS_EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True
        )
        watch = await channel.declare_queue(exclusive=True)
        await watch.bind(exchange, "#")

        connection = await aio_pika.connect(agency.amqp_url)
        async with connection:

            async def publish(routing_key: str, user_id: str | None):
                # A fresh channel each time: a refusal closes the channel, not the connection.
                agency_channel = await connection.channel()  # publisher confirms on
                events = await agency_channel.get_exchange(EVENTS_EXCHANGE, ensure=False)
                return await events.publish(
                    aio_pika.Message(b"{}", user_id=user_id, delivery_mode=2), routing_key
                )

            confirm = await publish("assessment.submitted.v1", agency.user)
            assert type(confirm).__name__ == "Ack"

            with pytest.raises(aiormq.exceptions.ChannelAccessRefused, match="ACCESS_REFUSED"):
                await publish("complaint.received.v1", agency.user)
            with pytest.raises(
                aiormq.exceptions.ChannelPreconditionFailed, match="PRECONDITION_FAILED"
            ):
                await publish("assessment.submitted.v1", "agency-ekinerja-kotabumi")
            with pytest.raises(aiormq.exceptions.ChannelAccessRefused, match="ACCESS_REFUSED"):
                refused = await connection.channel()
                await refused.declare_queue("agency-own-queue")  # configure '^$'

        arrived = await watch.get(timeout=5)
        assert (arrived.routing_key, arrived.user_id) == ("assessment.submitted.v1", agency.user)
        assert await watch.get(fail=False) is None

    result = run_command(
        "offboard", agency.user, "--apply", "--agencies-file", str(agency.agencies_file)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert agency.user not in broker_users()
    users = [e["user"] for e in json.loads(agency.agencies_file.read_text())["agencies"]]
    assert agency.user not in users and "agency-lapor" in users
    with pytest.raises(aiormq.exceptions.ProbableAuthenticationError):
        await aio_pika.connect(agency.amqp_url)


@pytest.fixture
async def guarded_runtime(agency: Onboarded, tmp_path: Path, monkeypatch):
    """The assessment service with the onboarding command's agencies file as its allowlist."""
    monkeypatch.setenv("AMQP_URL", vhost_url(AMQP_BASE, agency.vhost))
    monkeypatch.setenv("ASN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ASN_AGENCY_ALLOWLIST_FILE", str(agency.agencies_file))
    monkeypatch.setenv("ASSESSMENT_RETRY_BACKOFF_SECONDS", "0")
    monkeypatch.setenv("ASSESSMENT_RATING_PUBLICATION", "SUBMISSION")
    definition = build()
    await migrate(definition.migrations_dir, definition.settings.effective_database_url)
    service = ServiceRuntime(definition)
    with structlog.testing.capture_logs() as logs:
        await service.start()
    service.start_logs = logs
    yield service
    await service.stop()


async def test_the_allowlist_dead_letters_a_spoofed_source_and_applies_the_legitimate_event(
    agency: Onboarded, guarded_runtime: ServiceRuntime
):
    events = [e["event"] for e in guarded_runtime.start_logs]
    assert "authority.agency_allowlist" in events
    assert "authority.agency_identity_not_enforced" not in events

    example = contract_example()
    spoofed = dict(example, id="spoofed-source", source=OTHER_AGENCY_SOURCE)
    legitimate = dict(example, id="legitimate", source=agency.source)
    anonymous = dict(example, id="no-user-id", source=agency.source)
    key = "assessment.submitted.v1"
    agency_publish(agency.amqp_url, routing_key=key, user_id=agency.user, **structured(spoofed))
    agency_publish(
        vhost_url(AMQP_BASE, agency.vhost), routing_key=key, **structured(anonymous)
    )  # guest, no user_id: the convention would have applied it
    agency_publish(agency.amqp_url, routing_key=key, user_id=agency.user, **structured(legitimate))
    # Our own door (assessment's HTTP intake): the runtime's publisher stamps its broker user.
    own = CloudEvent.model_validate(dict(example, id="own-door", source="/asn-kinerja/assessment"))
    await guarded_runtime.publisher.publish(own, key)

    dead = await drain(guarded_runtime.settings.amqp_url, "assessment.dlq", expect=2)
    reasons = {json.loads(m.body)["id"]: m.headers["x-dead-letter-reason"] for m in dead}
    assert set(reasons) == {"spoofed-source", "no-user-id"}
    assert agency.user in reasons["spoofed-source"]
    assert f"may not speak for source '{OTHER_AGENCY_SOURCE}'" in reasons["spoofed-source"]
    assert "has no user_id" in reasons["no-user-id"]
    for reason in reasons.values():
        assert example["data"]["nip"] not in reason  # envelope names only, never payload values

    for _ in range(100):
        if await stored_assessments(guarded_runtime) == 2:
            break
        await asyncio.sleep(0.1)
    assert await stored_assessments(guarded_runtime) == 2  # the agency's and our own door's


async def test_without_an_allowlist_the_service_says_once_that_identity_is_not_enforced(
    vhost: str, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("AMQP_URL", vhost_url(AMQP_BASE, vhost))
    monkeypatch.setenv("ASN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ASN_AGENCY_ALLOWLIST_FILE", raising=False)
    definition = build()
    await migrate(definition.migrations_dir, definition.settings.effective_database_url)
    service = ServiceRuntime(definition)
    with structlog.testing.capture_logs() as logs:
        await service.start()
        await service.stop()
    warnings = [e for e in logs if e["event"] == "authority.agency_identity_not_enforced"]
    assert len(warnings) == 1 and warnings[0]["log_level"] == "warning"
    assert "ASN_AGENCY_ALLOWLIST_FILE" in warnings[0]["consequence"]
