"""Use cases of citizens' satisfaction: SKM questionnaires into a unit's IKM, and citizens'
ratings and complaints about an officer into the evidence the assessment service attaches to
Berorientasi Pelayanan. No respondent, rater or complainant identity is logged or published.

Measuring a unit's SKM is an official's act on the log (docs/events-beyond-v1.md): `measure_unit`
records SkmMeasurementTaken, with the result computed then, and `apply_measurement` (which its
handler also runs in a rebuild) keeps it and publishes ServiceSatisfactionMeasured."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from asn_shared.catalog.agency_events import CitizenRatingSubmitted, SurveyResponseSubmitted
from asn_shared.catalog.feedback_acts import SkmMeasurementTaken
from asn_shared.catalog.feedback_events import (
    CitizenFeedbackSummarized,
    PenyelesaianPengaduan,
    ServiceSatisfactionMeasured,
)
from asn_shared.envelope import CloudEvent
from asn_shared.identity.caller import Caller
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import FeedbackUnitOfWork
from ..domain import skm
from ..domain.acts import SKM_BASIS
from ..domain.complaints import local_date
from ..domain.periods import bounds, periods_of
from ..domain.permissions import measuring_skm
from ..errors import Conflict, NotPermitted

log = get_logger(__name__)
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
    uow: FeedbackUnitOfWork, event: CloudEvent, data: SurveyResponseSubmitted
) -> None:
    complete = skm.is_complete(data.answers)
    await uow.satisfaction.add_survey_response(
        source=event.source,
        event_id=event.id,
        unit_id=data.unit_id,
        service_name=data.service_name,
        period=data.period,
        answers={k.value: v for k, v in data.answers.items()},
        complete=complete,
        received_at=uow.now(),
    )
    if not complete:  # kept, and said, but outside the index (all nine elements are needed)
        log.warning("skm.incomplete_questionnaire", unit_id=data.unit_id, period=data.period)


async def measure_unit(
    uow: FeedbackUnitOfWork,
    *,
    caller: Caller,
    unit_id: str,
    unit_name: str | None,
    period: str,
    service_name: str | None,
    population: int | None,
) -> dict[str, Any]:
    """Compute the IKM from the period's complete questionnaires, record the act and publish
    the result; Conflict while none is complete. The unit's head or a unit administrator
    measures (domain/permissions.py). `unit_name`: the unit's id when none (or a blank) is
    given."""
    refusal = measuring_skm(caller, await uow.handling.officials(unit_id))
    if refusal is not None:
        raise NotPermitted(refusal)
    answers, incomplete = await uow.satisfaction.questionnaires(unit_id, period, service_name)
    try:
        result = skm.measure(answers, population)
    except skm.NoCompleteQuestionnaire as exc:
        raise Conflict(str(exc)) from None
    act_uow, act = await uow.record_act(
        SkmMeasurementTaken(
            unit_id=unit_id,
            unit_name=unit_name if unit_name and unit_name.strip() else unit_id,
            service_name=service_name,
            period=period,
            population=population,
            respondents=result.respondents,
            required_sample=result.required_sample,
            ikm=result.ikm,
            nik=result.nik,
            mutu=result.mutu,
            nrr_per_unsur=result.nrr_per_unsur,
            actor_nip=caller.nip,
            legal_basis=list(SKM_BASIS),
        )
    )
    event = await apply_measurement(act_uow, act)
    return {
        **asdict(result),
        "sample_sufficient": result.sample_sufficient,
        "incomplete_questionnaires": incomplete,
        "event_id": event.id,
    }


async def apply_measurement(uow: FeedbackUnitOfWork, act: SkmMeasurementTaken) -> CloudEvent:
    """Keep the measurement the act took and publish it as ServiceSatisfactionMeasured, measured
    at the act's time (`uow`'s clock)."""
    measured = ServiceSatisfactionMeasured(
        unit_id=act.unit_id,
        unit_name=act.unit_name,
        service_name=act.service_name,
        period=act.period,
        respondents=act.respondents,
        required_sample=act.required_sample,
        sample_sufficient=act.respondents >= act.required_sample,
        ikm=act.ikm,
        nik=act.nik,
        mutu=act.mutu,
        nrr_per_unsur=act.nrr_per_unsur,
        measured_at=uow.now(),
    )
    event = await uow.emit(measured)
    await uow.satisfaction.add_measurement(
        **measured.model_dump(include=MEASUREMENT_COLUMNS, mode="json"),
        measured_at=measured.measured_at,
        event_id=event.id,
    )
    log.info("skm.measured", unit_id=act.unit_id, period=act.period, mutu=act.mutu.value)
    return event


async def record_citizen_rating(
    uow: FeedbackUnitOfWork, event: CloudEvent, data: CitizenRatingSubmitted
) -> None:
    served_on = local_date(data.served_at)
    await uow.satisfaction.add_citizen_rating(
        source=event.source,
        event_id=event.id,
        nip=data.nip,
        unit_id=data.unit_id,
        score=data.score,
        comment=data.comment,
        served_on=served_on,
        received_at=uow.now(),
    )
    await summarize_day(uow, data.nip, data.unit_id, served_on)


async def summarize_day(uow: FeedbackUnitOfWork, nip: str, unit_id: str, day: date) -> None:
    """Refresh the officer's summaries for the year and the periodic period containing `day`
    (FEEDBACK_SUMMARY_FREQUENCY)."""
    for period in periods_of(day, uow.settings.summary_frequency):
        await summarize(uow, nip, unit_id, period)


async def summarize(uow: FeedbackUnitOfWork, nip: str, unit_id: str, period: str) -> CloudEvent:
    """CitizenFeedbackSummarized for (nip, period): counts only, newest wins downstream.

    Counted under the officer's lock, after this transaction's own change, so that of concurrent
    summaries the last to commit (the newest) has seen every rating and complaint.
    """
    repo = uow.satisfaction
    await repo.lock_officer(nip)
    start, end = bounds(period)
    ratings_count, average = await repo.rating_stats(nip, start, end)
    about = await repo.complaints_about(nip, start, end)
    return await uow.emit(
        CitizenFeedbackSummarized(
            nip=nip,
            unit_id=unit_id,
            period=period,
            ratings_count=ratings_count,
            average_score=round(average, 2) if average is not None else None,
            complaints_received=len(about),
            complaints_substantiated=sum(1 for c in about if c.decision == SUBSTANTIATED),
            summarized_at=uow.now(),
        )
    )
