"""Read models of the discipline workflow for the HTTP API (no writes)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.timers.store import Timer, TimerStore

from ..models import timers
from .repository import DisciplineRepository


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def case_summary(row: Any) -> dict[str, Any]:
    return {
        "case_id": str(row.case_id),
        "nip": row.nip,
        "unit_id": row.unit_id,
        "origin": row.origin,
        "pelanggaran": row.pelanggaran,
        "status": row.status,
        "legal_basis": list(row.legal_basis),
        "required_jenis": row.required_jenis,
        "examiner_nip": row.examiner_nip,
        "opened_on": _iso(row.opened_on),
        "summons": row.summons,
        "scheduled_at": _iso(row.scheduled_at),
        "jenis": row.jenis,
        "decision_number": row.decision_number,
        "decided_on": _iso(row.decided_on),
        "delivery_due": _iso(row.delivery_due),
        "received_on": _iso(row.received_on),
        "effective_on": _iso(row.effective_on),
        "upaya_administratif": row.upaya_administratif,
        "decided_with": str(row.decided_with) if row.decided_with else None,
    }


def _deadline(timer: Timer) -> dict[str, Any]:
    return {"kind": timer.kind, "due_at": timer.due_at.isoformat(), "attempts": timer.attempts}


async def _deadlines(store: TimerStore, case_ids: list[uuid.UUID]) -> dict[str, list]:
    """Pending timers per case: every discipline timer's key starts with its case id."""
    return {
        str(c): [_deadline(t) for t in await store.pending(key_prefix=str(c))] for c in case_ids
    }


def _flag(row: Any) -> dict[str, Any]:
    return {
        "case_id": str(row.case_id),
        "duty": row.duty,
        "official_nip": row.official_nip,
        "due_on": _iso(row.due_on),
        "article": row.article,
        "flagged_at": _iso(row.flagged_at),
    }


async def case_view(session: AsyncSession, case_id: uuid.UUID) -> dict[str, Any] | None:
    repo = DisciplineRepository(session)
    row = await repo.case(case_id)
    if row is None:
        return None
    steps = [
        {
            "step": s.step,
            "status": s.status,
            "actor_nip": s.actor_nip,
            "details": s.details,
            "taken_at": _iso(s.taken_at),
        }
        for s in await repo.steps_of(case_id)
    ]
    objections = [
        {
            "objection_id": str(o.objection_id),
            "upaya": o.upaya,
            "filed_on": _iso(o.filed_on),
            "filed_in_time": o.filed_in_time,
            "decision_due": _iso(o.decision_due),
            "outcome": o.outcome,
            "resulting_jenis": o.resulting_jenis,
            "decided_on": _iso(o.decided_on),
        }
        for o in await repo.objections_of(case_id)
    ]
    deadlines = await _deadlines(TimerStore(session, timers), [case_id])
    return {
        **case_summary(row),
        "steps": steps,
        "objections": objections,
        "deadlines": deadlines[str(case_id)],
        "duty_flags": [_flag(f) for f in await repo.flags_of([case_id])],
    }


async def unit_view(session: AsyncSession, unit_id: str, statuses: list[str] | None) -> dict:
    repo = DisciplineRepository(session)
    rows = await repo.cases_of_unit(unit_id, statuses)
    ids = [r.case_id for r in rows]
    deadlines = await _deadlines(TimerStore(session, timers), ids)
    return {
        "unit_id": unit_id,
        "cases": [{**case_summary(r), "deadlines": deadlines[str(r.case_id)]} for r in rows],
        "duty_flags": [_flag(f) for f in await repo.flags_of(ids)],
    }
