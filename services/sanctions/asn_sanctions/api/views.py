"""The shapes of the HTTP answers, from the rows the repositories read (no reads, no writes)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from asn_shared.timers.store import Timer


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def plain(value: Any) -> Any:
    """A column's value as JSON: ids as text, dates and times in ISO 8601."""
    if isinstance(value, uuid.UUID):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def plain_row(row: Any) -> dict[str, Any]:
    return {key: plain(value) for key, value in row._mapping.items()}


# -- follow-ups ----------------------------------------------------------------------------------


def ratings(rows: Sequence[Any]) -> list[dict[str, object]]:
    # Not in force: superseded after a keberatan, or arrived after the rating that superseded it.
    superseded = {row.supersedes for row in rows if row.supersedes}
    return [
        {
            "rated_event_id": row.rated_event_id,
            "period": row.period,
            "predikat": row.predikat,
            "rated_at": row.rated_at.isoformat(),
            "supersedes": row.supersedes,
            "in_force": row.applied and row.rated_event_id not in superseded,
        }
        for row in rows
    ]


def coaching_case(row: Any) -> dict[str, object]:
    return {
        "case_id": str(row.case_id),
        "period": row.period,
        "predikat": row.predikat,
        "coaching_type": row.coaching_type,
        "status": row.status,
        "started_on": row.started_on.isoformat(),
        "improvement_deadline": row.improvement_deadline.isoformat(),
        "legal_basis": list(row.legal_basis),
        "rated_event_id": row.rated_event_id,
        "cancelled_by_event_id": row.cancelled_by_event_id,
    }


def reward(row: Any) -> dict[str, object]:
    return {
        "reward_id": str(row.reward_id),
        "period": row.period,
        "predikat": row.predikat,
        "reward_type": row.reward_type,
        "status": row.status,
        "granted_on": row.granted_on.isoformat(),
        "recommendation": row.recommendation,
        "legal_basis": list(row.legal_basis),
        "rated_event_id": row.rated_event_id,
        "cancelled_by_event_id": row.cancelled_by_event_id,
    }


def training(row: Any) -> dict[str, object]:
    return {
        "recommendation_id": str(row.recommendation_id),
        "period": row.period,
        "kind": row.kind,
        "predikat": row.predikat,
        "status": row.status,
        "recommended_on": row.recommended_on.isoformat(),
        "competencies": list(row.competencies),
        "legal_basis": list(row.legal_basis),
        "rated_event_id": row.rated_event_id,
        "cancelled_by_event_id": row.cancelled_by_event_id,
    }


# -- the coaching chain --------------------------------------------------------------------------


def coaching_chain(row: Any, pending: Sequence[Timer], rotations: Sequence[Any]) -> dict[str, Any]:
    """The case's chain: its row, its deadlines to come and the rotations it led to."""
    view = plain_row(row)
    view["deadlines"] = [{"kind": t.kind, "due_at": t.due_at.isoformat()} for t in pending]
    view["rotations"] = [plain_row(r) for r in rotations if r.case_id == row.case_id]
    return view


# -- discipline ----------------------------------------------------------------------------------


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


def deadline(timer: Timer) -> dict[str, Any]:
    return {"kind": timer.kind, "due_at": timer.due_at.isoformat(), "attempts": timer.attempts}


def flag(row: Any) -> dict[str, Any]:
    return {
        "case_id": str(row.case_id),
        "duty": row.duty,
        "official_nip": row.official_nip,
        "due_on": _iso(row.due_on),
        "article": row.article,
        "flagged_at": _iso(row.flagged_at),
    }


def step(row: Any) -> dict[str, Any]:
    return {
        "step": row.step,
        "status": row.status,
        "actor_nip": row.actor_nip,
        "details": row.details,
        "taken_at": _iso(row.taken_at),
    }


def objection(row: Any) -> dict[str, Any]:
    return {
        "objection_id": str(row.objection_id),
        "upaya": row.upaya,
        "filed_on": _iso(row.filed_on),
        "filed_in_time": row.filed_in_time,
        "decision_due": _iso(row.decision_due),
        "outcome": row.outcome,
        "resulting_jenis": row.resulting_jenis,
        "decided_on": _iso(row.decided_on),
    }


def case_file(
    row: Any,
    steps: Sequence[Any],
    objections: Sequence[Any],
    deadlines: list[dict[str, Any]],
    flags: Sequence[Any],
) -> dict[str, Any]:
    """The whole file of a disciplinary case."""
    return {
        **case_summary(row),
        "steps": [step(s) for s in steps],
        "objections": [objection(o) for o in objections],
        "deadlines": deadlines,
        "duty_flags": [flag(f) for f in flags],
    }


def unit_cases(
    unit_id: str,
    rows: Sequence[Any],
    deadlines: dict[str, list[dict[str, Any]]],
    flags: Sequence[Any],
) -> dict[str, Any]:
    """A unit's cases with their coming deadlines and the duties officials let pass."""
    return {
        "unit_id": unit_id,
        "cases": [{**case_summary(r), "deadlines": deadlines[str(r.case_id)]} for r in rows],
        "duty_flags": [flag(f) for f in flags],
    }
