"""HTTP of complaint handling: the service's own intake, the steps of a complaint, the officials
who answer for a unit's complaints, and a view of the holiday calendar in use."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from asn_shared.catalog.agency_events import Complainant, ComplaintReceived
from asn_shared.catalog.feedback_events import PenyelesaianPengaduan
from asn_shared.catalog.vocabulary import LaporKlasifikasi, Nip
from asn_shared.persistence.timestamps import as_utc

from . import domain
from .handling import HandlingError, Step, take_step
from .handling_repository import HandlingRepository
from .intake import SealingUnavailable, publish_complaint
from .lifecycle import Action
from .satisfaction import summarize_day
from .satisfaction_repository import SatisfactionRepository

router = APIRouter(prefix="/api/v1", tags=["complaint handling"])
OWN_CHANNEL = "ASN-KINERJA"
Text = Annotated[str, Field(min_length=1, max_length=5000)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ComplaintIn(Body):
    """A complaint through this service's own intake (UU 25/2009 Pasal 42(3))."""

    unit_id: Annotated[str, Field(min_length=1, max_length=200)]
    service_date: date
    subject_nip: Nip | None = None
    category: Annotated[str, Field(min_length=1, max_length=200)]
    description: Text
    complainant: Complainant


class StepIn(Body):
    action: Action
    actor_nip: Nip | None = Field(default=None, description="The official taking the step.")
    receipt_number: str | None = Field(default=None, description="The complainant's proof.")
    klasifikasi: LaporKlasifikasi = LaporKlasifikasi.PENGADUAN
    decision: PenyelesaianPengaduan | None = None
    note: Text | None = None


class OfficialsIn(Body):
    desk_nip: Nip
    desk_position: Annotated[str, Field(min_length=1, max_length=300)]
    head_nip: Nip
    head_position: Annotated[str, Field(min_length=1, max_length=300)]


@router.post("/complaints", status_code=202)
async def file_complaint(request: Request, body: ComplaintIn) -> dict[str, Any]:
    """Published as ComplaintReceived through the outbox, the same path as any channel's, with
    the complainant's contact sealed (503 when a contact is given and no key is configured)."""
    complaint_id = str(uuid.uuid4())
    data = ComplaintReceived(
        complaint_id=complaint_id,
        channel=OWN_CHANNEL,
        received_at=datetime.now(UTC),
        **body.model_dump(),
    )
    runtime = request.app.state.runtime
    try:
        async with runtime.unit_of_work() as uow:
            await publish_complaint(uow, data, runtime.settings.contact_seal)
    except SealingUnavailable as exc:
        raise HTTPException(503, detail={"message": str(exc)}) from None
    return {
        "channel": OWN_CHANNEL,
        "complaint_id": complaint_id,
        "receipt_number": domain.receipt_number(OWN_CHANNEL, complaint_id),
        "response_due": domain.response_due(data.received_at),
    }


@router.post("/complaints/{channel}/{complaint_id}/steps")
async def step(request: Request, channel: str, complaint_id: str, body: StepIn) -> dict[str, Any]:
    """Verify, hold, re-route, archive, follow up, decide, notify (officials); complete the file,
    accept, reopen or withdraw (the complainant, with the receipt number)."""
    runtime = request.app.state.runtime
    try:
        async with runtime.unit_of_work() as uow:
            result = await take_step(
                HandlingRepository(uow.session),
                uow.emit,
                channel,
                complaint_id,
                Step(**body.model_dump()),
            )
            if body.action is Action.DECIDE:
                await _refresh_officer_summary(uow, runtime.settings, channel, complaint_id)
    except HandlingError as exc:
        raise HTTPException(exc.status, detail={"message": exc.message}) from None
    return result


async def _refresh_officer_summary(uow: Any, settings: Any, channel: str, cid: str) -> None:
    """A decided complaint naming an officer changes the officer's substantiated count."""
    row = await HandlingRepository(uow.session).complaint(channel, cid)
    if row.subject_nip is None:
        return
    await summarize_day(
        SatisfactionRepository(uow.session),
        uow.emit,
        row.subject_nip,
        row.unit_id,
        domain.local_date(as_utc(row.received_at)),
        settings.summary_frequency,
    )


@router.put("/units/{unit_id}/complaint-officials")
async def set_officials(
    request: Request, unit_id: Annotated[str, Path(max_length=200)], body: OfficialsIn
) -> dict[str, Any]:
    """Who answers for the unit's complaints: named in every ComplaintDeadlineMissed."""
    async with request.app.state.runtime.unit_of_work() as uow:
        await HandlingRepository(uow.session).save_officials(
            unit_id=unit_id, updated_at=datetime.now(UTC), **body.model_dump()
        )
    return {"unit_id": unit_id, **body.model_dump()}


@router.get("/holidays/{year}")
async def holidays_of(
    request: Request, year: Annotated[int, Path(ge=2000, le=2100)]
) -> list[dict[str, Any]]:
    """The holidays this service skips in working-day deadlines (ASN_HOLIDAYS_FILE), so ops can
    see that an update has been picked up."""
    source = request.app.state.runtime.settings.holiday_source
    return [h.model_dump() for h in source.holidays() if h.day.year == year]
