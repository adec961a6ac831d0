"""Each service's HTTP app: health endpoints plus the service's own routes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from ..metrics import OUTBOX_PENDING, REGISTRY

if TYPE_CHECKING:
    from .service import ServiceRuntime


def build_http_app(runtime: ServiceRuntime) -> FastAPI:
    definition = runtime.definition
    app = FastAPI(
        title=f"{definition.name} service",
        description=f"ASN performance system: the {definition.name} service.",
        version="1.0.0",
    )
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

    for router in definition.routers:
        app.include_router(router)
    return app
