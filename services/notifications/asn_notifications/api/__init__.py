"""The notifications service's doors: the HTTP API (OpenAPI at /docs), one router per resource
family, and the `preview` command of the CLI (preview.py)."""

from .delivery_log import router as delivery_log_router
from .inbox import router as inbox_router
from .preferences import router as preferences_router

ROUTERS = [delivery_log_router, inbox_router, preferences_router]

__all__ = ["ROUTERS"]
