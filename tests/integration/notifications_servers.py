"""Real servers for the notifications tests: an SMTP server (aiosmtpd) keeping what it accepts,
and webhook receivers (uvicorn, on 127.0.0.1) that verify every request with the reference
Standard Webhooks library, as an agency system would. Imported as fixtures by the test modules."""

from __future__ import annotations

import asyncio
import base64
import email
import email.policy
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

import pytest
import pytest_asyncio
import uvicorn
from aiosmtpd.controller import Controller
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

# The secret receivers verify with unless a test gives another (32 bytes, Standard Webhooks form).
SECRET = "whsec_" + base64.b64encode(bytes(range(7, 39))).decode()


class Collector:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serving(handler: Collector) -> Iterator[tuple[Controller, Collector]]:
    """An SMTP server on a free port with `handler`, for a fixture to yield from."""
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    if controller._thread is not None:  # not stopped by the test itself
        controller.stop()


@pytest.fixture
def smtp() -> Iterator[tuple[Controller, Collector]]:
    yield from serving(Collector())


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    payload: Any
    at: float = field(default_factory=time.monotonic)


@dataclass
class Receiver:
    """An agency system's webhook endpoint (ASGI): verifies, records, answers as scripted."""

    secret: str
    statuses: list[int] = field(default_factory=list)  # answers after a valid signature; then 200
    hang: bool = False  # hold every request until the test ends (the sender must time out)
    retry_after: str = "7"  # the Retry-After header of a 503
    url: str = ""
    deliveries: list[Received] = field(default_factory=list)
    rejected: int = 0
    arrived: int = 0
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        self.arrived += 1
        if self.hang:
            await self.release.wait()
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            payload = Webhook(self.secret).verify(body, headers)
        except WebhookVerificationError:
            self.rejected += 1
            status, extra = 401, []
        else:
            self.deliveries.append(Received(headers, body, payload))
            status = self.statuses.pop(0) if self.statuses else 200
            extra = [(b"retry-after", self.retry_after.encode())] if status == 503 else []
        answer_headers = [(b"content-type", b"text/plain"), *extra]
        await send({"type": "http.response.start", "status": status, "headers": answer_headers})
        await send({"type": "http.response.body", "body": b"ok" if status == 200 else b"no"})


StartReceiver = Callable[..., Awaitable[Receiver]]


@pytest_asyncio.fixture
async def start_receiver() -> AsyncIterator[StartReceiver]:
    """Starts uvicorn receivers on free ports of 127.0.0.1; all are stopped after the test."""
    async with AsyncExitStack() as stack:

        async def start(secret: str = SECRET, **script: Any) -> Receiver:
            receiver = Receiver(secret, **script)
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))  # bound here and handed over: no free-port race
            stack.callback(sock.close)
            server = uvicorn.Server(
                uvicorn.Config(
                    receiver,
                    interface="asgi3",
                    lifespan="off",
                    log_config=None,
                    log_level="warning",
                    access_log=False,
                    timeout_graceful_shutdown=2,
                )
            )
            task = asyncio.create_task(server.serve(sockets=[sock]))

            async def stop() -> None:
                receiver.release.set()
                server.should_exit = True
                await task

            stack.push_async_callback(stop)
            async with asyncio.timeout(5):
                while not server.started:
                    assert not task.done(), "the receiver did not start"
                    await asyncio.sleep(0.01)
            receiver.url = f"http://127.0.0.1:{sock.getsockname()[1]}/hooks/asn?src=test"
            return receiver

        yield start
