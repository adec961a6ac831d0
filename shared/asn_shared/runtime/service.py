"""The running service: broker, consumer, outbox relay, HTTP endpoints, background tasks."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Coroutine
from contextlib import AbstractAsyncContextManager, suppress
from typing import Any

import aio_pika
import uvicorn
from sqlalchemy import text

from ..clock import Clock, system_clock
from ..identity.tokens import DiscoveredKeys, TokenVerifier
from ..logging import get_logger
from ..messaging.broker import create_broker
from ..messaging.consumer import EventConsumer
from ..messaging.publisher import EventPublisher, broker_user
from ..messaging.subscription import attach
from ..messaging.topology import TopologySettings, declare_topology
from ..persistence.engine import create_engine, session_factory
from ..persistence.relay import OutboxRelay
from .definition import ServiceDefinition
from .http import build_http_app
from .unit_of_work import UnitOfWork, unit_of_work

log = get_logger(__name__)


class ServiceRuntime:
    def __init__(self, definition: ServiceDefinition) -> None:
        settings = definition.settings
        self.definition = definition
        self.settings = settings
        self.engine = create_engine(settings.effective_database_url)
        self.sessions = session_factory(self.engine)
        self.broker = create_broker(
            settings.amqp_url, app_id=definition.name, prefetch=settings.prefetch
        )
        self.publisher = EventPublisher(self.broker, user_id=broker_user(settings.amqp_url))
        self.relay = OutboxRelay(
            self.sessions,
            self.publisher,
            batch_size=settings.outbox_batch_size,
            poll_seconds=settings.outbox_poll_seconds,
        )
        self.consumer = EventConsumer(
            definition.consumer,
            definition.handlers,
            self.sessions,
            self.publisher,
            source=settings.event_source,
            on_commit=self.relay.wake,
            retry_backoff_seconds=settings.retry_backoff_seconds,
            agency_allowlist=settings.agency_allowlist,
        )
        self.batcher = attach(self.consumer, self.broker, settings.consumer_batch_size)
        rules = settings.token_rules
        # Who calls the HTTP routes (asn_shared.identity); None: authentication is off (only a
        # local development run starts so: runtime/cli.py), and every protected route says 401.
        self.identity = TokenVerifier(rules, DiscoveredKeys(rules.issuer)) if rules else None
        # "Now" for HTTP commands (asn_shared.clock); tests of a whole service may replace it.
        self.clock: Clock = system_clock
        self.consuming = False
        self._tasks: list[asyncio.Task[Any]] = []

    def unit_of_work(self, actor: str | None = None) -> AbstractAsyncContextManager[UnitOfWork]:
        """A transaction for an HTTP use case; events it emits go out through the outbox,
        naming `actor` (the caller's NIP) as who commanded them."""
        return unit_of_work(
            self.sessions,
            self.settings.event_source,
            self.relay.wake,
            self.clock,
            actor,
            self.definition.consumer.name,
        )

    async def declare_topology(self) -> None:
        connection = await aio_pika.connect(self.settings.amqp_url)
        async with connection:
            channel = await connection.channel()
            await declare_topology(
                channel,
                [self.definition.consumer],
                TopologySettings(delivery_limit=self.settings.delivery_limit),
            )

    async def database_ok(self) -> bool:
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    async def broker_ok(self) -> bool:
        try:
            return bool(await self.broker.ping(timeout=2.0))
        except Exception:
            return False

    def start_task(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=name)
        self._tasks.append(task)
        return task

    async def start(self) -> None:
        await self.declare_topology()
        await self.broker.start()
        self.consuming = True
        self.start_task(self.relay.run(), "outbox-relay")
        for background in self.definition.background:
            self.start_task(background(self), getattr(background, "__name__", "background"))
        log.info(
            "service.started",
            queue=self.definition.consumer.queue,
            handlers=self.consumer.handlers.describe(),
            http_port=self.settings.http_port,
            holidays=len(self.settings.holiday_source.holidays()),
        )
        if self.settings.holidays_file is None:
            log.warning(
                "calendar.no_holidays_file",
                consequence="working-day deadlines skip weekends only; set ASN_HOLIDAYS_FILE",
            )
        if self.identity is None:
            log.warning(
                "auth.off_for_local_development",
                consequence="no ASN_AUTH_ISSUER: every route but the public ones answers 401",
            )
        else:
            log.info("auth.issuer", issuer=self.identity.rules.issuer)
        allowlist = self.settings.agency_allowlist
        if allowlist is None:
            log.warning(
                "authority.agency_identity_not_enforced",
                consequence="no ASN_AGENCY_ALLOWLIST_FILE: agency events without a user_id are "
                "accepted from any source; an agency-<name> user is held to /agencies/<name> by "
                "its name only",
            )
        else:
            log.info(
                "authority.agency_allowlist",
                file=str(self.settings.agency_allowlist_file),
                agencies=len(allowlist),
            )

    async def stop(self) -> None:
        self.consuming = False
        # Stop consuming first so in-flight handlers finish and ack before the pool goes away.
        await self.broker.stop()
        await self.batcher.close()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with suppress(asyncio.CancelledError, Exception):
                await task
        await self.engine.dispose()
        log.info("service.stopped")

    async def serve_forever(self) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await self.start()
        server = uvicorn.Server(
            uvicorn.Config(
                build_http_app(self),
                host=self.settings.http_host,
                port=self.settings.http_port,
                log_config=None,
                access_log=False,
                lifespan="off",
            )
        )
        # uvicorn captures SIGINT/SIGTERM while it serves: it stops serving, then restores our
        # loop's handlers and raises the signal again, which sets `stop` below.
        http = asyncio.create_task(server.serve(), name="http")
        stopped = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({http, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if http in done and http.exception():
            log.error("service.http_failed", error=str(http.exception()))
        server.should_exit = True
        with suppress(Exception):
            await http
        stopped.cancel()
        await self.stop()
