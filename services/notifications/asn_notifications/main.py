"""Composition root: settings -> definition; the console script `notifications-service`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from asn_shared.runtime import ServiceDefinition
from asn_shared.runtime.cli import main_for

from .api import router
from .dispatcher import DispatchSignal, MailDispatcher
from .handlers import make_handlers
from .mailer import SmtpMailer
from .models import metadata
from .rendering import MailRenderer
from .settings import NotificationsSettings
from .subscriptions import CONSUMER

if TYPE_CHECKING:
    from asn_shared.runtime.service import ServiceRuntime


def dispatcher_task(signal: DispatchSignal) -> Callable[[ServiceRuntime], Awaitable[None]]:
    async def mail_dispatcher(runtime: ServiceRuntime) -> None:
        settings = runtime.settings
        assert isinstance(settings, NotificationsSettings)
        dispatcher = MailDispatcher(
            runtime.sessions,
            SmtpMailer(settings),
            settings,
            on_outbox_commit=runtime.relay.wake,
            signal=signal,
        )
        await dispatcher.run()

    return mail_dispatcher


def build() -> ServiceDefinition:
    settings = NotificationsSettings()
    signal = DispatchSignal()
    return ServiceDefinition(
        name="notifications",
        settings=settings,
        consumer=CONSUMER,
        handlers=make_handlers(MailRenderer(settings.zone), signal, settings.contact_seal),
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        routers=[router],
        background=(dispatcher_task(signal),),
    )


main = main_for(build, "notifications")
