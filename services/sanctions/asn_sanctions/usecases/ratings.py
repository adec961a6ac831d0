"""Use cases of the sanctions service: load, call the domain, collect events.

Logs carry the NIP (bound by the consumer as the event's subject), periods and case ids; never
a name, e-mail or phone (this service does not even store them) and never the predikat.
"""

from __future__ import annotations

from datetime import UTC, datetime

from asn_shared.catalog.agency_events import EmployeeProfileUpdated
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.vocabulary import PositionType
from asn_shared.envelope import CloudEvent, InvalidMessage
from asn_shared.logging import get_logger
from asn_shared.persistence.timestamps import as_utc
from asn_shared.timers.store import TimerStore

from . import domain, followups
from .coaching import window
from .followups import Effects, Emit, RatingApplied
from .models import EVENT_ID_MAX
from .repository import SanctionsRepository

log = get_logger(__name__)


async def record_profile(
    repo: SanctionsRepository, event: CloudEvent, data: EmployeeProfileUpdated
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
    if not await repo.save_employee(data.nip, **values):
        log.info("employee.older_profile_ignored")
        return False
    log.info("employee.profile_recorded", position_type=data.position_type.value)
    return True


async def apply_rating(
    repo: SanctionsRepository,
    event: CloudEvent,
    data: PerformanceRated,
    emit: Emit,
    timers: TimerStore,
    now: datetime | None = None,
) -> domain.Decision | None:
    """Bring the follow-ups of (nip, period) in line with its newest rating, after letting it
    judge the ASN's coaching windows of other periods that ended waiting for a rating.

    Returns the decision applied, or None when this rating is no longer the newest: a rating that
    arrives after one superseding it must not reopen what the newer one settled.
    """
    now = now or datetime.now(UTC)
    if data.supersedes is not None and len(data.supersedes) > EVENT_ID_MAX:
        # Refused, not retried: PostgreSQL would reject the insert on every delivery.
        raise InvalidMessage(f"PerformanceRated.supersedes longer than {EVENT_ID_MAX} characters")
    await repo.lock_period(data.nip, data.period)  # a superseding rating waits for its original
    if await repo.rating(event.id) is not None:
        # The inbox keys on (source, id); the same rating re-sent from another source is a no-op.
        log.info("rating.already_received")
        return None
    stale = await _is_stale(repo, event.id, data)
    await repo.add_rating(
        rated_event_id=event.id,
        nip=data.nip,
        period=data.period,
        predikat=data.predikat.value,
        supersedes=data.supersedes,
        rated_at=domain.as_aware(data.rated_at).astimezone(UTC),
        applied=not stale,
        received_at=now,
    )
    if stale:
        log.info("rating.stale_ignored", period=data.period)
        return None
    rating = RatingApplied.of(event.id, data)
    judged = window.Judgement(rating.predikat, rating.event_id, rating.rated_on)
    await window.reevaluate(repo.session, data.nip, data.period, judged, emit, now)
    decision = await _decide(repo, rating, data)
    await followups.reconcile(repo, rating, decision, Effects(emit, timers, event, now))
    return decision


async def _decide(
    repo: SanctionsRepository, rating: RatingApplied, data: PerformanceRated
) -> domain.Decision:
    return domain.follow_up(
        data.predikat,
        data.rating_perilaku_kerja,
        await _position_type(repo, data.nip),
        rating.rated_on,
        period=data.period,
        # Pasal 53's "2 tahun berturut-turut" is counted by the assessment service, which holds
        # the rating history; each rating (a superseding one too) carries its own count.
        consecutive_years=data.consecutive_years,
    )


async def _is_stale(repo: SanctionsRepository, event_id: str, data: PerformanceRated) -> bool:
    # Every received rating is stored, applied or not, so the chain stays transitive: R3 then R2
    # then R1 finds R2 (stale, but stored) naming R1.
    if await repo.superseding(event_id, data.nip, data.period) is not None:
        return True
    newest = await repo.newest_applied(data.nip, data.period)
    if newest is None or newest.rated_event_id == data.supersedes:
        return False
    # A gap in the chain (a rating in between never reached us): the rating time decides.
    return as_utc(newest.rated_at) > domain.as_aware(data.rated_at)


async def _position_type(repo: SanctionsRepository, nip: str) -> PositionType | None:
    employee = await repo.employee(nip)
    return PositionType(employee.position_type) if employee else None
