"""Composition root: settings -> definition; the console script `sanctions-service`."""

from pathlib import Path

from asn_shared.runtime import ServiceDefinition
from asn_shared.runtime.cli import main_for

from .adapters.tables import metadata
from .api import ROUTERS
from .background import timer_scheduler
from .handlers import build_handlers
from .settings import SanctionsSettings
from .subscriptions import CONSUMER


def build(settings: SanctionsSettings | None = None) -> ServiceDefinition:
    settings = settings or SanctionsSettings()
    return ServiceDefinition(
        name="sanctions",
        settings=settings,
        consumer=CONSUMER,
        handlers=build_handlers(settings),
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        routers=ROUTERS,
        background=(timer_scheduler(settings),),
    )


main = main_for(build, "sanctions")
