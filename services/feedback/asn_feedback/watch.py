"""The deadline watch: every FEEDBACK_DEADLINE_WATCH_SECONDS, in one transaction, publish each
missed complaint deadline once (the record and the event commit together) and withdraw files left
incomplete for 30 days (UU 25/2009 Pasal 44(5))."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from typing import Any

from asn_shared.calendar import WorkingCalendar
from asn_shared.catalog.feedback_events import ComplaintDeadlineMissed, PenyelesaianPengaduan
from asn_shared.logging import get_logger
from asn_shared.persistence.timestamps import as_utc

from .domain import ComplaintStatus, local_date
from .handling import SYSTEM, Emit, complaint_identity, resolved_event
from .handling_repository import HandlingRepository
from .lifecycle import RULES, Action, Clock, Party, completion_lapsed, missed, next_status

log = get_logger(__name__)


async def deadline_watch(runtime: Any) -> None:
    interval = runtime.settings.deadline_watch_seconds
    while True:
        try:
            async with runtime.unit_of_work() as uow:
                today = local_date(datetime.now(UTC))
                calendar = runtime.settings.holiday_source.calendar()  # re-read when ops change it
                published = await watch_deadlines(
                    HandlingRepository(uow.session), uow.emit, today, calendar
                )
            if published:
                log.info("complaint.deadline_watch", published=published)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the watch must outlive one bad run; it is logged
            log.exception("complaint.deadline_watch_failed")
        await asyncio.sleep(interval)


def clock_of(row: Any) -> Clock:
    return Clock(
        received_on=local_date(as_utc(row.received_at)),
        responded_on=row.responded_on,
        complete_on=row.complete_on,
        disposed_on=row.disposed_on,
        followed_up_on=row.followed_up_on,
        decided_on=row.decided_on,
        notified_on=row.notified_on,
        incomplete_on=row.incomplete_on,
    )


async def watch_deadlines(
    repo: HandlingRepository, emit: Emit, today: date, calendar: WorkingCalendar
) -> int:
    """Publish each deadline missed by `today` once; withdraw files left incomplete (Pasal
    44(5)). Returns how many ComplaintDeadlineMissed it published."""
    published = 0
    for row in await repo.open_complaints():
        if row.status == ComplaintStatus.INCOMPLETE and completion_lapsed(clock_of(row), today):
            await _withdraw_lapsed(repo, emit, row, today)
            continue
        published += await _publish_missed(repo, emit, row, calendar, today)
    return published


async def _publish_missed(
    repo: HandlingRepository, emit: Emit, row: Any, calendar: WorkingCalendar, today: date
) -> int:
    recorded = await repo.missed_recorded(row.id)
    fresh = [
        (w, due)
        for w, due in missed(clock_of(row), calendar, today)
        if (w.value, due) not in recorded
    ]
    if not fresh:
        return 0
    officials = await repo.officials(row.unit_id)
    if officials is None:  # retried at the next watch, once someone is named
        log.warning(
            "complaint.deadline_unassigned", receipt_number=row.receipt_number, unit_id=row.unit_id
        )
        return 0
    for which, due in fresh:
        rule = RULES[which]
        desk = rule.party is Party.DESK
        nip = officials.desk_nip if desk else officials.head_nip
        event = await emit(
            ComplaintDeadlineMissed(
                **complaint_identity(row),
                deadline=which,
                due_date=due,
                responsible_nip=nip,
                responsible_position=officials.desk_position if desk else officials.head_position,
                article_breached=rule.article,
                sanction_basis=rule.sanction,
                detected_at=datetime.now(UTC),
            )
        )
        await repo.record_missed(
            complaint_pk=row.id,
            deadline=which.value,
            due_date=due,
            responsible_nip=nip,
            event_id=event.id,
            detected_at=datetime.now(UTC),
        )
        log.warning(
            "complaint.deadline_missed",
            receipt_number=row.receipt_number,
            deadline=which.value,
            due_date=due.isoformat(),
        )
    return len(fresh)


async def _withdraw_lapsed(repo: HandlingRepository, emit: Emit, row: Any, today: date) -> None:
    status = next_status(ComplaintStatus(row.status), Action.WITHDRAW)
    decision = PenyelesaianPengaduan.DICABUT
    await repo.update(row.id, status=status.value, decision=decision.value, closed_on=today)
    await repo.add_step(
        complaint_pk=row.id,
        action=Action.WITHDRAW.value,
        status=status.value,
        actor=SYSTEM,
        note="UU 25/2009 Pasal 44(5)",
        taken_at=datetime.now(UTC),
    )
    await emit(resolved_event(row, decision, today))
