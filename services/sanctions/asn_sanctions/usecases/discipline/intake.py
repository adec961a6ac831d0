"""Opening disciplinary cases from what other services and agencies report.

- AbsenceRecorded: the yearly unexcused count crossing a row of the Pasal 9-11 table, or ten
  working days in a row (Pasal 11(2)(d)(4)), opens one case per row crossed.
- ComplaintResolved TERBUKTI naming an officer: the officer's superior deals with it (UU 25/2009
  Pasal 41(2)) through the PP 94/2021 examination.
- ComplaintDeadlineMissed: the official responsible for the deadline (UU 25/2009 Pasal 54).

The direct superior summons and examines (Pasal 26-27); until a profile names one the case waits
(AWAITING_EXAMINER) and DisciplinaryCaseOpened goes out when it arrives.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from asn_shared.calendar import WorkingCalendar
from asn_shared.catalog.agency_events import AbsenceRecorded
from asn_shared.catalog.feedback_events import (
    ComplaintDeadlineMissed,
    ComplaintResolved,
    PenyelesaianPengaduan,
)
from asn_shared.catalog.sanctions_events import AsalKasus, DisciplinaryCaseOpened
from asn_shared.catalog.vocabulary import JenisHukuman
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger
from asn_shared.timers.scheduler import TimerContext
from asn_shared.timers.store import TimerStore

from ..domain import jakarta_date
from ..followups import Emit
from ..models import timers
from ..repository import SanctionsRepository
from .attendance import CONSECUTIVE_ABSENCE_RULE, consecutive_run, threshold_crossed
from .catalogue import SedangCatalogue
from .repository import DisciplineRepository
from .workflow import CaseStatus, Step

log = get_logger(__name__)

# Ids derive from the cause, so replaying the audit stream gives the ids already published.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "/asn-kinerja/sanctions/discipline")
EXAMINATION_BASIS = "PP 94/2021 Pasal 26-27"
EXAMINER_CHECK_TIMER = "discipline.examiner_check"
EXAMINER_CHECK_AFTER = timedelta(seconds=10)


@dataclass(frozen=True)
class Suspicion:
    """What a case is opened on."""

    trigger_key: str
    nip: str
    unit_id: str | None
    origin: AsalKasus
    pelanggaran: str
    legal_basis: tuple[str, ...]
    required_jenis: JenisHukuman | None = None

    @property
    def case_id(self) -> uuid.UUID:
        return uuid.uuid5(_ID_NAMESPACE, self.trigger_key)


async def record_absence(
    repo: DisciplineRepository,
    employee: Any | None,
    event: CloudEvent,
    data: AbsenceRecorded,
    emit: Emit,
    *,
    calendar: WorkingCalendar,
    sedang: SedangCatalogue,
) -> list[uuid.UUID]:
    """Store the day; open a case for each row of the table the year's count newly reaches."""
    working = calendar.is_working_day(data.date)
    stored = await repo.save_absence(
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
    year = data.date.year
    counter = await repo.lock_attendance_year(data.nip, year)  # one absence of this ASN at once
    days = await repo.unexcused_days(data.nip, year)
    run = consecutive_run(set(days), calendar)
    await repo.set_attendance_year(data.nip, year, unexcused_days=len(days), longest_run=run)
    suspicions = []
    if rule := threshold_crossed(counter.unexcused_days, len(days), sedang):
        suspicions.append(
            _absence_suspicion(
                data.nip, employee, year, rule.lowest_days, rule.jenis, rule.article, len(days)
            )
        )
    consecutive = CONSECUTIVE_ABSENCE_RULE
    if run >= consecutive.days > counter.longest_run:
        suspicions.append(
            _absence_suspicion(
                data.nip, employee, year, None, consecutive.jenis, consecutive.article, run
            )
        )
    return [await open_case(repo, s, employee, emit, event) for s in suspicions]


def _absence_suspicion(
    nip: str,
    employee: Any | None,
    year: int,
    row: int | None,
    jenis: JenisHukuman,
    article: str,
    days: int,
) -> Suspicion:
    if row is None:
        key, what = f"absence-run:{nip}:{year}", f"{days} hari kerja berturut-turut"
    else:
        key, what = f"absence:{nip}:{year}:{row}", f"{days} hari kerja secara kumulatif"
    return Suspicion(
        trigger_key=key,
        nip=nip,
        unit_id=employee.unit_id if employee else None,
        origin=AsalKasus.KEHADIRAN,
        pelanggaran=f"Tidak masuk kerja tanpa alasan yang sah {what} pada tahun {year}",
        legal_basis=("PP 94/2021 Pasal 4 huruf f", article, EXAMINATION_BASIS),
        required_jenis=jenis,
    )


async def record_complaint_resolved(
    repo: DisciplineRepository,
    employee: Any | None,
    event: CloudEvent,
    data: ComplaintResolved,
    emit: Emit,
) -> uuid.UUID | None:
    if data.outcome is not PenyelesaianPengaduan.TERBUKTI or data.subject_nip is None:
        return None
    suspicion = Suspicion(
        trigger_key=f"complaint:{data.channel}:{data.complaint_id}",
        nip=data.subject_nip,
        unit_id=employee.unit_id if employee else data.unit_id,
        origin=AsalKasus.PENGADUAN,
        pelanggaran=f"Pengaduan masyarakat terbukti ({data.category}), tanda terima "
        f"{data.receipt_number}",
        legal_basis=("UU 25/2009 Pasal 41 ayat (2)", EXAMINATION_BASIS),
    )
    return await open_case(repo, suspicion, employee, emit, event)


async def record_deadline_missed(
    repo: DisciplineRepository,
    employee: Any | None,
    event: CloudEvent,
    data: ComplaintDeadlineMissed,
    emit: Emit,
) -> uuid.UUID:
    suspicion = Suspicion(
        trigger_key=f"deadline:{data.channel}:{data.complaint_id}:{data.deadline.value}",
        nip=data.responsible_nip,
        unit_id=employee.unit_id if employee else data.unit_id,
        origin=AsalKasus.LAINNYA,
        pelanggaran=f"Tenggat penanganan pengaduan {data.deadline.value} "
        f"({data.due_date.isoformat()}) terlewati: {data.article_breached}",
        legal_basis=tuple(
            b for b in (data.article_breached, data.sanction_basis, EXAMINATION_BASIS) if b
        ),
    )
    return await open_case(repo, suspicion, employee, emit, event)


async def open_case(
    repo: DisciplineRepository,
    suspicion: Suspicion,
    employee: Any | None,
    emit: Emit,
    cause: CloudEvent,
) -> uuid.UUID:
    """Store the case (once per trigger) and announce it when its examiner is known."""
    examiner = employee.supervisor_nip if employee else None
    status = CaseStatus.OPEN if examiner else CaseStatus.AWAITING_EXAMINER
    now = cause.time.astimezone(UTC)  # the cause's time and day: a replay opens the same case
    today = jakarta_date(cause.time)
    added = await repo.add_case(
        case_id=suspicion.case_id,
        trigger_key=suspicion.trigger_key,
        nip=suspicion.nip,
        unit_id=suspicion.unit_id,
        origin=suspicion.origin.value,
        origin_event_id=cause.id,
        pelanggaran=suspicion.pelanggaran,
        legal_basis=list(suspicion.legal_basis),
        required_jenis=suspicion.required_jenis.value if suspicion.required_jenis else None,
        estimated_tingkat=(
            suspicion.required_jenis.tingkat.value if suspicion.required_jenis else None
        ),
        examiner_nip=examiner,
        status=status.value,
        opened_on=today,
        updated_at=now,
    )
    if not added:
        log.info("discipline.case_exists", case_id=str(suspicion.case_id))
        return suspicion.case_id
    await repo.add_step(
        case_id=suspicion.case_id,
        step=Step.OPEN.value,
        status=status.value,
        actor_nip=None,
        details={"cause": cause.type},
        taken_at=now,
    )
    case = await repo.case(suspicion.case_id)
    if examiner:
        await emit(opened_event(case))
    else:
        await TimerStore(repo.session, timers).schedule(
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


async def examiner_known(
    repo: DisciplineRepository,
    nip: str,
    supervisor_nip: str | None,
    unit_id: str,
    emit: Emit,
    at: datetime | None = None,
) -> int:
    """A profile naming the ASN's direct superior releases the cases waiting for one."""
    if supervisor_nip is None:
        return 0
    waiting = await repo.awaiting_examiner(nip)
    for case in waiting:
        await release(repo, case, supervisor_nip, unit_id, emit, at)
    return len(waiting)


async def release(
    repo: DisciplineRepository,
    case: Any,
    examiner: str,
    unit_id: str,
    emit: Emit,
    at: datetime | None = None,
) -> None:
    """`at`: the releasing event's time (a profile's), so a rebuild records the same step."""
    now = (at or datetime.now(UTC)).astimezone(UTC)
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
    await emit(opened_event(await repo.case(case.case_id)))


async def examiner_check(ctx: TimerContext) -> None:
    """A profile applied while the case was being opened saw no case, and the case saw no
    profile: this later look releases it (a profile arriving later releases it itself)."""
    repo = DisciplineRepository(ctx.session)
    case = await repo.case(uuid.UUID(ctx.timer.payload["case_id"]), lock=True)
    if case is None or case.status != CaseStatus.AWAITING_EXAMINER.value:
        return
    employee = await SanctionsRepository(ctx.session).employee(case.nip)
    if employee is not None and employee.supervisor_nip:
        await release(repo, case, employee.supervisor_nip, employee.unit_id, ctx.emit, ctx.now)


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
