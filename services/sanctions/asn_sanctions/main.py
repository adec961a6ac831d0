"""Composition root: settings -> definition; the console script `sanctions-service`."""

from pathlib import Path

from asn_shared.runtime import ServiceDefinition
from asn_shared.runtime.cli import main_for

from .api import router
from .handlers import HANDLERS
from .models import metadata
from .settings import SanctionsSettings
from .subscriptions import CONSUMER


def build() -> ServiceDefinition:
    return ServiceDefinition(
        name="sanctions",
        settings=SanctionsSettings(),
        consumer=CONSUMER,
        handlers=HANDLERS,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        routers=[router],
    )


main = main_for(build, "sanctions")
