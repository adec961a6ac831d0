"""Composition root: settings -> definition; the console script `assessment-service`."""

from pathlib import Path

from asn_shared.runtime import ServiceDefinition
from asn_shared.runtime.cli import main_for

from .adapters.tables import metadata
from .api import ROUTERS
from .handlers import build_handlers
from .settings import AssessmentSettings
from .subscriptions import CONSUMER


def build(settings: AssessmentSettings | None = None) -> ServiceDefinition:
    settings = settings or AssessmentSettings()
    return ServiceDefinition(
        name="assessment",
        settings=settings,
        consumer=CONSUMER,
        handlers=build_handlers(settings),
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        routers=ROUTERS,
    )


main = main_for(build, "assessment")
