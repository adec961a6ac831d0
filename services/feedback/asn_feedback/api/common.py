"""The bridge from a request to a use case: one transaction, events through the outbox, and a
refusal turned into a clear status whose body says what is wrong (`{"message": ...}`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import HTTPException, Request

from ..adapters.unit_of_work import FeedbackReader, FeedbackUnitOfWork
from ..errors import Conflict, FeedbackError, NotFound, NotPermitted, SealingUnavailable

STATUS = {NotFound: 404, NotPermitted: 403, Conflict: 409, SealingUnavailable: 503}


@asynccontextmanager
async def transaction(request: Request) -> AsyncIterator[FeedbackUnitOfWork]:
    """The request's unit of work; refusals propagate (Open311 answers them in its own shape)."""
    runtime = request.app.state.runtime
    async with runtime.unit_of_work() as uow:
        yield FeedbackUnitOfWork.opened(uow, runtime.settings)


@asynccontextmanager
async def unit_of_work(request: Request) -> AsyncIterator[FeedbackUnitOfWork]:
    """The request's unit of work; a refusal (raised inside it: rolled back) becomes its status."""
    try:
        async with transaction(request) as uow:
            yield uow
    except FeedbackError as exc:
        raise HTTPException(STATUS[type(exc)], detail={"message": exc.message}) from None


@asynccontextmanager
async def reading(request: Request) -> AsyncIterator[FeedbackReader]:
    """A session for a query that changes nothing."""
    async with request.app.state.runtime.sessions() as session:
        yield FeedbackReader(session)
