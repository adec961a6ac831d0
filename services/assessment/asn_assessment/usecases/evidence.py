"""Evidence from other systems and from the supervisor. It informs; it never rates."""

from __future__ import annotations

from asn_shared.catalog.agency_events import EmployeeProfileUpdated, IndicatorMeasured
from asn_shared.catalog.assessment_acts import PerformanceFeedbackGiven
from asn_shared.catalog.feedback_events import CitizenFeedbackSummarized
from asn_shared.catalog.vocabulary import BerAKHLAK
from asn_shared.envelope import CloudEvent
from asn_shared.identity.caller import Caller
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import Cycle
from ..domain.periods import EvaluationPeriod
from ..domain.permissions import may_give_feedback
from ..errors import Invalid, NotFound
from .access import as_person, require

log = get_logger(__name__)
CONTINUOUS_FEEDBACK = ["PermenPANRB 6/2022 Pasal 5"]  # umpan balik berkelanjutan (regulation 1.7)


async def record_profile(cycle: Cycle, event: CloudEvent, data: EmployeeProfileUpdated) -> None:
    values = {
        "nip": data.nip,
        "name": data.name,
        "unit_id": data.unit_id,
        "unit_name": data.unit_name,
        "position_type": data.position_type.value,
        "supervisor_nip": data.supervisor_nip,
    }
    if not await cycle.evidence.save_employee(values, event.time):
        log.info("profile.older_than_stored_ignored")


async def record_measurement(cycle: Cycle, event: CloudEvent, data: IndicatorMeasured) -> None:
    """Kept in every case; used as realisation only when it matches an IKI of the ASN's SKP."""
    reason = await _mismatch(cycle, data)
    if reason:
        log.warning("indicator.unmatched", indicator_id=data.indicator_id, reason=reason)
    await cycle.evidence.add_measurement(
        source=event.source,
        event_id=event.id,
        nip=data.nip,
        period=data.period,
        indicator_id=data.indicator_id,
        value=data.value,
        unit_of_measure=data.unit_of_measure,
        measured_at=data.measured_at,
        evidence_uri=data.evidence_uri,
        unmatched_reason=reason,
    )


async def _mismatch(cycle: Cycle, data: IndicatorMeasured) -> str | None:
    iki = await cycle.plans.indicator(data.indicator_id)
    if iki is None:
        return "no SKP has this indicator"
    if iki.nip != data.nip:
        return "the indicator belongs to another ASN's SKP"
    if iki.period != str(EvaluationPeriod.parse(data.period).year):
        return f"the indicator belongs to the SKP of {iki.period}"
    if iki.unit_of_measure.casefold() != data.unit_of_measure.strip().casefold():
        return f"unit of measure {data.unit_of_measure!r} is not the IKI's {iki.unit_of_measure!r}"
    if data.value < 0:
        return "a realisation cannot be negative"
    return None


async def record_citizen_feedback(cycle: Cycle, data: CitizenFeedbackSummarized) -> None:
    """Evidence for Berorientasi Pelayanan; the newest summary of (nip, period) is kept."""
    values = data.model_dump(
        include={
            "nip",
            "unit_id",
            "period",
            "ratings_count",
            "average_score",
            "complaints_received",
            "complaints_substantiated",
            "summarized_at",
        }
    )
    if not await cycle.evidence.save_citizen_feedback(values):
        log.info("citizen_feedback.older_than_stored_ignored")


async def add_feedback_note(
    cycle: Cycle,
    caller: Caller,
    nip: str,
    period: str,
    text: str,
    rhk_id: str | None = None,
    nilai: BerAKHLAK | None = None,
) -> int:
    """Umpan balik berkelanjutan: from the ASN's evaluator, per RHK or per BerAKHLAK value.
    Recorded as PerformanceFeedbackGiven, then applied (apply_feedback_given)."""
    person = as_person(await cycle.evidence.employee(nip))
    if person is None:
        raise NotFound(f"no profile for ASN {nip}: EmployeeProfileUpdated has not arrived")
    require(may_give_feedback(caller, person))
    if rhk_id is not None and not await cycle.plans.rhk_exists(rhk_id):
        raise Invalid("no such RHK", field="rhk_id")
    given = PerformanceFeedbackGiven(
        nip=nip,
        period=period,
        rhk_id=rhk_id,
        nilai=nilai,
        text=text,
        actor_nip=caller.nip,
        legal_basis=CONTINUOUS_FEEDBACK,
    )
    acting, _ = await cycle.record_act(given)
    return await apply_feedback_given(acting, given)


async def apply_feedback_given(cycle: Cycle, act: PerformanceFeedbackGiven) -> int:
    """The note as the act gives it, at the act's time; its id (a serial) is returned."""
    return await cycle.evidence.add_feedback_note(
        nip=act.nip,
        period=act.period,
        author_nip=act.actor_nip,
        rhk_id=act.rhk_id,
        nilai=act.nilai.value if act.nilai else None,
        text=act.text,
        created_at=cycle.now(),
    )
