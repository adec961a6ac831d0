"""What the public routes show: complaints by the channel's id, a unit's counts and statistics,
Open311 requests. Nothing here returns the complainant's identity or the complaint's text, and a
RAHASIA complaint is found by none of them (SP4N-LAPOR!: not publicly visible)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..adapters.records import Complaint, Open311Request
from ..adapters.unit_of_work import FeedbackReader
from ..domain.complaints import publicly_visible
from ..domain.periods import bounds
from ..domain.statistics import complaint_figures, count_by_status


async def public_complaint(
    reader: FeedbackReader, channel: str, complaint_id: str
) -> Complaint | None:
    """The complaint, or None when unknown or RAHASIA: the two answer alike."""
    row = await reader.complaints.find(channel, complaint_id)
    if row is None or not publicly_visible(row.privacy):
        return None
    return row


async def unit_summary(reader: FeedbackReader, unit_id: str) -> dict[str, int]:
    """Complaint counts of a unit by status (Pasal 37(3)); RAHASIA ones included, since a count
    reveals neither the complaint nor who made it."""
    return count_by_status(await reader.complaints.count_by_status(unit_id))


async def unit_statistics(reader: FeedbackReader, unit_id: str, period: str) -> dict[str, Any]:
    """Complaints received in the period by status, SKM questionnaires received, and the unit's
    latest SKM measurement of the period."""
    start, end = bounds(period)
    repo = reader.satisfaction
    rows = await repo.complaints_of_unit(unit_id, start, end)
    missed = await repo.missed_deadlines([r.id for r in rows])
    measurement = await repo.latest_measurement(unit_id, period)
    complete, incomplete = await repo.questionnaires(unit_id, period, None)
    return {
        "unit_id": unit_id,
        "period": period,
        "complaints": complaint_figures(rows, missed),
        "questionnaires": {"complete": len(complete), "incomplete": incomplete},
        "skm": None
        if measurement is None
        else {
            "ikm": measurement.ikm,
            "nik": measurement.nik,
            "mutu": measurement.mutu,
            "respondents": measurement.respondents,
            "required_sample": measurement.required_sample,
            "sample_sufficient": measurement.respondents >= measurement.required_sample,
            "measured_at": measurement.measured_at.isoformat(),
        },
    }


async def public_requests(
    reader: FeedbackReader,
    ids: list[str] | None = None,
    service_code: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[Open311Request]:
    """Open311 requests with their complaint's status, RAHASIA ones left out."""
    rows = await reader.open311.requests(ids=ids, service_code=service_code, start=start, end=end)
    return [r for r in rows if publicly_visible(r.privacy)]
