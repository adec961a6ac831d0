"""HTTP for the officials who act in a disciplinary case, and the views of cases and deadlines.

Each step is one transaction: the case moves, the step is recorded, the events go through the
outbox and the next deadline's timer is set, or nothing happens and the body says why.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from asn_shared.catalog.sanctions_events import ModePemeriksaan
from asn_shared.catalog.vocabulary import JenisHukuman, KeputusanUpayaAdministratif, Nip
from asn_shared.timers.store import TimerStore

from ..models import timers
from . import decision as deciding
from . import remedies, steps
from .authority import JabatanLevel, PejabatLevel
from .context import DisciplineContext
from .repository import DisciplineRepository
from .views import case_view, unit_view
from .workflow import StepRefused

router = APIRouter(prefix="/api/v1", tags=["discipline"])
ERRORS = {
    404: {"description": "No such case"},
    403: {"description": "Not this official's step"},
    409: {"description": "Not allowed now (the body cites the article)"},
    422: {"description": "Invalid request"},
}
_STATUS = {steps.NotFound: 404, steps.NotPermitted: 403, StepRefused: 409}


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SummonsBody(_Body):
    summoned_by_nip: Nip
    summoned_on: date
    scheduled_at: datetime = Field(description="With a UTC offset, e.g. 2026-03-10T09:00+07:00.")
    mode: ModePemeriksaan
    examiner_nips: list[Nip] = Field(min_length=1)
    tim_pemeriksa: bool = False
    location: str | None = None


class HearingBody(_Body):
    recorded_by_nip: Nip
    attended: bool
    held_on: date
    bap_number: str | None = Field(default=None, description="Berita Acara Pemeriksaan.")


class DecisionBody(_Body):
    decision_number: str = Field(min_length=1)
    jenis: JenisHukuman
    decided_on: date
    imposed_by_nip: Nip
    imposed_by_level: PejabatLevel
    asn_jabatan_level: JabatanLevel
    line: list[PejabatLevel] = Field(
        default_factory=list, description="The ASN's superiors below the PPK, direct first."
    )
    pelanggaran: str | None = None


class NotProvenBody(_Body):
    decided_by_nip: Nip
    reason: str = Field(min_length=1)


class DeliveryBody(_Body):
    recorded_by_nip: Nip
    received_on: date


class ObjectionBody(_Body):
    filed_on: date


class ObjectionDecisionBody(_Body):
    outcome: KeputusanUpayaAdministratif
    decided_on: date
    decided_by_nip: Nip | None = None
    changed_to: JenisHukuman | None = None


@asynccontextmanager
async def discipline(request: Request) -> AsyncIterator[DisciplineContext]:
    runtime = request.app.state.runtime
    clock = getattr(request.app.state, "clock", None) or (lambda: datetime.now(UTC))
    settings = runtime.settings
    try:
        async with runtime.unit_of_work() as uow:
            yield DisciplineContext(
                repo=DisciplineRepository(uow.session),
                timers=TimerStore(uow.session, timers),
                emit=uow.emit,
                calendar=settings.holiday_source.calendar(),
                rules=settings.discipline_rules,
                now=clock(),
            )
    except tuple(_STATUS) as exc:  # raised inside the transaction: rolled back
        raise HTTPException(_STATUS[type(exc)], detail={"message": str(exc)}) from None


CaseId = Annotated[uuid.UUID, Path()]


@router.post("/discipline/cases/{case_id}/summons", status_code=201, responses=ERRORS)
async def summon(request: Request, case_id: CaseId, body: SummonsBody) -> dict[str, Any]:
    """A written summons to examination (Pasal 26); publishes HearingScheduled."""
    summons = steps.Summons(**{**body.model_dump(), "examiner_nips": tuple(body.examiner_nips)})
    async with discipline(request) as ctx:
        event = await steps.summon(ctx, case_id, summons)
    return event.model_dump(mode="json")


@router.post("/discipline/cases/{case_id}/hearing", responses=ERRORS)
async def hearing(request: Request, case_id: CaseId, body: HearingBody) -> dict[str, str]:
    """The examination was held (BAP) or the ASN did not come."""
    async with discipline(request) as ctx:
        status = await steps.record_hearing(ctx, case_id, **body.model_dump())
    return {"status": status.value}


@router.post("/discipline/cases/{case_id}/decision", status_code=201, responses=ERRORS)
async def decide(request: Request, case_id: CaseId, body: DecisionBody) -> dict[str, Any]:
    """The punishment (Pasal 33); publishes SanctionImposed."""
    decision = deciding.Decision(**{**body.model_dump(), "line": tuple(body.line)})
    async with discipline(request) as ctx:
        event = await deciding.decide(ctx, case_id, decision)
    return event.model_dump(mode="json")


@router.post("/discipline/cases/{case_id}/not-proven", responses=ERRORS)
async def not_proven(request: Request, case_id: CaseId, body: NotProvenBody) -> dict[str, str]:
    async with discipline(request) as ctx:
        await deciding.not_proven(ctx, case_id, **body.model_dump())
    return {"status": "NOT_PROVEN"}


@router.post("/discipline/cases/{case_id}/delivery", responses=ERRORS)
async def delivery(request: Request, case_id: CaseId, body: DeliveryBody) -> dict[str, str]:
    """The ASN received the decision: effective on the 15th day (Pasal 38)."""
    async with discipline(request) as ctx:
        effective = await steps.deliver(ctx, case_id, **body.model_dump())
    return {"status": "DELIVERED", "effective_on": effective.isoformat()}


@router.post("/discipline/cases/{case_id}/objections", status_code=201, responses=ERRORS)
async def file_objection(request: Request, case_id: CaseId, body: ObjectionBody) -> dict:
    """A keberatan or banding administratif (PP 79/2021), the kind the decision allows."""
    async with discipline(request) as ctx:
        return await remedies.file_objection(ctx, case_id, filed_on=body.filed_on)


@router.post("/discipline/objections/{objection_id}/decision", responses=ERRORS)
async def decide_objection(
    request: Request, objection_id: Annotated[uuid.UUID, Path()], body: ObjectionDecisionBody
) -> dict[str, Any]:
    """Publishes ObjectionDecided; the punishment in force follows the outcome."""
    async with discipline(request) as ctx:
        event = await remedies.decide_objection(
            ctx, objection_id, remedies.ObjectionDecision(**body.model_dump())
        )
    return event.model_dump(mode="json")


@router.get("/discipline/cases/{case_id}", responses=ERRORS)
async def case(request: Request, case_id: CaseId) -> dict[str, Any]:
    """The whole file: status, every step, objections, deadlines to come, flags."""
    async with request.app.state.runtime.sessions() as session:
        view = await case_view(session, case_id)
    if view is None:
        raise HTTPException(404, detail={"message": f"no disciplinary case {case_id}"})
    return view


@router.get("/units/{unit_id}/discipline")
async def unit(
    request: Request, unit_id: str, status: Annotated[list[str] | None, Query()] = None
) -> dict[str, Any]:
    """A unit's cases with their coming deadlines and the duties officials let pass."""
    async with request.app.state.runtime.sessions() as session:
        return await unit_view(session, unit_id, status)
