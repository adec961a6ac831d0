"""The audit service's HTTP side: health for the orchestrator and metrics for Prometheus; it has
no API of its own (auditors use `asn-audit`)."""

from __future__ import annotations

from fastapi import FastAPI, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from .metrics import REGISTRY
from .writer import AuditWriter


def build_http_app(writer: AuditWriter) -> FastAPI:
    app = FastAPI(
        title="audit service",
        description="ASN performance system: the audit writer (asn.events -> asn.audit).",
        version="1.0.0",
    )

    @app.get("/health/live", tags=["health"])
    async def live() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/health/ready", tags=["health"])
    async def ready(response: Response) -> dict[str, object]:
        # A standby replica is ready too: its consumer waits as the intake's single active
        # consumer's successor.
        checks = {"broker": writer.connected, "writer": writer.consuming}
        ok = all(checks.values())
        response.status_code = 200 if ok else 503
        return {
            "status": "ready" if ok else "not ready",
            "checks": checks,
            "copied": writer.copied,
            "writer_last_error": writer.last_error,
        }

    @app.get("/metrics", tags=["health"], include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return app
