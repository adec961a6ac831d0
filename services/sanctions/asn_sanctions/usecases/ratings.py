"""A profile or a rating received: keep it, and bring the rating's follow-ups in line.

Logs carry the NIP (bound by the consumer as the event's subject), periods and case ids; never
a name, e-mail or phone (this service does not even store them) and never the predikat.
"""

from __future__ import annotations

from datetime import UTC

from asn_shared.catalog.agency_events import EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.vocabulary import PositionType
from asn_shared.envelope import CloudEvent, InvalidMessage
from asn_shared.logging import get_logger
from asn_shared.persistence.timestamps import as_utc

from ..adapters.tables import EVENT_ID_MAX
from ..adapters.unit_of_work import SanctionsUnitOfWork
from ..domain.dates import as_aware
from ..domain.follow_up import Decision, RatingApplied, follow_up
from . import followups
from .coaching import window

log = get_logger(__name__)


async def record_profile(
    uow: SanctionsUnitOfWork, event: CloudEvent, data: EmployeeProfileUpdated
) -> bool:
    """Keep the newest profile of an ASN; False when an older one arrives after a newer one.

    Profiles carry no version, so the CloudEvents `time` orders them; of two with the same time
    the later-arriving one wins.
    """
    values = {
        "unit_id": data.unit_id,
        "position_type": data.position_type.value,
        "position": data.position,
        "supervisor_nip": data.supervisor_nip,
        "profile_time": event.time.astimezone(UTC),
        "profile_event_id": event.id,
    }
    if not await uow.employees.save_employee(data.nip, **values):
        log.info("employee.older_profile_ignored")
        return False
    log.info("employee.profile_recorded", position_type=data.position_type.value)
    return True


async def apply_rating(
    uow: SanctionsUnitOfWork, event: CloudEvent, data: PerformanceRated
) -> Decision | None:
    """Bring the follow-ups of (nip, period) in line with its newest rating, after letting it
    judge the ASN's coaching windows of other periods that ended waiting for a rating.

    Returns the decision applied, or None when this rating is no longer the newest: a rating that
    arrives after one superseding it must not reopen what the newer one settled.
    """
    if data.supersedes is not None and len(data.supersedes) > EVENT_ID_MAX:
        # Refused, not retried: PostgreSQL would reject the insert on every delivery.
        raise InvalidMessage(f"PerformanceRated.supersedes longer than {EVENT_ID_MAX} characters")
    repo = uow.follow_ups
    # A superseding rating waits for its original, and a rating of another period for the one
    # that may be opening the ASN's coaching case: coaching is per ASN (one running case).
    await repo.lock_employee(data.nip)
    if await repo.rating(event.id) is not None:
        # The inbox keys on (source, id); the same rating re-sent from another source is a no-op.
        log.info("rating.already_received")
        return None
    stale = await _is_stale(uow, event.id, data)
    await repo.add_rating(
        rated_event_id=event.id,
        nip=data.nip,
        period=data.period,
        predikat=data.predikat.value,
        supersedes=data.supersedes,
        rated_at=as_aware(data.rated_at).astimezone(UTC),
        applied=not stale,
        received_at=uow.now,
    )
    if stale:
        log.info("rating.stale_ignored", period=data.period)
        return None
    rating = RatingApplied.of(event.id, data)
    judged = window.Judgement(rating.predikat, rating.event_id, rating.rated_on)
    await window.reevaluate(uow, data.nip, data.period, judged)
    decision = await _decide(uow, rating, data)
    await followups.reconcile(uow, rating, decision)
    return decision


async def _decide(
    uow: SanctionsUnitOfWork, rating: RatingApplied, data: PerformanceRated
) -> Decision:
    employee = await uow.employees.employee(data.nip)
    return follow_up(
        data.predikat,
        data.rating_perilaku_kerja,
        PositionType(employee.position_type) if employee else None,
        rating.rated_on,
        period=data.period,
        # Pasal 53's "2 tahun berturut-turut" is counted by the assessment service, which holds
        # the rating history; each rating (a superseding one too) carries its own count.
        consecutive_years=data.consecutive_years,
    )


async def _is_stale(uow: SanctionsUnitOfWork, event_id: str, data: PerformanceRated) -> bool:
    # Every received rating is stored, applied or not, so the chain stays transitive: R3 then R2
    # then R1 finds R2 (stale, but stored) naming R1.
    repo = uow.follow_ups
    if await repo.superseding(event_id, data.nip, data.period) is not None:
        return True
    newest = await repo.newest_applied(data.nip, data.period)
    if newest is None or newest.rated_event_id == data.supersedes:
        return False
    # A gap in the chain (a rating in between never reached us): the rating time decides.
    return as_utc(newest.rated_at) > as_aware(data.rated_at)
