"""Fixtures for tests that talk to real servers.

The servers come from the environment first (TEST_AMQP_URL, TEST_POSTGRES_URL, defaulting to the
local RabbitMQ and PostgreSQL that `deploy/local-servers.sh` starts). Each test session gets its
own RabbitMQ vhost and PostgreSQL database, so tests never touch `make run`'s queues or data.
When a server is unreachable the fixtures fail loudly; they never skip.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from asn_deploy.rabbitmq.rabbitmqctl import create_vhost, delete_vhost, vhost_url
from tests.clock import TestClock, parse_start

REPO = Path(__file__).resolve().parent.parent

AMQP_BASE = os.environ.get("TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
POSTGRES_BASE = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/asn_test"
)


@pytest.fixture(scope="session")
def amqp_url() -> Iterator[str]:
    """A fresh vhost on the real broker for this test session."""
    vhost = f"asn-test-{uuid.uuid4().hex[:8]}"
    try:
        create_vhost(vhost)
    except Exception as exc:  # pragma: no cover - the message is the point
        pytest.fail(
            f"RabbitMQ is needed for these tests and could not be used ({exc}). "
            "Start it with `bash deploy/local-servers.sh` or set TEST_AMQP_URL."
        )
    yield vhost_url(AMQP_BASE, vhost)
    delete_vhost(vhost)


def _asyncpg_dsn(sqlalchemy_url: str, database: str) -> str:
    base = sqlalchemy_url.replace("postgresql+asyncpg://", "postgresql://")
    return base.rsplit("/", 1)[0] + "/" + database


def _postgres_admin(sql: str) -> None:
    import asyncpg

    async def run() -> None:
        conn = await asyncpg.connect(_asyncpg_dsn(POSTGRES_BASE, "postgres"), timeout=10)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run())


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    name = f"asn_test_{uuid.uuid4().hex[:10]}"
    try:
        _postgres_admin(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # pragma: no cover - the message is the point
        pytest.fail(
            f"PostgreSQL is needed for these tests and could not be used ({exc}). "
            "Start it with `bash deploy/local-servers.sh` or set TEST_POSTGRES_URL."
        )
    yield POSTGRES_BASE.rsplit("/", 1)[0] + "/" + name
    _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path: Path) -> str:
    """Each persistence test runs on both engines the services support."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("postgres_url")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        default=None,
        help="start the `clock` fixture at this ISO-8601 instant (tests/clock.py)",
    )


@pytest.fixture
def clock(request: pytest.FixtureRequest) -> TestClock:
    """The one "now" of a date-sensitive test and of the service it drives (tests/clock.py)."""
    start = parse_start(request.config.getoption("--clock"))
    return TestClock(start) if start else TestClock()
