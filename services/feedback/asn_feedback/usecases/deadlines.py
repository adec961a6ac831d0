"""The deadline watch's run (background.py drives it): in one transaction, publish each missed
complaint deadline once (the record and the event commit together) and withdraw files left
incomplete for 30 days (UU 25/2009 Pasal 44(5))."""

from __future__ import annotations

from datetime import date

from asn_shared.calendar import WorkingCalendar
from asn_shared.catalog.feedback_events import (
    ComplaintDeadlineMissed,
    PenyelesaianPengaduan,
)
from asn_shared.catalog.feedback_events import TenggatPengaduan as Deadline
from asn_shared.logging import get_logger

from ..adapters.handling import clock_of
from ..adapters.records import Complaint, Officials
from ..adapters.unit_of_work import FeedbackUnitOfWork
from ..domain.complaints import ComplaintStatus
from ..domain.lifecycle import RULES, Action, Party, completion_lapsed, missed, next_status
from ..domain.steps import SYSTEM
from .handling import complaint_identity, resolved_event

log = get_logger(__name__)


async def watch_deadlines(uow: FeedbackUnitOfWork, today: date, calendar: WorkingCalendar) -> int:
    """Publish each deadline missed by `today` once; withdraw files left incomplete (Pasal
    44(5)). Returns how many ComplaintDeadlineMissed it published."""
    published = 0
    for row in await uow.handling.open_complaints():
        if row.status == ComplaintStatus.INCOMPLETE and completion_lapsed(clock_of(row), today):
            await _withdraw_lapsed(uow, row, today)
            continue
        published += await _publish_missed(uow, row, calendar, today)
    return published


async def _publish_missed(
    uow: FeedbackUnitOfWork, row: Complaint, calendar: WorkingCalendar, today: date
) -> int:
    recorded = await uow.handling.missed_recorded(row.id)
    fresh = [
        (w, due)
        for w, due in missed(clock_of(row), calendar, today)
        if (w.value, due) not in recorded
    ]
    if not fresh:
        return 0
    officials = await uow.handling.officials(row.unit_id)
    if officials is None:  # retried at the next watch, once someone is named
        log.warning(
            "complaint.deadline_unassigned", receipt_number=row.receipt_number, unit_id=row.unit_id
        )
        return 0
    for which, due in fresh:
        await _publish_one(uow, row, officials, which, due)
    return len(fresh)


async def _publish_one(
    uow: FeedbackUnitOfWork, row: Complaint, officials: Officials, which: Deadline, due: date
) -> None:
    """One missed deadline, naming who answers for it; recorded so it is published once."""
    rule = RULES[which]
    desk = rule.party is Party.DESK
    nip = officials.desk_nip if desk else officials.head_nip
    event = await uow.emit(
        ComplaintDeadlineMissed(
            **complaint_identity(row),
            deadline=which,
            due_date=due,
            responsible_nip=nip,
            responsible_position=officials.desk_position if desk else officials.head_position,
            article_breached=rule.article,
            sanction_basis=rule.sanction,
            detected_at=uow.now(),
        )
    )
    await uow.handling.record_missed(
        complaint_pk=row.id,
        deadline=which.value,
        due_date=due,
        responsible_nip=nip,
        event_id=event.id,
        detected_at=uow.now(),
    )
    log.warning(
        "complaint.deadline_missed",
        receipt_number=row.receipt_number,
        deadline=which.value,
        due_date=due.isoformat(),
    )


async def _withdraw_lapsed(uow: FeedbackUnitOfWork, row: Complaint, today: date) -> None:
    status = next_status(ComplaintStatus(row.status), Action.WITHDRAW)
    decision = PenyelesaianPengaduan.DICABUT
    await uow.handling.update(row.id, status=status.value, decision=decision.value, closed_on=today)
    await uow.handling.add_step(
        complaint_pk=row.id,
        action=Action.WITHDRAW.value,
        status=status.value,
        actor=SYSTEM,
        note="UU 25/2009 Pasal 44(5)",
        taken_at=uow.now(),
    )
    await uow.emit(resolved_event(row, decision, today))
