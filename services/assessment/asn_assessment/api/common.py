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
        # The runtime's clock gives the command's "now" (asn_shared.clock): tests move it to reach
        # deadlines weeks away. Read once, it is the one "now" of the whole command: of its checks,
        # of its act's `time` and of what applying the act writes. The caller's NIP is the
        # `actor` of every event emitted, the act first (Cycle.record_act).
        async with runtime.unit_of_work(actor=caller.nip) as uow:
            now = uow.clock()
            uow.clock = lambda: now
            yield Cycle(
                uow.session, uow.emit, runtime.settings, clock=uow.clock, record=uow.record_act
            )
    except CycleError as exc:  # raised inside the transaction: it has been rolled back
        if isinstance(exc, NotPermitted):  # the rule's reason, never the people involved
            route = getattr(request.scope.get("route"), "path", None)  # the template: no NIPs
            log.info("auth.forbidden", reason=exc.message, route=route)
        raise HTTPException(
            STATUS[type(exc)], detail={"message": exc.message, **exc.details}
        ) from None


Responses = dict[int | str, dict[str, Any]]
ERRORS: Responses = {
    404: {"description": "Not found (the body says what)"},
    409: {"description": "Not in the current state (the body says why)"},
    422: {"description": "Invalid request (the body names the field, never the value sent)"},
}
# Every route has a path parameter or a body: any may answer 422. The caller's 401/403/503 come
# from AUTH_ERRORS on each router; the 413 of a body from the runtime (asn_shared.runtime.http).
ROUTER_ERRORS: Responses = {422: ERRORS[422]}


def errors(*statuses: int) -> Responses:
    """What a route answers besides its success, 422 and the caller's refusals: its use case's
    NotFound (404) and Conflict (409), as declared in OpenAPI."""
    return {status: ERRORS[status] for status in statuses}
