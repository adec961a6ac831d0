"""Read-only public HTTP queries of the feedback service.

Nothing here returns the complainant's identity or the complaint's text. A RAHASIA complaint
answers 404 exactly like an unknown one, so the public route does not even confirm it exists.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from ..usecases import queries
from .common import reading, refusals
from .schemas import Channel, ComplaintId, UnitId

router = APIRouter(prefix="/api/v1", tags=["complaints"])

_NOT_FOUND = "complaint not found"


@router.get("/complaints/{channel}/{complaint_id}", responses=refusals(404))
async def complaint_status(
    request: Request, channel: Channel, complaint_id: ComplaintId
) -> dict[str, object]:
    """Where a complaint stands, by the channel's own id: receipt, status and deadline."""
    async with reading(request) as reader:
        row = await queries.public_complaint(reader, channel, complaint_id)
    if row is None:
        raise HTTPException(status_code=404, detail=_NOT_FOUND)
    return {
        "channel": row.channel,
        "complaint_id": row.complaint_id,
        "receipt_number": row.receipt_number,
        "status": row.status,
        "unit_id": row.unit_id,
        "response_due": row.response_due.isoformat(),
        "late_filing": row.late_filing,
    }


@router.get("/units/{unit_id}/complaints/summary")
async def unit_summary(request: Request, unit_id: UnitId) -> dict[str, object]:
    """Complaint counts of a unit by status (Pasal 37(3): statistics); RAHASIA ones included,
    since a count reveals neither the complaint nor who made it."""
    async with reading(request) as reader:
        by_status = await queries.unit_summary(reader, unit_id)
    return {"unit_id": unit_id, "total": sum(by_status.values()), "by_status": by_status}
