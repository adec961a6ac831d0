"""Each service's HTTP app: its own routes behind the request guard, plus health and metrics."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..metrics import OUTBOX_PENDING, REGISTRY
from ..settings import ServiceSettings
from .guard import RequestGuard, refused_without_echo

if TYPE_CHECKING:
    from .service import ServiceRuntime

TOO_LARGE = {"description": "The request body is larger than ASN_HTTP_MAX_BODY_BYTES"}
UNREADABLE = {
    "description": "The request carries a NUL character, or a body that is not valid UTF-8"
}


def service_api(name: str, routers: Sequence[APIRouter], settings: ServiceSettings) -> FastAPI:
    """The service's routes with what every request gets (guard.py): the app the runtime serves,
    and the one the tests drive."""
    app = FastAPI(
        title=f"{name} service",
        description=f"ASN performance system: the {name} service.",
        version="1.0.0",
    )
    app.add_middleware(RequestGuard, max_body_bytes=settings.http_max_body_bytes)
    app.add_exception_handler(RequestValidationError, refused_without_echo)
    app.add_exception_handler(StarletteHTTPException, _allow_every_method(routers))
    for router in routers:
        app.include_router(router)
    _declare_guard_refusals(app)
    return app


def _allow_every_method(
    routers: Sequence[APIRouter],
) -> Callable[[Request, Exception], Awaitable[Response]]:
    """A 405's `Allow` lists every method of the path (RFC 9110 15.5.6), not only those of the
    first route Starlette matched (a path with GET and PUT on two routes said `Allow: GET`)."""
    methods = [
        (route.path_regex, route.methods or set())
        for router in routers
        for route in router.routes
        if isinstance(route, APIRoute)
    ]

    async def handle(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 405:
            path = request.url.path
            allowed = {m for regex, found in methods if regex.match(path) for m in found}
            if allowed:
                exc.headers = {**(exc.headers or {}), "Allow": ", ".join(sorted(allowed))}
        return await http_exception_handler(request, exc)

    return handle


def _declare_guard_refusals(app: FastAPI) -> None:
    """Every operation says it may answer 400 (the guard refuses NUL characters, and FastAPI a
    body that is not UTF-8), and one that takes a body, 413 (the guard's limit)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    responses = operation.setdefault("responses", {})
                    responses.setdefault("400", UNREADABLE)
                    if "requestBody" in operation:
                        responses.setdefault("413", TOO_LARGE)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend


def build_http_app(runtime: ServiceRuntime) -> FastAPI:
    definition = runtime.definition
    app = service_api(definition.name, definition.routers, runtime.settings)
    app.state.runtime = runtime

    @app.get("/health/live", tags=["health"])
    async def live() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/health/ready", tags=["health"])
    async def ready(response: Response) -> dict[str, object]:
        checks = {
            "database": await runtime.database_ok(),
            "broker": await runtime.broker_ok(),
            "consumer": runtime.consuming,
        }
        ok = all(checks.values())
        response.status_code = 200 if ok else 503
        return {
            "status": "ready" if ok else "not ready",
            "checks": checks,
            "outbox_pending": await runtime.relay.pending_count() if checks["database"] else None,
            "outbox_last_error": runtime.relay.last_error,
        }

    @app.get("/metrics", tags=["health"], include_in_schema=False)
    async def metrics() -> Response:
        if await runtime.database_ok():
            OUTBOX_PENDING.set(await runtime.relay.pending_count())
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return app
