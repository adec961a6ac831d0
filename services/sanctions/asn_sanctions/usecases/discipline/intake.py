"""Opening disciplinary cases from what other services and agencies report.

- AbsenceRecorded: the yearly unexcused count crossing a row of the Pasal 9-11 table, or ten
  working days in a row (Pasal 11(2)(d)(4)), opens one case per row crossed.
- ComplaintResolved TERBUKTI naming an officer: the officer's superior deals with it (UU 25/2009
  Pasal 41(2)) through the PP 94/2021 examination.
- ComplaintDeadlineMissed: the official responsible for the deadline (UU 25/2009 Pasal 54).

What each is opened on is domain/discipline/suspicions.py. The direct superior summons and
examines (Pasal 26-27); until a profile names one the case waits (AWAITING_EXAMINER) and
DisciplinaryCaseOpened goes out when it arrives.
"""

from __future__ import annotations

import uuid
from datetime import UTC, timedelta
from typing import Any

from asn_shared.catalog.agency_events import AbsenceRecorded
from asn_shared.catalog.feedback_events import ComplaintDeadlineMissed, ComplaintResolved
from asn_shared.catalog.sanctions_events import AsalKasus, DisciplinaryCaseOpened
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger

from ...adapters.unit_of_work import SanctionsUnitOfWork
from ...domain.dates import jakarta_date
from ...domain.discipline import suspicions
from ...domain.discipline.attendance import (
    CONSECUTIVE_ABSENCE_RULE,
    consecutive_run,
    threshold_crossed,
)
from ...domain.discipline.suspicions import Suspicion
from ...domain.discipline.workflow import CaseStatus, Step

log = get_logger(__name__)

EXAMINER_CHECK_TIMER = "discipline.examiner_check"
EXAMINER_CHECK_AFTER = timedelta(seconds=10)


async def record_absence(
    uow: SanctionsUnitOfWork, event: CloudEvent, data: AbsenceRecorded
) -> list[uuid.UUID]:
    """Store the day; open a case for each row of the table the year's count newly reaches."""
    employee = await uow.employees.employee(data.nip)
    working = uow.calendar.is_working_day(data.date)
    stored = await uow.discipline.save_absence(
        {
            "nip": data.nip,
            "day": data.date,
            "excused": data.excused,
            "working_day": working,
            "reported_at": event.time,
            "event_id": event.id,
        }
    )
    if not stored:
        log.info("absence.older_report_ignored")
        return []
    if not working:
        log.info("absence.not_a_working_day", day=data.date.isoformat())
    unit_id = employee.unit_id if employee else None
    found = await _newly_reached(uow, data.nip, unit_id, data.date.year)
    return [await open_case(uow, s, employee, event) for s in found]


async def _newly_reached(
    uow: SanctionsUnitOfWork, nip: str, unit_id: str | None, year: int
) -> list[Suspicion]:
    """Recount the ASN's year; what the new count reaches that the stored one had not."""
    repo = uow.discipline
    counter = await repo.lock_attendance_year(nip, year)  # one absence of this ASN at once
    days = await repo.unexcused_days(nip, year)
    run = consecutive_run(set(days), uow.calendar)
    await repo.set_attendance_year(nip, year, unexcused_days=len(days), longest_run=run)
    found = []
    if rule := threshold_crossed(counter.unexcused_days, len(days), uow.rules.sedang):
        found.append(
            suspicions.of_absence(
                nip, unit_id, year, rule.lowest_days, rule.jenis, rule.article, len(days)
            )
        )
    consecutive = CONSECUTIVE_ABSENCE_RULE
    if run >= consecutive.days > counter.longest_run:
        found.append(
            suspicions.of_absence(
                nip, unit_id, year, None, consecutive.jenis, consecutive.article, run
            )
        )
    return found


async def record_complaint_resolved(
    uow: SanctionsUnitOfWork, event: CloudEvent, data: ComplaintResolved
) -> uuid.UUID | None:
    employee = await uow.employees.employee(data.subject_nip) if data.subject_nip else None
    suspicion = suspicions.of_complaint(data, employee.unit_id if employee else data.unit_id)
    if suspicion is None:
        return None
    return await open_case(uow, suspicion, employee, event)


async def record_deadline_missed(
    uow: SanctionsUnitOfWork, event: CloudEvent, data: ComplaintDeadlineMissed
) -> uuid.UUID:
    employee = await uow.employees.employee(data.responsible_nip)
    suspicion = suspicions.of_missed_deadline(data, employee.unit_id if employee else data.unit_id)
    return await open_case(uow, suspicion, employee, event)


