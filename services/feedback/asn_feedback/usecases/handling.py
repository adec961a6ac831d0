"""Use cases of complaint handling: the steps officials and complainants take, and the officials
who answer for a unit's complaints (domain/lifecycle.py and domain/steps.py have the rules;
deadlines.py the deadline watch).

Officials are named by NIP and must be the unit's registered desk or head; the complainant proves
who they are with the receipt number (tanda terima) only they were given. Logs name complaints by
receipt number, never by complainant or text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from asn_shared.catalog import EventData
from asn_shared.catalog.feedback_events import (
    ComplaintResolved,
    ComplaintVerified,
    PenyelesaianPengaduan,
    VerifikasiPengaduan,
)
from asn_shared.catalog.vocabulary import LaporKlasifikasi, Privacy
from asn_shared.logging import get_logger

from ..adapters.handling import received_on
from ..adapters.records import Complaint
from ..adapters.unit_of_work import FeedbackUnitOfWork
from ..domain.complaints import ComplaintStatus, local_date
from ..domain.lifecycle import (
    COMPLETION_DAYS,
    DECISION_DAYS,
    NOTIFY_DAYS,
    Action,
    TransitionError,
    next_status,
)
from ..domain.steps import (
    COMPLAINANT,
    DESK_ACTIONS,
    HEAD_ACTIONS,
    VERIFICATION,
    StepError,
    recorded,
)
from ..errors import Conflict, NotFound, NotPermitted
from .satisfaction import summarize_day

log = get_logger(__name__)


@dataclass(frozen=True)
class Step:
    action: Action
    actor_nip: str | None = None  # an official
    receipt_number: str | None = None  # the complainant's proof
    klasifikasi: LaporKlasifikasi = LaporKlasifikasi.PENGADUAN
    decision: PenyelesaianPengaduan | None = None
    note: str | None = None


async def take_step(
    uow: FeedbackUnitOfWork, channel: str, complaint_id: str, step: Step
) -> dict[str, Any]:
    row = await uow.handling.complaint(channel, complaint_id)
    if row is None:
        raise NotFound("complaint not found")
    actor = await _authorise(uow, row, step)
    try:
        status = next_status(ComplaintStatus(row.status), step.action)
    except TransitionError as exc:
        raise Conflict(str(exc)) from None
    now = uow.now()
    await _apply(uow, row, step, status, local_date(now), now)
    await uow.handling.add_step(
        complaint_pk=row.id,
        action=step.action.value,
        status=status.value,
        actor=actor,
        note=step.note,
        taken_at=now,
    )
    log.info(
        "complaint.step",
        receipt_number=row.receipt_number,
        action=step.action.value,
        status=status.value,
    )
    if step.action is Action.DECIDE:
        await _refresh_officer_summary(uow, row)
    return {"receipt_number": row.receipt_number, "status": status.value}


async def name_officials(uow: FeedbackUnitOfWork, unit_id: str, officials: dict[str, Any]) -> None:
    """Who answers for the unit's complaints: named in every ComplaintDeadlineMissed."""
    await uow.handling.save_officials(unit_id=unit_id, updated_at=uow.now(), **officials)


async def _authorise(uow: FeedbackUnitOfWork, row: Complaint, step: Step) -> str:
    if step.action in DESK_ACTIONS | HEAD_ACTIONS:
        officials = await uow.handling.officials(row.unit_id)
        if officials is None:
            raise Conflict(f"no complaint officials registered for unit {row.unit_id}")
        desk = step.action in DESK_ACTIONS
        allowed = officials.desk_nip if desk else officials.head_nip
        if step.actor_nip is None or step.actor_nip != allowed:
            who = "desk" if desk else "head"
            raise NotPermitted(f"{step.action.value} is taken by the unit's complaint {who}")
        return step.actor_nip
    if step.receipt_number != row.receipt_number:
        raise NotPermitted(f"{step.action.value} is the complainant's: give the receipt number")
    return COMPLAINANT


async def _apply(
    uow: FeedbackUnitOfWork,
    row: Complaint,
    step: Step,
    status: ComplaintStatus,
    today: date,
    now: datetime,
) -> None:
    """The dates and outcomes a step sets, and the event it publishes."""
    try:
        changes = recorded(step.action, status, today, step.klasifikasi, step.decision)
    except StepError as exc:
        raise Conflict(str(exc)) from None
    await uow.handling.update(row.id, **changes)
    if step.action in VERIFICATION:
        await uow.emit(_verified(row, step, today, now))
    decision = changes.get("decision")  # set by DECIDE and WITHDRAW only (domain/steps.py)
    if isinstance(decision, str):
        await uow.emit(resolved_event(row, PenyelesaianPengaduan(decision), today))


async def _refresh_officer_summary(uow: FeedbackUnitOfWork, row: Complaint) -> None:
    """A decided complaint naming an officer changes the officer's substantiated count."""
    if row.subject_nip is None:
        return
    await summarize_day(uow, row.subject_nip, row.unit_id, received_on(row))


def _verified(row: Complaint, step: Step, today: date, now: datetime) -> EventData:
    outcome = VERIFICATION[step.action]
    if step.action is Action.COMPLETE_FILE:  # classified when the desk verified it
        klasifikasi = LaporKlasifikasi(row.klasifikasi or LaporKlasifikasi.PENGADUAN)
    else:
        klasifikasi = step.klasifikasi
    return ComplaintVerified(
        **complaint_identity(row),
        subject_nip=row.subject_nip,
        category=row.category,
        klasifikasi=klasifikasi,
        privacy=Privacy(row.privacy),
        outcome=outcome,
        verified_at=now,
        decision_due=today + timedelta(days=DECISION_DAYS)
        if outcome is VerifikasiPengaduan.LENGKAP
        else None,
        completion_due=today + timedelta(days=COMPLETION_DAYS)
        if outcome is VerifikasiPengaduan.TIDAK_LENGKAP
        else None,
    )


def resolved_event(row: Complaint, outcome: PenyelesaianPengaduan, today: date) -> EventData:
    return ComplaintResolved(
        **complaint_identity(row),
        subject_nip=row.subject_nip,
        category=row.category,
        outcome=outcome,
        decided_on=today,
        notify_due=None
        if outcome is PenyelesaianPengaduan.DICABUT
        else today + timedelta(days=NOTIFY_DAYS),
    )


def complaint_identity(row: Complaint) -> dict[str, Any]:
    return {
        "complaint_id": row.complaint_id,
        "channel": row.channel,
        "receipt_number": row.receipt_number,
        "unit_id": row.unit_id,
    }
