"""HTTP of complaint handling: the service's own intake, the steps of a complaint, the officials
who answer for a unit's complaints, and a view of the holiday calendar in use.

Public (no token): the intake and the holidays. A complaint's steps: an official's needs the
official's bearer token, a complainant's the receipt number (with or without a token). Naming the
officials needs a caller with the role unit-admin. The rules: domain/permissions.py.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.identity.http import AUTH_ERRORS, Authenticated, acting_nip

from ..domain.complaints import OWN_CHANNEL, service_date_refusal
from ..domain.periods import FIRST_YEAR, LAST_YEAR
from ..domain.permissions import is_officials_step
from ..usecases import filing, handling
from .common import (
    BEARER_OPTIONAL,
    MaybeAuthenticated,
    invalid_field,
    refusals,
    required,
    unit_of_work,
)
from .schemas import Channel, ComplaintId, ComplaintIn, OfficialsIn, StepIn, UnitId

router = APIRouter(prefix="/api/v1", tags=["complaint handling"])
_STEP_503 = (
    "The identity provider's keys cannot be fetched; or a note is given and cannot be sealed "
    "(FEEDBACK_CONTACT_KEY not set)"
)


@router.post("/complaints", status_code=202, responses=refusals(503))
async def file_complaint(request: Request, body: ComplaintIn) -> dict[str, Any]:
    """Published as ComplaintReceived through the outbox, the same path as any channel's, with
    the complainant's contact sealed (503 when a contact is given and no key is configured).
    422 for a service date after today."""
    complaint_id = str(uuid.uuid4())
    received_at = request.app.state.runtime.clock()
    refusal = service_date_refusal(body.service_date, received_at)
    if refusal is not None:
        raise invalid_field("service_date", refusal)
    data = ComplaintReceived(
        complaint_id=complaint_id,
        channel=OWN_CHANNEL,
        received_at=received_at,
        **body.model_dump(),
    )
    async with unit_of_work(request) as uow:
        receipt = await filing.publish_complaint(uow, data)
    return {
        "channel": OWN_CHANNEL,
        "complaint_id": complaint_id,
        "receipt_number": receipt.receipt_number,
        "response_due": receipt.response_due,
    }


@router.post(
    "/complaints/{channel}/{complaint_id}/steps",
    responses={**AUTH_ERRORS, **refusals(404, 409), 503: {"description": _STEP_503}},
    openapi_extra=BEARER_OPTIONAL,
)
async def step(
    request: Request,
    caller: MaybeAuthenticated,
    channel: Channel,
    complaint_id: ComplaintId,
    body: StepIn,
) -> dict[str, Any]:
    """Verify, hold, re-route, archive, notify (the unit's complaint desk), follow up, decide (its
    head): with the official's bearer token (401 without). Complete the file, accept, reopen or
    withdraw (the complainant): with the receipt number, no token needed. Recorded as
    ComplaintStepTaken (the official as its actor; a complainant's step names nobody), its note
    sealed (503 when a note is given and FEEDBACK_CONTACT_KEY is not set)."""
    actor = None  # a complainant's step names nobody on the log (UU 25/2009 Pasal 42(5))
    if is_officials_step(body.action):
        caller = await required(request, caller)
        actor = acting_nip(caller, body.actor_nip, "actor_nip")
    step = handling.Step(**body.model_dump(exclude={"actor_nip"}))
    async with unit_of_work(request, actor) as uow:
        return await handling.take_step(uow, channel, complaint_id, step, caller)


@router.put("/units/{unit_id}/complaint-officials", responses=AUTH_ERRORS)
async def set_officials(
    request: Request,
    caller: Authenticated,
    unit_id: UnitId,
    body: OfficialsIn,
) -> dict[str, Any]:
    """Who answers for the unit's complaints: named in every ComplaintDeadlineMissed. A unit
    administrator's act (role unit-admin; 403 for anybody else, the officials themselves too),
    recorded as ComplaintOfficialsNamed."""
    async with unit_of_work(request, caller.nip) as uow:
        await handling.name_officials(uow, unit_id, body.model_dump(), caller)
    return {"unit_id": unit_id, **body.model_dump()}


@router.get("/holidays/{year}")
async def holidays_of(
    request: Request, year: Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR)]
) -> list[dict[str, Any]]:
    """The holidays this service skips in working-day deadlines (ASN_HOLIDAYS_FILE), so ops can
    see that an update has been picked up."""
    source = request.app.state.runtime.settings.holiday_source
    return [h.model_dump() for h in source.holidays() if h.day.year == year]