async def open_case(
    uow: SanctionsUnitOfWork, suspicion: Suspicion, employee: Any | None, cause: CloudEvent
) -> uuid.UUID:
    """Store the case (once per trigger) and announce it when its examiner is known."""
    examiner = employee.supervisor_nip if employee else None
    status = CaseStatus.OPEN if examiner else CaseStatus.AWAITING_EXAMINER
    if not await _add_case(uow, suspicion, examiner, status, cause):
        log.info("discipline.case_exists", case_id=str(suspicion.case_id))
        return suspicion.case_id
    now = cause.time.astimezone(UTC)
    await uow.discipline.add_step(
        case_id=suspicion.case_id,
        step=Step.OPEN.value,
        status=status.value,
        actor_nip=None,
        details={"cause": cause.type},
        taken_at=now,
    )
    case = await uow.discipline.case(suspicion.case_id)
    if examiner:
        await uow.emit(opened_event(case))
    else:
        await uow.timers.schedule(
            EXAMINER_CHECK_TIMER,
            str(suspicion.case_id),
            now + EXAMINER_CHECK_AFTER,
            {"case_id": str(suspicion.case_id)},
            cause=cause,
        )
    log.info(
        "discipline.case_opened",
        case_id=str(suspicion.case_id),
        status=status.value,
        origin=suspicion.origin.value,
    )
    return suspicion.case_id


async def _add_case(
    uow: SanctionsUnitOfWork,
    suspicion: Suspicion,
    examiner: str | None,
    status: CaseStatus,
    cause: CloudEvent,
) -> bool:
    """False when the trigger opened its case before (a redelivery, a replay)."""
    jenis = suspicion.required_jenis
    return await uow.discipline.add_case(
        case_id=suspicion.case_id,
        trigger_key=suspicion.trigger_key,
        nip=suspicion.nip,
        unit_id=suspicion.unit_id,
        origin=suspicion.origin.value,
        origin_event_id=cause.id,
        pelanggaran=suspicion.pelanggaran,
        legal_basis=list(suspicion.legal_basis),
        required_jenis=jenis.value if jenis else None,
        estimated_tingkat=jenis.tingkat.value if jenis else None,
        examiner_nip=examiner,
        status=status.value,
        # The cause's time and day: a replay opens the same case.
        opened_on=jakarta_date(cause.time),
        updated_at=cause.time.astimezone(UTC),
    )


async def examiner_known(
    uow: SanctionsUnitOfWork, nip: str, supervisor_nip: str | None, unit_id: str
) -> int:
    """A profile naming the ASN's direct superior releases the cases waiting for one."""
    if supervisor_nip is None:
        return 0
    waiting = await uow.discipline.awaiting_examiner(nip)
    for case in waiting:
        await release(uow, case, supervisor_nip, unit_id)
    return len(waiting)


async def release(uow: SanctionsUnitOfWork, case: Any, examiner: str, unit_id: str) -> None:
    """At the releasing event's time (a profile's), so a rebuild records the same step."""
    repo, now = uow.discipline, uow.now
    status = CaseStatus.OPEN.value
    await repo.update_case(
        case.case_id, examiner_nip=examiner, unit_id=unit_id, status=status, updated_at=now
    )
    await repo.add_step(
        case_id=case.case_id,
        step=Step.EXAMINER_KNOWN.value,
        status=status,
        actor_nip=None,
        details={"examiner_nip": examiner},
        taken_at=now,
    )
    await uow.emit(opened_event(await repo.case(case.case_id)))


async def examiner_check(uow: SanctionsUnitOfWork, case_id: uuid.UUID) -> None:
    """A profile applied while the case was being opened saw no case, and the case saw no
    profile: this later look releases it (a profile arriving later releases it itself)."""
    case = await uow.discipline.case(case_id, lock=True)
    if case is None or case.status != CaseStatus.AWAITING_EXAMINER.value:
        return
    employee = await uow.employees.employee(case.nip)
    if employee is not None and employee.supervisor_nip:
        await release(uow, case, employee.supervisor_nip, employee.unit_id)


def opened_event(case: Any) -> DisciplinaryCaseOpened:
    return DisciplinaryCaseOpened(
        case_id=str(case.case_id),
        nip=case.nip,
        legal_basis=list(case.legal_basis),
        origin=AsalKasus(case.origin),
        origin_event_id=case.origin_event_id,
        pelanggaran=case.pelanggaran,
        estimated_tingkat=case.estimated_tingkat,
        examiner_nip=case.examiner_nip,
        opened_on=case.opened_on,
    )
