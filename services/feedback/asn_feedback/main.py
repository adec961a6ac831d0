"""Composition root: settings -> definition; the console script `feedback-service`."""

from pathlib import Path

from asn_shared.runtime import ServiceDefinition
from asn_shared.runtime.cli import main_for

from .api import router
from .audit_writing import audit_writer
from .handlers import build_handlers
from .handling_api import router as handling_router
from .models import metadata
from .open311 import router as open311_router
from .satisfaction_api import router as satisfaction_router
from .settings import FeedbackSettings
from .subscriptions import CONSUMER
from .watch import deadline_watch


def build(settings: FeedbackSettings | None = None) -> ServiceDefinition:
    settings = settings or FeedbackSettings()
    return ServiceDefinition(
        name="feedback",
        settings=settings,
        consumer=CONSUMER,
        handlers=build_handlers(settings),
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        routers=[router, handling_router, satisfaction_router, open311_router],
        background=(deadline_watch, audit_writer),
    )


main = main_for(build, "feedback")
