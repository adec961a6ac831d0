"""The bridge from a request to a use case: who calls (the bearer token), one transaction whose
events name that caller as their actor, events through the outbox, and a refusal turned into a
clear status whose body says what is wrong (`{"message": ...}`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials

from asn_shared.identity.caller import Caller
from asn_shared.identity.http import bearer, current_caller, forbidden

from ..adapters.unit_of_work import FeedbackReader, FeedbackUnitOfWork
from ..errors import Conflict, FeedbackError, NotFound, NotPermitted, SealingUnavailable

STATUS = {NotFound: 404, NotPermitted: 403, Conflict: 409, SealingUnavailable: 503}

# What a route may answer besides its success and 422 (OpenAPI `responses=`, with AUTH_ERRORS for
# 401/403/503 of the token; asn_shared's service_api declares the guard's 400 and 413).
_REFUSALS = {
    404: "No such complaint (the body says so)",
    409: "Not possible in the current state (the body says why)",
    503: "Contact details given, and they cannot be sealed (FEEDBACK_CONTACT_KEY not set)",
}


def refusals(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` of these refusals."""
    return {status: {"description": _REFUSALS[status]} for status in statuses}


def invalid_field(field: str, message: str) -> HTTPException:
    """A 422 naming a body field, in the shape of every other 422 (asn_shared's guard: type, loc,
    msg), never the value sent."""
    problem = {"type": "value_error", "loc": ["body", field], "msg": message}
    return HTTPException(422, detail=[problem])


async def caller_if_any(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> Caller | None:
    """The caller of a route open to citizens without a token (a complainant's step): None
    without a bearer token; a token given must be a good one (401 otherwise)."""
    if credentials is None:
        return None
    return await current_caller(request, credentials)


MaybeAuthenticated = Annotated[Caller | None, Depends(caller_if_any)]
# OpenAPI: the bearer scheme, or none at all (an empty requirement), for such a route.
BEARER_OPTIONAL: dict[str, Any] = {"security": [{}]}


async def required(request: Request, caller: Caller | None) -> Caller:
    """The caller, or the 401 a protected route answers without a token."""
    if caller is not None:
        return caller
    return await current_caller(request, None)  # raises the 401 (or says auth is off)


@asynccontextmanager
async def transaction(
    request: Request, actor: str | None = None
) -> AsyncIterator[FeedbackUnitOfWork]:
    """The request's unit of work, its events naming `actor` (the caller's NIP; None for a
    citizen's act, who stays unnamed on the log); refusals propagate (Open311 answers them in its
    own shape)."""
    runtime = request.app.state.runtime
    async with runtime.unit_of_work(actor=actor) as uow:
        yield FeedbackUnitOfWork.opened(uow, runtime.settings)


@asynccontextmanager
async def unit_of_work(
    request: Request, actor: str | None = None
) -> AsyncIterator[FeedbackUnitOfWork]:
    """The request's unit of work; a refusal (raised inside it: rolled back) becomes its status."""
    try:
        async with transaction(request, actor) as uow:
            yield uow
    except NotPermitted as exc:
        raise forbidden(exc.message) from None  # logged as auth.forbidden, with the rule only
    except FeedbackError as exc:
        raise HTTPException(STATUS[type(exc)], detail={"message": exc.message}) from None


@asynccontextmanager
async def reading(request: Request) -> AsyncIterator[FeedbackReader]:
    """A session for a query that changes nothing."""
    async with request.app.state.runtime.sessions() as session:
        yield FeedbackReader(session)
