"""Composition root: settings -> definition; the console script `feedback-service`."""

from pathlib import Path

from asn_shared.runtime import ServiceDefinition
from asn_shared.runtime.cli import main_for

from .adapters.tables import metadata
from .api import ROUTERS
from .background import deadline_watch
from .handlers import build_handlers
from .settings import FeedbackSettings
from .subscriptions import CONSUMER


def build(settings: FeedbackSettings | None = None) -> ServiceDefinition:
    settings = settings or FeedbackSettings()
    return ServiceDefinition(
        name="feedback",
        settings=settings,
        consumer=CONSUMER,
        handlers=build_handlers(settings),
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        routers=ROUTERS,
        background=(deadline_watch,),
    )


main = main_for(build, "feedback")
