"""The bridge from a request to a use case: one transaction on the runtime's sessions, and a
refusal turned into its 4xx with the reason as `detail`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import HTTPException, Request

from ..adapters.unit_of_work import NotificationsUnitOfWork, unit_of_work
from ..errors import Invalid, NotFound, NotificationsError

STATUS: dict[type[NotificationsError], int] = {NotFound: 404, Invalid: 422}


@asynccontextmanager
async def unit_of_work_for(request: Request) -> AsyncIterator[NotificationsUnitOfWork]:
    """The routes emit nothing and render nothing: a unit of work on the runtime's sessions."""
    try:
        async with unit_of_work(request.app.state.runtime.sessions) as uow:
            yield uow
    except NotificationsError as exc:  # raised inside the transaction: it has been rolled back
        raise HTTPException(STATUS[type(exc)], exc.message) from None
