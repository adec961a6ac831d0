"""Use cases of complaint handling: the steps officials and complainants take, and the officials
who answer for a unit's complaints (domain/lifecycle.py and domain/steps.py have the rules;
deadlines.py the deadline watch).

Officials act with their bearer token and must be the unit's registered desk or head; the
complainant proves who they are with the receipt number (tanda terima) only they were given, with
or without a token. Who may do what is domain/permissions.py. Logs name complaints by receipt
number, never by complainant or text.
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
from asn_shared.identity.caller import Caller
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
from ..domain.permissions import is_officials_step, naming_officials, taking_step
from ..domain.steps import COMPLAINANT, VERIFICATION, StepError, recorded
from ..errors import Conflict, NotFound, NotPermitted
from .satisfaction import summarize_day

log = get_logger(__name__)


@dataclass(frozen=True)
class Step:
    action: Action
    receipt_number: str | None = None  # the complainant's proof
    klasifikasi: LaporKlasifikasi = LaporKlasifikasi.PENGADUAN
    decision: PenyelesaianPengaduan | None = None
    note: str | None = None


async def take_step(
    uow: FeedbackUnitOfWork, channel: str, complaint_id: str, step: Step, caller: Caller | None
) -> dict[str, Any]:
    """`caller`: who the bearer token says calls (None without one): an official's step is the
    caller's; a complainant's step is proven by the receipt, whoever calls."""
    row = await uow.handling.complaint(channel, complaint_id)
    if row is None:
        raise NotFound("complaint not found")
    actor = await _authorise(uow, row, step, caller)
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


async def name_officials(
    uow: FeedbackUnitOfWork, unit_id: str, officials: dict[str, Any], caller: Caller
) -> None:
    """Who answers for the unit's complaints: named in every ComplaintDeadlineMissed. Only a
    unit administrator names them (domain/permissions.py)."""
    refusal = naming_officials(caller)
    if refusal is not None:
        raise NotPermitted(refusal)
    await uow.handling.save_officials(unit_id=unit_id, updated_at=uow.now(), **officials)


async def _authorise(
    uow: FeedbackUnitOfWork, row: Complaint, step: Step, caller: Caller | None
) -> str:
    """The actor recorded for the step: the official's NIP, or COMPLAINANT."""
    officials = None
    if is_officials_step(step.action):
        officials = await uow.handling.officials(row.unit_id)
        if officials is None:  # the unit is not ready for handling: a state, not a person
            raise Conflict(f"no complaint officials registered for unit {row.unit_id}")
    refusal = taking_step(
        caller,
        step.action,
        officials,
        receipt_shown=step.receipt_number,
        receipt=row.receipt_number,
    )
    if refusal is not None:
        raise NotPermitted(refusal)
    if officials is not None and caller is not None:
        return caller.nip
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
