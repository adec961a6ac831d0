"""What every service's HTTP app does for every request, before and after its routes.

- **A request id**: the caller's `X-Request-ID` when it is a plain token of up to 64 characters,
  otherwise a new one; bound to every log line of the request and returned in `X-Request-ID`.
- **A body limit**: a body larger than `max_body_bytes` (ASN_HTTP_MAX_BODY_BYTES) is refused with
  413, by its declared length or while it arrives, before a route reads it.
- **No NUL characters**: a path, query or body carrying one (`%00`, JSON's `\u0000`) is refused
  with 400: PostgreSQL cannot store or compare it, so it would otherwise end as a 500 there.
- **No bare 500**: an error no route handled is logged by structlog (`http.unhandled_error`, with
  the request id, the method and the route's template, and the traceback) and answered with a
  JSON 500 naming the request id, so an operator can find the line a caller quotes.
- **422 without echo**: a refused request says which field and why, never the value sent (it may
  be a complaint's text or a person's data, and it would be returned whole).
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import structlog
from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..logging import get_logger

log = get_logger(__name__)

REQUEST_ID_HEADER = "x-request-id"
_PLAIN_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class _Unreadable(HTTPException):
    def __init__(self) -> None:
        super().__init__(400, detail={"message": "NUL characters are not accepted"})


# How a NUL arrives: raw, percent-encoded (a path, a query, a form) or escaped in JSON. In a JSON
# body "%00" is just text, so only the JSON escape counts there.
_ENCODED_NUL = (b"\x00", b"%00")
_JSON_NUL = (b"\x00", b"\\u0000")


class _TooLarge(HTTPException):
    """Raised while the body arrives: an HTTPException, so FastAPI's body parsing passes it on
    (it turns any other exception into a 400) and answers 413."""

    def __init__(self, limit: int) -> None:
        message = f"the request body is larger than {limit} bytes"
        super().__init__(413, detail={"message": message})


class RequestGuard:
    """Pure ASGI middleware (module docstring): request id, body limit, no bare 500."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        given = headers.get(REQUEST_ID_HEADER, "")
        request_id = given if _PLAIN_ID.match(given) else uuid.uuid4().hex
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [
                    *message.get("headers", []),
                    (REQUEST_ID_HEADER.encode(), request_id.encode()),
                ]
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            if _declared_length(headers) > self.max_body_bytes:
                await self._too_large(send_with_id)
                return
            where = (scope.get("raw_path") or b"") + b"?" + (scope.get("query_string") or b"")
            if _carries(where, _ENCODED_NUL):
                refused = _Unreadable()
                await _json(send_with_id, refused.status_code, {"detail": refused.detail})
                return
            is_json = "json" in headers.get("content-type", "")
            try:
                await self.app(scope, self._limited(receive, is_json), send_with_id)
            except (_TooLarge, _Unreadable) as refused:
                if not started:
                    await _json(send_with_id, refused.status_code, {"detail": refused.detail})
            except Exception:
                route = getattr(scope.get("route"), "path", "?")
                log.exception("http.unhandled_error", method=scope.get("method"), route=route)
                if not started:
                    body = {"detail": {"message": "internal error", "request_id": request_id}}
                    await _json(send_with_id, 500, body)

    def _limited(self, receive: Receive, is_json: bool) -> Receive:
        nul = _JSON_NUL if is_json else _ENCODED_NUL
        received = 0
        tail = b""  # the end of the previous chunk: a %00 may straddle two

        async def limited() -> Message:
            nonlocal received, tail
            message = await receive()
            if message["type"] == "http.request":
                chunk = message.get("body", b"")
                received += len(chunk)
                if received > self.max_body_bytes:
                    log.info("http.body_too_large", limit=self.max_body_bytes)
                    raise _TooLarge(self.max_body_bytes)
                if _carries(tail + chunk, nul):
                    log.info("http.nul_refused")
                    raise _Unreadable
                tail = chunk[-6:]
            return message

        return limited

    async def _too_large(self, send: Send) -> None:
        log.info("http.body_too_large", limit=self.max_body_bytes)
        message = f"the request body is larger than {self.max_body_bytes} bytes"
        await _json(send, 413, {"detail": {"message": message}})


def _carries(data: bytes, codes: tuple[bytes, ...]) -> bool:
    return any(code in data for code in codes)


def _declared_length(headers: dict[str, str]) -> int:
    try:
        return int(headers.get("content-length", "0"))
    except ValueError:
        return 0


async def _json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


async def refused_without_echo(request: Request, exc: Exception) -> JSONResponse:
    """422 for a request the schema refuses: each problem's place, kind and message, never the
    input (pydantic's errors carry it, and its `ctx` may hold an exception object)."""
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"type": error.get("type"), "loc": list(error.get("loc", ())), "msg": error.get("msg")}
        for error in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": problems})
