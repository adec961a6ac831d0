"""The four services as real processes (their console scripts), a real SMTP server, a
development identity provider whose bearer tokens they verify, and a queue bound to `#` that
watches everything crossing the exchange.

Every HTTP call of these tests carries a token of the session's issuer for the person it acts as
(`tokens`, tests/e2e/actors.py): the services check it exactly as in production, fetching the
issuer's discovery document and keys over HTTP."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import aio_pika
import pytest
from aiosmtpd.controller import Controller

from asn_deploy.identity.files import IssuerFiles
from asn_deploy.local.system import WITHOUT_DATABASE, DevIssuer, LocalSystem
from asn_deploy.rabbitmq.rabbitmqctl import create_vhost, delete_vhost, vhost_url
from asn_shared.messaging.topology import EVENTS_EXCHANGE

from ..conftest import AMQP_BASE, POSTGRES_BASE, _postgres_admin
from .actors import Tokens

HTTP_PORTS = {
    "assessment": 8301,
    "feedback": 8302,
    "sanctions": 8303,
    "notifications": 8304,
    "audit": 8305,
}
POSTGRES_HTTP_PORTS = {s: port + 10 for s, port in HTTP_PORTS.items()}


@dataclass
class MailCollector:
    """An aiosmtpd handler keeping every message it receives."""

    messages: list[dict] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(
            {"to": list(envelope.rcpt_tos), "content": envelope.content.decode("utf-8", "replace")}
        )
        return "250 OK"


class Watcher:
    """Collects every event on the exchange (a test queue bound to `#`)."""

    def __init__(self, queue: aio_pika.abc.AbstractQueue) -> None:
        self._queue = queue
        self.events: list[dict] = []

    async def collect(self) -> None:
        while (message := await self._queue.get(fail=False, no_ack=True)) is not None:
            self.events.append(json.loads(message.body))

    def of_type(self, event_type: str, **data) -> list[dict]:
        return [
            e
            for e in self.events
            if e.get("type") == event_type and all(e["data"].get(k) == v for k, v in data.items())
        ]

    async def wait_until(self, predicate, timeout: float = 45.0) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            await self.collect()
            if predicate(self):
                return
            await asyncio.sleep(0.2)
        await self.collect()
        assert predicate(self), f"timed out; saw {[e.get('type') for e in self.events]}"


@pytest.fixture(scope="module")
def e2e_amqp_url():
    vhost = f"asn-e2e-{uuid.uuid4().hex[:8]}"
    create_vhost(vhost)
    yield vhost_url(AMQP_BASE, vhost)
    delete_vhost(vhost)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def mail():
    collector = MailCollector()
    port = free_port()
    # aiosmtpd checks its own start by connecting to the port, so it needs a concrete one.
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    yield collector, port
    controller.stop()


@pytest.fixture(scope="session")
def dev_issuer(tmp_path_factory):
    """`asn-dev-issuer` for the session: its own port, and its key in a folder of its own."""
    base: Path = tmp_path_factory.mktemp("e2e-issuer")
    with DevIssuer(folder=base / "issuer", port=free_port(), log_dir=base / "log") as issuer:
        yield issuer


@pytest.fixture(scope="session")
def tokens(dev_issuer) -> Tokens:
    """Bearer tokens of the session's issuer, for whoever a test acts as."""
    return Tokens(IssuerFiles(dev_issuer.folder))


@pytest.fixture(scope="module")
def system(e2e_amqp_url, mail, dev_issuer, tmp_path_factory):
    base: Path = tmp_path_factory.mktemp("e2e")
    _, smtp_port = mail
    with LocalSystem(
        amqp_url=e2e_amqp_url,
        data_dir=base / "data",
        log_dir=base / "log",
        smtp_port=smtp_port,
        http_ports=HTTP_PORTS,
        issuer=dev_issuer.url,
        # The foundation flow: a supervisor's assessment is rated at once (as for an agency
        # whose own application finalises ratings); the period-close flow has its own tests.
        extra_env={"ASSESSMENT_RATING_PUBLICATION": "SUBMISSION"},
    ) as local:
        local.migrate()
        local.start()
        yield local


@pytest.fixture
async def watcher(system, e2e_amqp_url):
    async with watching(e2e_amqp_url) as seen:
        yield seen


@asynccontextmanager
async def watching(amqp_url: str) -> AsyncIterator[Watcher]:
    """Every event on the exchange from now on (an exclusive queue bound to `#`)."""
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        queue = await (await connection.channel()).declare_queue(exclusive=True)
        await queue.bind(EVENTS_EXCHANGE, "#")
        yield Watcher(queue)


@pytest.fixture(scope="module")
def databases():
    """One PostgreSQL database per service, dropped afterwards."""
    names = {
        s: f"asn_e2e_{s}_{uuid.uuid4().hex[:8]}" for s in HTTP_PORTS if s not in WITHOUT_DATABASE
    }
    for name in names.values():
        _postgres_admin(f'CREATE DATABASE "{name}"')
    yield {s: POSTGRES_BASE.rsplit("/", 1)[0] + "/" + n for s, n in names.items()}
    for name in names.values():
        _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def service_env() -> dict[str, str]:
    """Settings a test module adds to the services' environment (override it in the module)."""
    return {}


@pytest.fixture(scope="module")
def postgres_system(e2e_amqp_url, mail, databases, service_env, dev_issuer, tmp_path_factory):
    """The four services on PostgreSQL; ratings wait for their unit's period close."""
    base = tmp_path_factory.mktemp("e2e-postgres")
    env = {f"{s.upper()}_DATABASE_URL": url for s, url in databases.items()}
    env["ASSESSMENT_RATING_PUBLICATION"] = "PERIOD_CLOSE"  # the default, whatever the shell says
    env.update(service_env)
    with LocalSystem(
        amqp_url=e2e_amqp_url,
        data_dir=base / "data",
        log_dir=base / "log",
        smtp_port=mail[1],
        http_ports=POSTGRES_HTTP_PORTS,
        extra_env=env,
        issuer=dev_issuer.url,
    ) as local:
        local.migrate()
        local.start()
        yield local
