"""The bridge from a request to a use case: one transaction, events through the outbox, and a
refusal turned into a 4xx whose body says why (and cites the article)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import HTTPException, Request

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
async def acting(request: Request) -> AsyncIterator[SanctionsUnitOfWork]:
    """An official's step: one transaction, rolled back when the step is refused."""
    runtime = request.app.state.runtime
    try:
        # The runtime's clock is the step's "now" (asn_shared.clock): tests move it to reach
        # deadlines months away.
        async with runtime.unit_of_work() as uow:
            yield SanctionsUnitOfWork(uow.session, uow.emit, runtime.settings, uow.clock())
    except tuple(STATUS) as exc:  # raised inside the transaction: rolled back
        raise HTTPException(STATUS[type(exc)], detail={"message": str(exc)}) from None


@asynccontextmanager
async def reading(request: Request) -> AsyncIterator[SanctionsRepositories]:
    """A read: the repositories over a session of their own (no transaction, no events)."""
    async with request.app.state.runtime.sessions() as session:
        yield SanctionsRepositories(session)
