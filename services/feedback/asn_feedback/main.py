"""Composition root: settings -> definition; the console script `feedback-service`."""

from pathlib import Path

from asn_shared.runtime import ServiceDefinition
from asn_shared.runtime.cli import main_for

from .api import router
from .handlers import HANDLERS
from .models import metadata
from .settings import FeedbackSettings
from .subscriptions import CONSUMER


def build() -> ServiceDefinition:
    return ServiceDefinition(
        name="feedback",
        settings=FeedbackSettings(),
        consumer=CONSUMER,
        handlers=HANDLERS,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        routers=[router],
    )


main = main_for(build, "feedback")
