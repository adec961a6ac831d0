"""Assessments and continuous feedback entered through the API.

An assessment is published as AssessmentSubmitted through the outbox and applied by this very
service's consumer: the same path, checks and inbox as an agency's event. Its assessor is the
caller, whose relation to the ASN in the directory must fit the role (domain/permissions.py).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import ValidationError

from asn_shared.catalog.agency_events import AssessmentSubmitted
from asn_shared.catalog.vocabulary import Nip
from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated, acting_nip

from ..usecases.evidence import add_feedback_note
from ..usecases.ratings import submit_assessment as submit
from .common import ROUTER_ERRORS, cycle_for, errors
from .schemas import AssessmentIn, FeedbackNoteIn

router = APIRouter(
    prefix="/api/v1",
    tags=["assessments"],
    dependencies=AUTHENTICATED,
    responses={**ROUTER_ERRORS, **AUTH_ERRORS},
)


@router.post("/assessments", status_code=202)
async def submit_assessment(
    request: Request, caller: Authenticated, body: AssessmentIn
) -> dict[str, Any]:
    """Accepted for processing: the rating appears once the consumer has applied the event.

    The assessor is the caller: SUPERVISOR the ASN's direct superior, SELF the ASN, PEER a
    colleague with the same direct superior in the same unit, SUBORDINATE a direct subordinate.
    """
    assessor = acting_nip(caller, body.assessor_nip, "assessor_nip")
    try:
        data = AssessmentSubmitted(
            **{**body.model_dump(exclude_none=True), "assessor_nip": assessor}
        )
    except ValidationError as exc:  # AssessmentIn checks the event's rules: a safety net
        problems = exc.errors(include_input=False, include_url=False, include_context=False)
        detail = [
            {"type": p["type"], "loc": ["body", *p["loc"]], "msg": p["msg"]} for p in problems
        ]
        raise HTTPException(422, detail=detail) from None
    async with cycle_for(request, caller) as cycle:
        event = await submit(cycle, caller, data)
    return {"event_id": event.id, "type": event.type}


@router.post("/employees/{nip}/feedback", status_code=201, responses=errors(404))
async def give_feedback(
    request: Request, caller: Authenticated, nip: Annotated[Nip, Path()], body: FeedbackNoteIn
) -> dict[str, Any]:
    """Umpan balik berkelanjutan from the ASN's evaluator, per RHK or per BerAKHLAK value."""
    acting_nip(caller, body.author_nip, "author_nip")
    async with cycle_for(request, caller) as cycle:
        note_id = await add_feedback_note(
            cycle,
            caller,
            nip,
            body.period,
            body.text,
            body.rhk_id,
            body.nilai,
        )
    return {"id": note_id}
