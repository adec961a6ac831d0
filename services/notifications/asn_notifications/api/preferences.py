"""The channel preferences of one person, over HTTP.

Preferences switch a channel (or one template on a channel) off; a critical notice
(domain/notices.py CRITICAL_TEMPLATES and any notice recorded CRITICAL) is delivered anyway, and
the API refuses to store an opt-out of a critical template.

These routes trust the caller to be the person or their portal: put them behind the agency's
authenticating gateway (the service itself does not authenticate).
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from ..domain.notices import CRITICAL_TEMPLATES
from ..usecases import preferences
from .common import unit_of_work_for
from .inbox import NipPath
from .schemas import PreferenceChange

router = APIRouter(prefix="/api/v1/people/{nip}", tags=["inbox and preferences"])


@router.get("/preferences")
async def list_preferences(request: Request, nip: NipPath) -> dict[str, object]:
    """Stored choices (anything not listed is on) and the templates that cannot be switched off."""
    async with unit_of_work_for(request) as uow:
        stored = await preferences.list_preferences(uow, nip)
    return {
        "nip": nip,
        "preferences": [
            {"channel": p.channel, "template": p.template, "enabled": p.enabled} for p in stored
        ],
        "always_delivered": sorted(CRITICAL_TEMPLATES),
    }


@router.put("/preferences")
async def change_preference(
    request: Request, nip: NipPath, change: PreferenceChange
) -> dict[str, object]:
    """Switch a channel or one template on a channel on or off.

    422 for an unknown template or an opt-out of a critical one (a summons, a punishment, a
    missed statutory deadline must reach the person: PP 94/2021 Pasal 26, 37).
    """
    async with unit_of_work_for(request) as uow:
        await preferences.change_preference(
            uow, nip, change.channel, change.template, change.enabled
        )
    note = "critical notices are still delivered" if not change.enabled else None
    return {"nip": nip, **change.model_dump(), "note": note}
