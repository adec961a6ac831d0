"""The bridge from a request to a use case: one transaction on the runtime's sessions, a
refusal turned into its 4xx, and a rule of domain/permissions.py turned into 403.

The refusals have the shapes of the rest of the HTTP app (asn_shared.runtime.guard): 404 as
`{"detail": {"message": ...}}` like 401/403/413, 422 as FastAPI's own validation error, a list
of `{type, loc, msg}` naming the field, never the value sent.

Who called is checked before a unit of work opens (`permitted`). The reads open one on the
runtime's sessions (`unit_of_work_for`); a command that changes state, a preference changed or a
notice read, is the caller's act (`acting`): recorded as an event naming them as its actor, in
the transaction of the runtime's unit of work, and applied from it (usecases/)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import HTTPException, Request

from asn_shared.identity.caller import Caller
from asn_shared.identity.http import forbidden

from ..adapters.unit_of_work import NotificationsUnitOfWork, unit_of_work
from ..errors import Invalid, NotFound, NotificationsError


@asynccontextmanager
async def unit_of_work_for(request: Request) -> AsyncIterator[NotificationsUnitOfWork]:
    """A read emits nothing and renders nothing: a unit of work on the runtime's sessions."""
    try:
        async with unit_of_work(request.app.state.runtime.sessions) as uow:
            yield uow
    except NotificationsError as exc:  # raised inside the transaction: it has been rolled back
        raise refusal(exc) from None


@asynccontextmanager
async def acting(request: Request, caller: Caller) -> AsyncIterator[NotificationsUnitOfWork]:
    """The caller's act: the runtime's unit of work (its clock is the act's "now"; what it
    records and emits names the caller as `actor`), rolled back when the use case refuses."""
    runtime = request.app.state.runtime
    try:
        async with runtime.unit_of_work(actor=caller.nip) as uow:
            yield NotificationsUnitOfWork(
                uow.session, uow.emit, clock=uow.clock, acts=uow.record_act
            )
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
