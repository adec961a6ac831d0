"""The bridge from a request to a use case: one transaction opened for the caller (the events it
emits name them as `actor`), events through the outbox, and a refusal turned into a clear 4xx
whose body says what is wrong and where."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import HTTPException, Request

from asn_shared.identity.caller import Caller
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import Cycle
from ..errors import Conflict, CycleError, Invalid, NotFound, NotPermitted

log = get_logger(__name__)
STATUS = {NotFound: 404, Conflict: 409, NotPermitted: 403, Invalid: 422}


@asynccontextmanager
async def cycle_for(request: Request, caller: Caller) -> AsyncIterator[Cycle]:
    runtime = request.app.state.runtime
    try:
        # The runtime's clock is the command's "now" (asn_shared.clock): tests move it to reach
        # deadlines weeks away. The caller's NIP is the `actor` of every event emitted.
        async with runtime.unit_of_work(actor=caller.nip) as uow:
            yield Cycle(uow.session, uow.emit, runtime.settings, clock=uow.clock)
    except CycleError as exc:  # raised inside the transaction: it has been rolled back
        if isinstance(exc, NotPermitted):  # the rule's reason, never the people involved
            route = getattr(request.scope.get("route"), "path", None)  # the template: no NIPs
            log.info("auth.forbidden", reason=exc.message, route=route)
        raise HTTPException(
            STATUS[type(exc)], detail={"message": exc.message, **exc.details}
        ) from None


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found"},
    403: {"description": "The caller may not do this (the rule is in the body)"},
    409: {"description": "Not in the current state (the body says why)"},
    422: {"description": "Invalid request (the body names the field)"},
}
