"""Use cases of citizens' satisfaction: SKM questionnaires into a unit's IKM, and citizens'
ratings and complaints about an officer into the evidence the assessment service attaches to
Berorientasi Pelayanan. No respondent, rater or complainant identity is logged or published."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import CitizenRatingSubmitted, SurveyResponseSubmitted
from asn_shared.catalog.feedback_events import (
    CitizenFeedbackSummarized,
    PenyelesaianPengaduan,
    ServiceSatisfactionMeasured,
)
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger

from . import skm
from .domain import local_date
from .periods import Frequency, bounds, periods_of
from .satisfaction_repository import SatisfactionRepository

log = get_logger(__name__)
Emit = Callable[[EventData], Awaitable[CloudEvent]]
MEASUREMENT_COLUMNS = {
    "unit_id",
    "period",
    "service_name",
    "respondents",
    "required_sample",
    "ikm",
    "nik",
    "mutu",
}
SUBSTANTIATED = PenyelesaianPengaduan.TERBUKTI.value  # the decision on a proven complaint


async def record_survey_response(
    repo: SatisfactionRepository, event: CloudEvent, data: SurveyResponseSubmitted
) -> None:
    complete = skm.is_complete(data.answers)
    await repo.add_survey_response(
        source=event.source,
        event_id=event.id,
        unit_id=data.unit_id,
        service_name=data.service_name,
        period=data.period,
        answers={k.value: v for k, v in data.answers.items()},
        complete=complete,
        received_at=datetime.now(UTC),
    )
    if not complete:  # kept, and said, but outside the index (all nine elements are needed)
        log.warning("skm.incomplete_questionnaire", unit_id=data.unit_id, period=data.period)


async def measure_unit(
    repo: SatisfactionRepository,
    emit: Emit,
    *,
    unit_id: str,
    unit_name: str,
    period: str,
    service_name: str | None,
    population: int | None,
) -> dict[str, Any]:
    """Compute the IKM from the period's complete questionnaires and publish it."""
    answers, incomplete = await repo.questionnaires(unit_id, period, service_name)
    # skm.NoCompleteQuestionnaire when none is complete: the API answers 409
    result = skm.measure(answers, population)
    measured = ServiceSatisfactionMeasured(
        unit_id=unit_id,
        unit_name=unit_name,
        service_name=service_name,
        period=period,
        sample_sufficient=result.sample_sufficient,
        measured_at=datetime.now(UTC),
        **asdict(result),
    )
    event = await emit(measured)
    await repo.add_measurement(
        **measured.model_dump(include=MEASUREMENT_COLUMNS, mode="json"),
        measured_at=measured.measured_at,
        event_id=event.id,
    )
    log.info("skm.measured", unit_id=unit_id, period=period, mutu=result.mutu.value)
    return {
        **asdict(result),
        "sample_sufficient": result.sample_sufficient,
        "incomplete_questionnaires": incomplete,
        "event_id": event.id,
    }


async def record_citizen_rating(
    repo: SatisfactionRepository,
    emit: Emit,
    event: CloudEvent,
    data: CitizenRatingSubmitted,
    frequency: Frequency,
) -> None:
    served_on = local_date(data.served_at)
    await repo.add_citizen_rating(
        source=event.source,
        event_id=event.id,
        nip=data.nip,
        unit_id=data.unit_id,
        score=data.score,
        comment=data.comment,
        served_on=served_on,
        received_at=datetime.now(UTC),
    )
    await summarize_day(repo, emit, data.nip, data.unit_id, served_on, frequency)


async def summarize_day(
    repo: SatisfactionRepository,
    emit: Emit,
    nip: str,
    unit_id: str,
    day: date,
    frequency: Frequency,
) -> None:
    """Refresh the officer's summaries for the year and the periodic period containing `day`."""
    for period in periods_of(day, frequency):
        await summarize(repo, emit, nip, unit_id, period)


async def summarize(
    repo: SatisfactionRepository, emit: Emit, nip: str, unit_id: str, period: str
) -> CloudEvent:
    """CitizenFeedbackSummarized for (nip, period): counts only, newest wins downstream.

    Counted under the officer's lock, after this transaction's own change, so that of concurrent
    summaries the last to commit (the newest) has seen every rating and complaint.
    """
    await repo.lock_officer(nip)
    start, end = bounds(period)
    ratings_count, average = await repo.rating_stats(nip, start, end)
    about = await repo.complaints_about(nip, start, end)
    return await emit(
        CitizenFeedbackSummarized(
            nip=nip,
            unit_id=unit_id,
            period=period,
            ratings_count=ratings_count,
            average_score=round(average, 2) if average is not None else None,
            complaints_received=len(about),
            complaints_substantiated=sum(1 for c in about if c.decision == SUBSTANTIATED),
            summarized_at=datetime.now(UTC),
        )
    )
