"""The feedback service's HTTP API (OpenAPI at /docs): one router per resource family."""

from .complaints import router as complaints_router
from .handling import router as handling_router
from .open311 import router as open311_router
from .satisfaction import router as satisfaction_router

ROUTERS = [complaints_router, handling_router, satisfaction_router, open311_router]

__all__ = ["ROUTERS"]
