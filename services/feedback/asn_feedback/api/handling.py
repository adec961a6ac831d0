"""HTTP of complaint handling: the service's own intake, the steps of a complaint, the officials
who answer for a unit's complaints, and a view of the holiday calendar in use."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from asn_shared.catalog.agency_events import ComplaintReceived

from ..domain.complaints import OWN_CHANNEL
from ..usecases import filing, handling
from .common import unit_of_work
from .schemas import ComplaintIn, OfficialsIn, StepIn

router = APIRouter(prefix="/api/v1", tags=["complaint handling"])


@router.post("/complaints", status_code=202)
async def file_complaint(request: Request, body: ComplaintIn) -> dict[str, Any]:
    """Published as ComplaintReceived through the outbox, the same path as any channel's, with
    the complainant's contact sealed (503 when a contact is given and no key is configured)."""
    complaint_id = str(uuid.uuid4())
    data = ComplaintReceived(
        complaint_id=complaint_id,
        channel=OWN_CHANNEL,
        received_at=request.app.state.runtime.clock(),
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


@router.post("/complaints/{channel}/{complaint_id}/steps")
async def step(request: Request, channel: str, complaint_id: str, body: StepIn) -> dict[str, Any]:
    """Verify, hold, re-route, archive, follow up, decide, notify (officials); complete the file,
    accept, reopen or withdraw (the complainant, with the receipt number)."""
    async with unit_of_work(request) as uow:
        return await handling.take_step(
            uow, channel, complaint_id, handling.Step(**body.model_dump())
        )


@router.put("/units/{unit_id}/complaint-officials")
async def set_officials(
    request: Request, unit_id: Annotated[str, Path(max_length=200)], body: OfficialsIn
) -> dict[str, Any]:
    """Who answers for the unit's complaints: named in every ComplaintDeadlineMissed."""
    async with unit_of_work(request) as uow:
        await handling.name_officials(uow, unit_id, body.model_dump())
    return {"unit_id": unit_id, **body.model_dump()}


@router.get("/holidays/{year}")
async def holidays_of(
    request: Request, year: Annotated[int, Path(ge=2000, le=2100)]
) -> list[dict[str, Any]]:
    """The holidays this service skips in working-day deadlines (ASN_HOLIDAYS_FILE), so ops can
    see that an update has been picked up."""
    source = request.app.state.runtime.settings.holiday_source
    return [h.model_dump() for h in source.holidays() if h.day.year == year]
