"""`audit-service run`: the writer and the HTTP endpoints in one process, until SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import signal
from contextlib import suppress

import uvicorn

from asn_shared.logging import get_logger

from .http import build_http_app
from .writer import AuditWriter

log = get_logger(__name__)


async def serve_forever(writer: AuditWriter, host: str, port: int) -> None:
    """Run until a signal, then stop serving HTTP and cancel the writer.

    Cancelling the writer closes its channel: a message whose copy the broker confirmed but that
    was not yet acknowledged goes back to the intake and is copied again by the next writer (the
    replay shows it twice with the same id), so nothing accepted is lost.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    writing = asyncio.create_task(writer.run_forever(), name="audit-writer")
    server = uvicorn.Server(
        uvicorn.Config(
            build_http_app(writer),
            host=host,
            port=port,
            log_config=None,
            access_log=False,
            lifespan="off",
        )
    )
    # uvicorn captures SIGINT/SIGTERM while it serves: it stops serving, then restores our
    # loop's handlers and raises the signal again, which sets `stop`.
    http = asyncio.create_task(server.serve(), name="http")
    stopped = asyncio.create_task(stop.wait(), name="stop")
    log.info("service.started", http_port=port)
    done, _ = await asyncio.wait({http, stopped, writing}, return_when=asyncio.FIRST_COMPLETED)
    for task in done & {http, writing}:
        if not task.cancelled() and task.exception():
            log.error("service.task_failed", task=task.get_name(), error=str(task.exception()))
    server.should_exit = True
    with suppress(Exception):
        await http
    stopped.cancel()
    writing.cancel()
    with suppress(asyncio.CancelledError, Exception):
        await writing
    log.info("service.stopped", copied=writer.copied)
