"""Structured logging (structlog, JSON lines) with per-message context.

Each consumed message binds its event id, type, correlation id and subject (the NIP) into
contextvars, so every line logged while handling it carries them. Nothing here logs payloads:
citizens' personal data and secrets never reach a log line.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import structlog


def configure_logging(service: str, level: str = "INFO", json: bool = True) -> None:
    logging.basicConfig(format="%(message)s", stream=sys.stdout, level=level)
    # Libraries log at WARNING and above only: their INFO lines carry URLs and message bodies.
    for noisy in (
        "aiormq",
        "aio_pika",
        "faststream",
        "uvicorn",
        "uvicorn.error",
        "uvicorn.access",
        "sqlalchemy",
        "alembic",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    renderer = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        # No file given: each line goes to sys.stdout as it is when written, not as it was here
        # (a test capturing stdout, or a process that swapped it, sees every line).
        logger_factory=structlog.PrintLoggerFactory(),
        cache_logger_on_first_use=False,
    )
    structlog.contextvars.bind_contextvars(service=service)


@contextmanager
def event_context(
    event_id: str, event_type: str, correlation_id: str, subject: str | None = None
) -> Iterator[None]:
    """Bind one event's identity to every log line written inside the block."""
    with structlog.contextvars.bound_contextvars(
        event_id=event_id, event_type=event_type, correlation_id=correlation_id, subject=subject
    ):
        yield


def get_logger(name: str | None = None) -> structlog.stdlib.BoundLogger:
    logger: structlog.stdlib.BoundLogger = structlog.get_logger(name)
    return logger
