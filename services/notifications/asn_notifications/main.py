"""Composition root: settings -> definition; the console script `notifications-service`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from asn_shared.runtime import ServiceDefinition
from asn_shared.runtime.cli import make_cli

from .api import router
from .digest import run_digests
from .dispatcher import DispatchSignal, MailDispatcher
from .handlers import make_handlers
from .inbox import router as inbox_router
from .mailer import SmtpMailer
from .models import metadata
from .preview import preview
from .rendering import MailRenderer
from .settings import NotificationsSettings
from .subscriptions import CONSUMER
from .webhook_sender import WebhookSender

if TYPE_CHECKING:
    from asn_shared.runtime.service import ServiceRuntime


def dispatcher_task(signal: DispatchSignal) -> Callable[[ServiceRuntime], Awaitable[None]]:
    async def dispatcher(runtime: ServiceRuntime) -> None:
        settings = runtime.settings
        assert isinstance(settings, NotificationsSettings)
        webhooks = WebhookSender(timeout=settings.webhook_timeout_seconds)
        try:
            await MailDispatcher(
                runtime.sessions,
                SmtpMailer(settings),
                settings,
                on_outbox_commit=runtime.relay.wake,
                signal=signal,
                webhooks=webhooks,
                subscribers=settings.webhook_subscribers,
            ).run()
        finally:
            await webhooks.aclose()

    return dispatcher


def digest_task(
    renderer: MailRenderer, signal: DispatchSignal
) -> Callable[[ServiceRuntime], Awaitable[None]]:
    async def daily_digest(runtime: ServiceRuntime) -> None:
        settings = runtime.settings
        assert isinstance(settings, NotificationsSettings)
        await run_digests(runtime.sessions, renderer, settings, signal)

    return daily_digest


def build() -> ServiceDefinition:
    settings = NotificationsSettings()
    signal = DispatchSignal()
    renderer = MailRenderer(settings.zone)
    handlers = make_handlers(
        renderer,
        signal,
        settings.contact_seal,
        contacts=settings.unit_contacts,
        subscribers=settings.webhook_subscribers,
        own_source=settings.event_source,
    )
    return ServiceDefinition(
        name="notifications",
        settings=settings,
        consumer=CONSUMER,
        handlers=handlers,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        routers=[router, inbox_router],
        background=(dispatcher_task(signal), digest_task(renderer, signal)),
    )


cli = make_cli(build, "notifications")
cli.command()(preview)


def main() -> None:
    cli(prog_name="notifications-service")
