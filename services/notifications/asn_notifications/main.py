"""Composition root: settings -> definition; the console script `notifications-service`."""

from __future__ import annotations

from pathlib import Path

from asn_shared.runtime import ServiceDefinition
from asn_shared.runtime.cli import make_cli

from .adapters.rendering import MailRenderer
from .adapters.signal import DispatchSignal
from .adapters.tables import metadata
from .api import ROUTERS
from .api.preview import preview
from .background import digest_task, dispatcher_task
from .handlers import build_handlers
from .settings import NotificationsSettings
from .subscriptions import CONSUMER


def build() -> ServiceDefinition:
    settings = NotificationsSettings()
    signal = DispatchSignal()
    renderer = MailRenderer(settings.zone)
    handlers = build_handlers(
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
        routers=ROUTERS,
        background=(dispatcher_task(signal), digest_task(renderer, signal)),
    )


cli = make_cli(build, "notifications")
cli.command()(preview)


def main() -> None:
    cli(prog_name="notifications-service")
