"""The bridge from a request to a use case: one transaction, events through the outbox, and a
refusal turned into a 4xx whose body says why (and cites the article).

Every route requires a bearer token (`AUTHENTICATED` on each router); who may do what is decided
by domain/permissions.py over this service's directory, and a refusal is 403 with the rule.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import HTTPException, Request

from asn_shared.identity.caller import Caller
from asn_shared.identity.http import forbidden

from ..adapters.unit_of_work import SanctionsRepositories, SanctionsUnitOfWork
from ..domain.discipline.workflow import StepRefused
from ..errors import DatedInFuture, NotFound, NotPermitted, Refused
from ..handlers import build_timer_handlers

# What each operation may answer besides its success and what is declared elsewhere: AUTH_ERRORS
# (401/403/503, on the routers), the runtime's 400 (a NUL character, a body that is not UTF-8) and
# 413 (a body over ASN_HTTP_MAX_BODY_BYTES), and FastAPI's 422 (the field and why, never the
# value sent; a past step dated after today is one too, `date_in_future`). An official's step
# may answer 404 and 409; a read 404 where it names a case.
NOT_PERMITTED = {"description": "Not this caller's step or file (the rule is in the body)"}
NOT_NOW = {"description": "Not allowed now (the body cites the article)"}


def step_errors(missing: str) -> dict[int | str, dict[str, Any]]:
    """The refusals of an official's step on a resource (`missing`: what a 404 means)."""
    return {
        403: NOT_PERMITTED,
        404: {"description": missing},
        409: NOT_NOW,
    }


def read_errors(missing: str | None = None) -> dict[int | str, dict[str, Any]]:
    """The refusals of a read: not the caller's file; `missing`, when a 404 can answer."""
    errors: dict[int | str, dict[str, Any]] = {403: NOT_PERMITTED}
    if missing is not None:
        errors[404] = {"description": missing}
    return errors


STATUS: dict[type[Exception], int] = {
    NotFound: 404,
    NotPermitted: 403,
    Refused: 409,
    StepRefused: 409,
}


@asynccontextmanager
async def acting(request: Request, caller: Caller) -> AsyncIterator[SanctionsUnitOfWork]:
    """An official's step: one transaction, rolled back when the step is refused. The step
    records its act (an event naming the caller, on the audit log, which the service's handler
    replays in a rebuild); every event it emits names the caller as its actor (the CloudEvents
    extension `actor`)."""
    runtime = request.app.state.runtime
    settings = runtime.settings
    try:
        # The runtime's clock is the step's "now" (asn_shared.clock): tests move it to reach
        # deadlines months away.
        async with runtime.unit_of_work(actor=caller.nip) as uow:
            yield SanctionsUnitOfWork(
                uow.session,
                uow.emit,
                settings,
                uow.clock(),
                record=uow.record_act,
                timer_handlers=build_timer_handlers(settings),
            )
    except NotPermitted as refused:  # raised inside the transaction: rolled back
        raise forbidden(str(refused)) from None
    except DatedInFuture as dated:
        # The shape of every other 422 (asn_shared.runtime.guard): the field and why, never
        # the value sent.
        problem = {"type": "date_in_future", "loc": ["body", dated.field], "msg": str(dated)}
        raise HTTPException(422, detail=[problem]) from None
    except tuple(STATUS) as exc:
        raise HTTPException(STATUS[type(exc)], detail={"message": str(exc)}) from None


@asynccontextmanager
async def reading(request: Request) -> AsyncIterator[SanctionsRepositories]:
    """A read: the repositories over a session of their own (no transaction, no events). The
    router checks who may read before it answers (domain/permissions.py)."""
    async with request.app.state.runtime.sessions() as session:
        try:
            yield SanctionsRepositories(session)
        except NotPermitted as refused:
            raise forbidden(str(refused)) from None
