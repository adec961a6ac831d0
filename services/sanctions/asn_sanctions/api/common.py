"""The bridge from a request to a use case: one transaction, events through the outbox, and a
refusal turned into a 4xx whose body says why (and cites the article).

Every route requires a bearer token (`AUTHENTICATED` on each router); who may do what is decided
by domain/permissions.py over this service's directory, and a refusal is 403 with the rule.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import HTTPException, Request

from asn_shared.identity.caller import Caller
from asn_shared.identity.http import forbidden

from ..adapters.unit_of_work import SanctionsRepositories, SanctionsUnitOfWork
from ..domain.discipline.workflow import StepRefused
from ..errors import NotFound, NotPermitted, Refused

STATUS: dict[type[Exception], int] = {
    NotFound: 404,
    NotPermitted: 403,
    Refused: 409,
    StepRefused: 409,
}


@asynccontextmanager
async def acting(request: Request, caller: Caller) -> AsyncIterator[SanctionsUnitOfWork]:
    """An official's step: one transaction, rolled back when the step is refused. Every event it
    emits names the caller as its actor (the CloudEvents extension `actor`)."""
    runtime = request.app.state.runtime
    try:
        # The runtime's clock is the step's "now" (asn_shared.clock): tests move it to reach
        # deadlines months away.
        async with runtime.unit_of_work(actor=caller.nip) as uow:
            yield SanctionsUnitOfWork(uow.session, uow.emit, runtime.settings, uow.clock())
    except NotPermitted as refused:  # raised inside the transaction: rolled back
        raise forbidden(str(refused)) from None
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
