"""The FastAPI side of identity: who calls a route, and the refusals when nobody acceptable does.

    router = APIRouter(dependencies=AUTHENTICATED, responses=AUTH_ERRORS)   # every route
    async def approve(caller: Authenticated, ...): ...                       # one that acts

A route that acts takes `caller: Authenticated` and names the actor with `acting_nip(caller,
body.actor_nip, "actor_nip")`: the token's NIP, with 403 when the body names somebody else.
Refusals: 401 without an acceptable token (with `WWW-Authenticate: Bearer` and the reason),
503 when the provider's keys cannot be fetched, 403 for a caller the rules do not allow. Each is
logged with its reason and the route, never the token or the caller's personal data.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..logging import get_logger
from .caller import Caller
from .tokens import IdentityUnavailable, TokenVerifier, Unauthenticated

log = get_logger(__name__)

bearer = HTTPBearer(
    auto_error=False,
    bearerFormat="JWT",
    scheme_name="bearer",
    description="An OpenID Connect access token of the agency's single sign-on, carrying the "
    "caller's NIP (ASN_AUTH_NIP_CLAIM) and roles (ASN_AUTH_ROLES_CLAIM).",
)


def _route(request: Request) -> str:
    """The route's template (`/api/v1/people/{nip}/inbox`): its path may hold a NIP, which is
    personal data and stays out of the logs."""
    return str(getattr(request.scope.get("route"), "path", "?"))


def _unauthorized(reason: str, error: str | None = "invalid_token") -> HTTPException:
    challenge = f'Bearer error="{error}", error_description="{reason}"' if error else "Bearer"
    return HTTPException(401, detail={"message": reason}, headers={"WWW-Authenticate": challenge})


async def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> Caller:
    identity: TokenVerifier | None = getattr(request.app.state.runtime, "identity", None)
    if identity is None:
        log.warning("auth.refused", reason="no identity provider configured", route=_route(request))
        raise _unauthorized("authentication is not configured (ASN_AUTH_ISSUER)", None)
    if credentials is None:
        log.info("auth.refused", reason="no bearer token", route=_route(request))
        raise _unauthorized("a bearer token is required", None)
    try:
        return await identity.verify(credentials.credentials)
    except Unauthenticated as refused:
        log.info("auth.refused", reason=refused.reason, route=_route(request))
        raise _unauthorized(refused.reason) from None
    except IdentityUnavailable as down:
        log.warning("auth.provider_unavailable", reason=down.reason, route=_route(request))
        raise HTTPException(503, detail={"message": down.reason}) from None


Authenticated = Annotated[Caller, Depends(current_caller)]
# For a router whose every route requires a caller, whether or not the route reads it.
AUTHENTICATED = [Depends(current_caller)]


def forbidden(reason: str) -> HTTPException:
    """403 with the reason (the rule that refuses the caller), logged without personal data."""
    log.info("auth.forbidden", reason=reason)
    return HTTPException(403, detail={"message": reason})


def acting_nip(caller: Caller, named: str | None, field: str) -> str:
    """The actor of a command is the token's NIP; a body that names another is refused."""
    if named is not None and named != caller.nip:
        raise forbidden(f"{field} names someone other than the caller: the actor is the token")
    return caller.nip


AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No acceptable bearer token (the reason is in the body)"},
    403: {"description": "The caller may not do this (the rule is in the body)"},
    503: {"description": "The identity provider's keys cannot be fetched"},
}
