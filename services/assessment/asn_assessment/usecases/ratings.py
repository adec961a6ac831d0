"""Assessments in, official ratings out: record, propose, publish, supersede."""

from __future__ import annotations

from asn_shared.catalog.agency_events import AssessmentSubmitted
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.vocabulary import AssessorRole, Predikat, RatingLevel
from asn_shared.envelope import CloudEvent
from asn_shared.identity.caller import Caller
from asn_shared.logging import get_logger

from .. import domain
from ..adapters.records import Rating
from ..adapters.unit_of_work import Cycle
from ..domain.history import consecutive_years
from ..domain.periods import EvaluationPeriod
from ..domain.permissions import may_assess
from ..domain.statuses import PENDING, PUBLISHED
from ..settings import Publication
from .access import person, require
from .documents import open_document
from .proposals import propose
from .unit_head import align_head_rating

log = get_logger(__name__)


async def submit_assessment(cycle: Cycle, caller: Caller, data: AssessmentSubmitted) -> CloudEvent:
    """The HTTP door: the caller assesses in a role the directory says they hold toward the ASN.

    Published as AssessmentSubmitted (its `assessor_nip` is the caller) and applied by this
    service's consumer like an agency's (record_assessment).
    """
    assessor = await person(cycle, caller.nip)
    asn = await person(cycle, data.nip)
    require(may_assess(caller, data.assessor_role, data.nip, asn, assessor))
    return await cycle.emit(data)


async def record_assessment(cycle: Cycle, event: CloudEvent, data: AssessmentSubmitted) -> None:
    """Store any assessment; the supervisor's is the official rating of (nip, period).

    It waits for the period close (or is published at once, per rating_publication). Once a
    rating of the period is published, only an objection changes it (PP 30/2019 Pasal 59) in
    period-close mode; in submission mode a later supervisor assessment supersedes it.
    """
    assessment_id = await _store_assessment(cycle, event, data)
    if data.assessor_role is not AssessorRole.SUPERVISOR:
        return
    by_submission = cycle.settings.rating_publication is Publication.SUBMISSION
    current = await cycle.ratings.current_rating(data.nip, data.period)
    if current is not None and current.status == PUBLISHED and not by_submission:
        log.warning("assessment.rating_already_published", period=data.period)
        return
    person = await cycle.evidence.employee(data.nip)
    unit_id = person.unit_id if person else None
    values = await _rating_values(cycle, data, assessment_id, unit_id)
    if values["differs_from_proposal"]:
        log.info("assessment.differs_from_proposal", period=data.period)
    if current is not None and current.status == PENDING:
        await cycle.ratings.update_rating(current.id, **values)
        rating_id = current.id
    else:
        rating_id = await cycle.ratings.add_rating(**values, status=PENDING)
    await align_head_rating(cycle, unit_id, data.period)
    if by_submission:
        await publish_rating(cycle, await stored_rating(cycle, rating_id), supersedes=current)


async def _store_assessment(cycle: Cycle, event: CloudEvent, data: AssessmentSubmitted) -> int:
    return await cycle.ratings.add_assessment(
        source=event.source,
        event_id=event.id,
        nip=data.nip,
        period=data.period,
        assessor_nip=data.assessor_nip,
        assessor_role=data.assessor_role.value,
        rating_hasil_kerja=_value(data.rating_hasil_kerja),
        rating_perilaku_kerja=_value(data.rating_perilaku_kerja),
        perilaku={k.value: v for k, v in (data.perilaku or {}).items()} or None,
        notes=data.notes,
        submitted_at=event.time,
    )


async def _rating_values(
    cycle: Cycle, data: AssessmentSubmitted, assessment_id: int, unit_id: str | None
) -> dict[str, object]:
    """The supervisor's rating as stored, beside what the evidence proposed."""
    assert data.rating_hasil_kerja and data.rating_perilaku_kerja  # the contract model enforces it
    suggested = await propose(cycle, data.nip, data.period, _scores(data))
    return {
        "nip": data.nip,
        "period": data.period,
        "rating_hasil_kerja": data.rating_hasil_kerja.value,
        "rating_perilaku_kerja": data.rating_perilaku_kerja.value,
        "predikat": domain.predikat(data.rating_hasil_kerja, data.rating_perilaku_kerja).value,
        "assessor_nip": data.assessor_nip,
        "assessment_id": assessment_id,
        "rated_at": cycle.now(),
        "unit_id": unit_id,
        "proposed_hasil_kerja": _value(suggested.hasil_kerja),
        "proposed_perilaku_kerja": _value(suggested.perilaku_kerja),
        "differs_from_proposal": _differs(data, suggested.hasil_kerja, suggested.perilaku_kerja),
    }


async def stored_rating(cycle: Cycle, rating_id: int) -> Rating:
    """A rating this transaction wrote or an objection points at (a foreign key): it exists."""
    rating = await cycle.ratings.rating(rating_id)
    assert rating is not None, f"rating {rating_id} is not stored"
    return rating


async def publish_rating(
    cycle: Cycle, rating: Rating, supersedes: Rating | None = None
) -> CloudEvent:
    """PerformanceRated for a stored rating; an earlier published one is superseded by it."""
    previous_event = supersedes.rated_event_id if supersedes is not None else None
    streak = None
    if EvaluationPeriod.parse(rating.period).is_annual:
        annual = {
            y: Predikat(p) for y, p in (await cycle.ratings.published_annual(rating.nip)).items()
        }
        annual[int(rating.period)] = Predikat(rating.predikat)
        streak = consecutive_years(annual, int(rating.period))
    published = await cycle.emit(
        PerformanceRated(
            nip=rating.nip,
            period=rating.period,
            rating_hasil_kerja=RatingLevel(rating.rating_hasil_kerja),
            rating_perilaku_kerja=RatingLevel(rating.rating_perilaku_kerja),
            predikat=Predikat(rating.predikat),
            assessor_nip=rating.assessor_nip,
            rated_at=cycle.now(),
            supersedes=previous_event,
            consecutive_years=streak,
        )
    )
    if supersedes is not None and supersedes.id != rating.id and supersedes.status == PUBLISHED:
        await cycle.ratings.supersede(supersedes.id, published.id)
    await cycle.ratings.update_rating(
        rating.id,
        status=PUBLISHED,
        rated_event_id=published.id,
        published_at=cycle.now(),
        consecutive_years=streak,
    )
    await open_document(cycle, rating)
    return published


def _scores(data: AssessmentSubmitted) -> dict[str, int] | None:
    return {k.value: v for k, v in data.perilaku.items()} if data.perilaku else None


def _value(level: RatingLevel | None) -> str | None:
    return level.value if level else None


def _differs(
    data: AssessmentSubmitted, hasil: RatingLevel | None, perilaku: RatingLevel | None
) -> bool | None:
    """None when there was no evidence to propose from; else whether the evaluator departed."""
    if hasil is None and perilaku is None:
        return None
    return (hasil is not None and hasil != data.rating_hasil_kerja) or (
        perilaku is not None and perilaku != data.rating_perilaku_kerja
    )
