"""Use cases of complaint handling: the steps officials and complainants take, and the officials
who answer for a unit's complaints (domain/lifecycle.py and domain/steps.py have the rules;
deadlines.py the deadline watch).

Officials act with their bearer token and must be the unit's registered desk or head; the
complainant proves who they are with the receipt number (tanda terima) only they were given, with
or without a token. Who may do what is domain/permissions.py. Logs name complaints by receipt
number, never by complainant or text.

Each accepted command is an act on the log (docs/events-beyond-v1.md): `take_step` records
ComplaintStepTaken, `name_officials` ComplaintOfficialsNamed, once the rules allow it, and then
applies it with `apply_step` / `apply_officials`, which the act's handler also runs when a rebuild
replays it (handlers.py). What they write depends on the act alone: its content and its time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from asn_shared.catalog import EventData
from asn_shared.catalog.feedback_acts import ComplaintOfficialsNamed, ComplaintStepTaken
from asn_shared.catalog.feedback_events import (
    ComplaintResolved,
    ComplaintVerified,
    PenyelesaianPengaduan,
    VerifikasiPengaduan,
)
from asn_shared.catalog.vocabulary import LaporKlasifikasi, Privacy
from asn_shared.envelope import InvalidMessage
from asn_shared.identity.caller import Caller
from asn_shared.logging import get_logger
from asn_shared.sealing import SealError

from ..adapters.handling import received_on
from ..adapters.records import Complaint
from ..adapters.unit_of_work import FeedbackUnitOfWork
from ..domain.acts import OFFICIALS_BASIS, step_basis
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
from ..domain.steps import CLASSIFYING, COMPLAINANT, VERIFICATION, StepError, recorded
from ..errors import Conflict, NotFound, NotPermitted, SealingUnavailable
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
    caller's; a complainant's step is proven by the receipt, whoever calls. Refused (nothing
    written) unless the rules allow it; else recorded as ComplaintStepTaken and applied."""
    row = await uow.handling.complaint(channel, complaint_id)
    if row is None:
        raise NotFound("complaint not found")
    actor = await _authorise(uow, row, step, caller)
    try:
        status = next_status(ComplaintStatus(row.status), step.action)
        recorded(step.action, status, uow.today(), step.klasifikasi, step.decision)
    except (TransitionError, StepError) as exc:
        raise Conflict(str(exc)) from None
    act_uow, act = await uow.record_act(
        ComplaintStepTaken(
            complaint_id=row.complaint_id,
            channel=row.channel,
            unit_id=row.unit_id,
            action=step.action,
            klasifikasi=step.klasifikasi if step.action in CLASSIFYING else None,
            decision=step.decision if step.action is Action.DECIDE else None,
            sealed_note=_sealed(uow, step.note),
            actor_nip=actor,
            legal_basis=step_basis(step.action),
        )
    )
    status = await apply_step(act_uow, act)
    return {"receipt_number": row.receipt_number, "status": status.value}


async def apply_step(uow: FeedbackUnitOfWork, act: ComplaintStepTaken) -> ComplaintStatus:
    """What a step does: the complaint's new status, dates and outcomes, the step kept with its
    actor (the official's NIP, or COMPLAINANT), and the events it reaches. `uow`'s clock is the
    act's time. In a rebuild the log is the record of what was allowed: no rule is asked again;
    a step the rebuilt state cannot take is refused with the reason (it never is, replayed in
    order)."""
    row = await uow.handling.complaint(act.channel, act.complaint_id)
    if row is None:
        raise InvalidMessage("ComplaintStepTaken names a complaint this service does not hold")
    step = Step(
        action=act.action,
        klasifikasi=act.klasifikasi or LaporKlasifikasi.PENGADUAN,
        decision=act.decision,
        note=_opened(uow, act.sealed_note),
    )
    now = uow.now()
    try:
        status = next_status(ComplaintStatus(row.status), step.action)
        await _apply(uow, row, step, status, local_date(now), now)
    except (TransitionError, StepError) as exc:
        raise InvalidMessage(f"ComplaintStepTaken cannot be applied: {exc}") from None
    await uow.handling.add_step(
        complaint_pk=row.id,
        action=step.action.value,
        status=status.value,
        actor=act.actor_nip or COMPLAINANT,
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
    return status


async def name_officials(
    uow: FeedbackUnitOfWork, unit_id: str, officials: dict[str, Any], caller: Caller
) -> None:
    """Who answers for the unit's complaints: named in every ComplaintDeadlineMissed. Only a
    unit administrator names them (domain/permissions.py); recorded as ComplaintOfficialsNamed
    and applied."""
    refusal = naming_officials(caller)
    if refusal is not None:
        raise NotPermitted(refusal)
    act_uow, act = await uow.record_act(
        ComplaintOfficialsNamed(
            unit_id=unit_id,
            **officials,
            actor_nip=caller.nip,
            legal_basis=list(OFFICIALS_BASIS),
        )
    )
    await apply_officials(act_uow, act)


async def apply_officials(uow: FeedbackUnitOfWork, act: ComplaintOfficialsNamed) -> None:
    """The unit's desk and head, in place of those named before, as of the act's time."""
    await uow.handling.save_officials(
        unit_id=act.unit_id,
        desk_nip=act.desk_nip,
        desk_position=act.desk_position,
        head_nip=act.head_nip,
        head_position=act.head_position,
        updated_at=uow.now(),
    )


async def _authorise(
    uow: FeedbackUnitOfWork, row: Complaint, step: Step, caller: Caller | None
) -> str | None:
    """The actor the step names: the official's NIP, or None for the complainant's."""
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
    return None


def _sealed(uow: FeedbackUnitOfWork, note: str | None) -> str | None:
    """The note as the act carries it: sealed (adapters/notes.py); refused without a key rather
    than published in clear."""
    if note is None:
        return None
    seal = uow.note_seal
    if seal is None:
        raise SealingUnavailable(
            "a note cannot be accepted: sealing is not configured (FEEDBACK_CONTACT_KEY)"
        )
    return seal.seal(note)


def _opened(uow: FeedbackUnitOfWork, sealed: str | None) -> str | None:
    if sealed is None:
        return None
    seal = uow.note_seal
    if seal is None:
        raise InvalidMessage("ComplaintStepTaken carries a sealed note and no key is configured")
    try:
        return seal.open(sealed)
    except SealError as exc:
        raise InvalidMessage(str(exc)) from None


async def _apply(
    uow: FeedbackUnitOfWork,
    row: Complaint,
    step: Step,
    status: ComplaintStatus,
    today: date,
    now: datetime,
) -> None:
    """The dates and outcomes a step sets, and the event it publishes."""
    changes = recorded(step.action, status, today, step.klasifikasi, step.decision)
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
