"""Assessments and continuous feedback entered through the API.

An assessment is published as AssessmentSubmitted through the outbox and applied by this very
service's consumer: the same path, checks and inbox as an agency's event.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import ValidationError

from asn_shared.catalog.agency_events import AssessmentSubmitted
from asn_shared.catalog.vocabulary import Nip

from ..usecases.evidence import add_feedback_note
from .common import ERRORS, cycle_for
from .schemas import AssessmentIn, FeedbackNoteIn

router = APIRouter(prefix="/api/v1", tags=["assessments"], responses=ERRORS)


@router.post("/assessments", status_code=202)
async def submit_assessment(request: Request, body: AssessmentIn) -> dict[str, Any]:
    """Accepted for processing: the rating appears once the consumer has applied the event."""
    try:
        data = AssessmentSubmitted(**body.model_dump(exclude_none=True))
    except ValidationError as exc:
        raise HTTPException(
            422, detail=exc.errors(include_input=False, include_url=False)
        ) from None
    async with cycle_for(request) as cycle:
        event = await cycle.emit(data)
    return {"event_id": event.id, "type": event.type}


@router.post("/employees/{nip}/feedback", status_code=201)
async def give_feedback(
    request: Request, nip: Annotated[Nip, Path()], body: FeedbackNoteIn
) -> dict[str, Any]:
    """Umpan balik berkelanjutan from the ASN's evaluator, per RHK or per BerAKHLAK value."""
    async with cycle_for(request) as cycle:
        note_id = await add_feedback_note(
            cycle,
            nip,
            body.period,
            body.author_nip,
            body.text,
            body.rhk_id,
            body.nilai.value if body.nilai else None,
        )
    return {"id": note_id}
