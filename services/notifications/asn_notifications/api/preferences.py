"""The channel preferences of one person, over HTTP.

Preferences switch a channel (or one template on a channel) off; a critical notice
(domain/notices.py CRITICAL_TEMPLATES and any notice recorded CRITICAL) is delivered anyway, and
the API refuses to store an opt-out of a critical template.

The person alone may read or change their preferences (domain/permissions.py): a bearer token
with their NIP; anybody else gets 403.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated

from ..domain.notices import CRITICAL_TEMPLATES
from ..domain.permissions import may_change_preferences, may_read_preferences
from ..usecases import preferences
from .common import acting, permitted, unit_of_work_for
from .inbox import NipPath
from .schemas import UNREADABLE_BODY, PreferenceChange, PreferenceChanged, Preferences


async def preferences_reader(caller: Authenticated, nip: NipPath) -> None:
    """Before anything is read: the caller is the person whose preferences these are."""
    permitted(may_read_preferences(caller, nip))


async def preferences_owner(caller: Authenticated, nip: NipPath) -> None:
    """Before the body is validated: the caller is the person whose preferences these are."""
    permitted(may_change_preferences(caller, nip))


router = APIRouter(
    prefix="/api/v1/people/{nip}",
    tags=["inbox and preferences"],
    dependencies=AUTHENTICATED,
    responses=AUTH_ERRORS,
)


@router.get("/preferences", dependencies=[Depends(preferences_reader)], response_model=Preferences)
async def list_preferences(request: Request, nip: NipPath) -> dict[str, object]:
    """Stored choices (anything not listed is on) and the templates that cannot be switched off.
    The person alone (403 for anybody else)."""
    async with unit_of_work_for(request) as uow:
        stored = await preferences.list_preferences(uow, nip)
    return {
        "nip": nip,
        "preferences": [
            {"channel": p.channel, "template": p.template, "enabled": p.enabled} for p in stored
        ],
        "always_delivered": sorted(CRITICAL_TEMPLATES),
    }


@router.put(
    "/preferences",
    dependencies=[Depends(preferences_owner)],
    response_model=PreferenceChanged,
    responses=UNREADABLE_BODY,
)
async def change_preference(
    request: Request, caller: Authenticated, nip: NipPath, change: PreferenceChange
) -> dict[str, object]:
    """Switch a channel or one template on a channel on or off. The person alone (403 for
    anybody else).

    422 for an unknown template or an opt-out of a critical one (a summons, a punishment, a
    missed statutory deadline must reach the person: PP 94/2021 Pasal 26, 37), naming the
    field, never the value sent; 400 for a body that is not UTF-8 text. A change is
    published as `NotificationPreferenceChanged` (the caller its actor); a refusal publishes
    nothing.
    """
    async with acting(request, caller) as uow:
        await preferences.change_preference(
            uow, caller.nip, nip, change.channel, change.template, change.enabled
        )
    note = "critical notices are still delivered" if not change.enabled else None
    return {"nip": nip, **change.model_dump(), "note": note}
