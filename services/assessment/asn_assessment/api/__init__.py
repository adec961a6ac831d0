"""The assessment service's HTTP API (OpenAPI at /docs): one router per part of the cycle."""

from .assessments import router as assessments_router
from .documents import router as documents_router
from .objections import router as objections_router
from .plans import router as plans_router
from .ratings import router as ratings_router
from .units import router as units_router

ROUTERS = [
    plans_router,
    assessments_router,
    ratings_router,
    units_router,
    objections_router,
    documents_router,
]

__all__ = ["ROUTERS"]
