"""The bridge from a request to a use case: one transaction on the runtime's sessions, a
refusal turned into its 4xx, and a rule of domain/permissions.py turned into 403.

The refusals have the shapes of the rest of the HTTP app (asn_shared.runtime.guard): 404 as
`{"detail": {"message": ...}}` like 401/403/413, 422 as FastAPI's own validation error, a list
of `{type, loc, msg}` naming the field, never the value sent.

The routes emit no events (they read, mark a notice read, store a preference), so the unit of
work carries no actor; who called is checked before it opens (`permitted`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import HTTPException, Request

from asn_shared.identity.http import forbidden

from ..adapters.unit_of_work import NotificationsUnitOfWork, unit_of_work
from ..errors import Invalid, NotFound, NotificationsError


@asynccontextmanager
async def unit_of_work_for(request: Request) -> AsyncIterator[NotificationsUnitOfWork]:
    """The routes emit nothing and render nothing: a unit of work on the runtime's sessions."""
    try:
        async with unit_of_work(request.app.state.runtime.sessions) as uow:
            yield uow
    except NotificationsError as exc:  # raised inside the transaction: it has been rolled back
        raise refusal(exc) from None


def refusal(exc: NotificationsError) -> HTTPException:
    """The 4xx of a use case's refusal (module docstring)."""
    if isinstance(exc, Invalid):
        problem = {"type": "value_error", "loc": ["body", exc.field], "msg": exc.message}
        return HTTPException(422, detail=[problem])
    status = 404 if isinstance(exc, NotFound) else 422
    return HTTPException(status, detail={"message": exc.message})


def permitted(reason: str | None) -> None:
    """A rule's answer (domain/permissions.py): None goes on, a reason is a 403 with it."""
    if reason is not None:
        raise forbidden(reason)
