"""Use cases of complaint handling: the steps officials and complainants take (lifecycle.py has
the rules; watch.py the deadline watch).

Officials are named by NIP and must be the unit's registered desk or head; the complainant proves
who they are with the receipt number (tanda terima) only they were given. Logs name complaints by
receipt number, never by complainant or text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from asn_shared.catalog import EventData
from asn_shared.catalog.feedback_events import (
    ComplaintResolved,
    ComplaintVerified,
    PenyelesaianPengaduan,
    VerifikasiPengaduan,
)
from asn_shared.catalog.vocabulary import LaporKlasifikasi
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger

from .domain import ComplaintStatus, local_date
from .handling_repository import HandlingRepository
from .lifecycle import (
    COMPLETION_DAYS,
    DECISION_DAYS,
    NOTIFY_DAYS,
    Action,
    TransitionError,
    next_status,
)

log = get_logger(__name__)
Emit = Callable[[EventData], Awaitable[CloudEvent]]
COMPLAINANT, SYSTEM = "COMPLAINANT", "SYSTEM"

DESK_ACTIONS = {
    Action.VERIFY_COMPLETE,
    Action.VERIFY_INCOMPLETE,
    Action.HOLD,
    Action.REROUTE,
    Action.ARCHIVE,
    Action.NOTIFY,
}
HEAD_ACTIONS = {Action.FOLLOW_UP, Action.DECIDE}
VERIFICATION = {
    Action.VERIFY_COMPLETE: VerifikasiPengaduan.LENGKAP,
    Action.COMPLETE_FILE: VerifikasiPengaduan.LENGKAP,
    Action.VERIFY_INCOMPLETE: VerifikasiPengaduan.TIDAK_LENGKAP,
    Action.REROUTE: VerifikasiPengaduan.BUKAN_WEWENANG,
    Action.ARCHIVE: VerifikasiPengaduan.ARSIP,
}


class HandlingError(Exception):
    status = 409

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(HandlingError):
    status = 404


class NotPermitted(HandlingError):
    status = 403


@dataclass(frozen=True)
class Step:
    action: Action
    actor_nip: str | None = None  # an official
    receipt_number: str | None = None  # the complainant's proof
    klasifikasi: LaporKlasifikasi = LaporKlasifikasi.PENGADUAN
    decision: PenyelesaianPengaduan | None = None
    note: str | None = None


async def take_step(
    repo: HandlingRepository, emit: Emit, channel: str, complaint_id: str, step: Step
) -> dict[str, Any]:
    row = await repo.complaint(channel, complaint_id)
    if row is None:
        raise NotFound("complaint not found")
    actor = await _authorise(repo, row, step)
    try:
        status = next_status(ComplaintStatus(row.status), step.action)
    except TransitionError as exc:
        raise HandlingError(str(exc)) from None
    now = datetime.now(UTC)
    await _apply(repo, emit, row, step, status, local_date(now), now)
    await repo.add_step(
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
    return {"receipt_number": row.receipt_number, "status": status.value}


async def _authorise(repo: HandlingRepository, row: Any, step: Step) -> str:
    if step.action in DESK_ACTIONS | HEAD_ACTIONS:
        officials = await repo.officials(row.unit_id)
        if officials is None:
            raise HandlingError(f"no complaint officials registered for unit {row.unit_id}")
        allowed = officials.desk_nip if step.action in DESK_ACTIONS else officials.head_nip
        if step.actor_nip != allowed:
            who = "desk" if step.action in DESK_ACTIONS else "head"
            raise NotPermitted(f"{step.action.value} is taken by the unit's complaint {who}")
        return step.actor_nip
    if step.receipt_number != row.receipt_number:
        raise NotPermitted(f"{step.action.value} is the complainant's: give the receipt number")
    return COMPLAINANT


async def _apply(
    repo: HandlingRepository,
    emit: Emit,
    row: Any,
    step: Step,
    status: ComplaintStatus,
    today: date,
    now: datetime,
) -> None:
    """The dates a step sets, and the event it publishes."""
    action = step.action
    changes: dict[str, Any] = {"status": status.value}
    if action in VERIFICATION and action is not Action.COMPLETE_FILE:
        changes |= {"responded_on": today, "klasifikasi": step.klasifikasi.value}
    if action in (Action.VERIFY_COMPLETE, Action.COMPLETE_FILE):
        changes |= {"complete_on": today, "disposed_on": today}
    changes |= {
        Action.VERIFY_INCOMPLETE: {"incomplete_on": today},
        Action.FOLLOW_UP: {"followed_up_on": today},
        Action.NOTIFY: {"notified_on": today},
        Action.ACCEPT: {"closed_on": today},
        Action.REOPEN: {"disposed_on": today},
    }.get(action, {})
    if action is Action.DECIDE:
        if step.decision not in (
            PenyelesaianPengaduan.TERBUKTI,
            PenyelesaianPengaduan.TIDAK_TERBUKTI,
        ):
            raise HandlingError("DECIDE needs decision TERBUKTI or TIDAK_TERBUKTI")
        changes |= {"decided_on": today, "decision": step.decision.value}
    if action is Action.WITHDRAW:
        changes |= {"decision": PenyelesaianPengaduan.DICABUT.value, "closed_on": today}
    await repo.update(row.id, **changes)
    if action in VERIFICATION:
        await emit(_verified(row, step, today, now, changes.get("klasifikasi")))
    if action in (Action.DECIDE, Action.WITHDRAW):
        await emit(resolved_event(row, PenyelesaianPengaduan(changes["decision"]), today))


def _verified(row: Any, step: Step, today: date, now: datetime, klasifikasi: Any) -> EventData:
    outcome = VERIFICATION[step.action]
    return ComplaintVerified(
        **complaint_identity(row),
        subject_nip=row.subject_nip,
        category=row.category,
        klasifikasi=klasifikasi or row.klasifikasi or LaporKlasifikasi.PENGADUAN,
        privacy=row.privacy,
        outcome=outcome,
        verified_at=now,
        decision_due=today + timedelta(days=DECISION_DAYS)
        if outcome is VerifikasiPengaduan.LENGKAP
        else None,
        completion_due=today + timedelta(days=COMPLETION_DAYS)
        if outcome is VerifikasiPengaduan.TIDAK_LENGKAP
        else None,
    )


def resolved_event(row: Any, outcome: PenyelesaianPengaduan, today: date) -> EventData:
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


def complaint_identity(row: Any) -> dict[str, Any]:
    return {
        "complaint_id": row.complaint_id,
        "channel": row.channel,
        "receipt_number": row.receipt_number,
        "unit_id": row.unit_id,
    }
