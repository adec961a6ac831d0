"""Read-only public HTTP queries of the feedback service.

Nothing here returns the complainant's identity or the complaint's text. A RAHASIA complaint
answers 404 exactly like an unknown one, so the public route does not even confirm it exists.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from . import domain
from .repository import ComplaintRepository

router = APIRouter(prefix="/api/v1", tags=["complaints"])

_NOT_FOUND = "complaint not found"


@router.get("/complaints/{channel}/{complaint_id}")
async def complaint_status(request: Request, channel: str, complaint_id: str) -> dict[str, object]:
    """Where a complaint stands, by the channel's own id: receipt, status and deadline."""
    async with request.app.state.runtime.sessions() as session:
        row = await ComplaintRepository(session).find(channel, complaint_id)
    if row is None or not domain.publicly_visible(row.privacy):
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
async def unit_summary(request: Request, unit_id: str) -> dict[str, object]:
    """Complaint counts of a unit by status (Pasal 37(3): statistics); RAHASIA ones included,
    since a count reveals neither the complaint nor who made it."""
    async with request.app.state.runtime.sessions() as session:
        counts = await ComplaintRepository(session).count_by_status(unit_id)
    by_status = {status.value: 0 for status in domain.ComplaintStatus} | counts
    return {"unit_id": unit_id, "total": sum(by_status.values()), "by_status": by_status}
