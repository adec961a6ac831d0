"""The sanctions service's HTTP API (OpenAPI at /docs): one router per part of the service."""

from .coaching import router as coaching_router
from .discipline import router as discipline_router
from .follow_ups import router as follow_ups_router

ROUTERS = [follow_ups_router, discipline_router, coaching_router]

__all__ = ["ROUTERS", "coaching_router", "discipline_router", "follow_ups_router"]
