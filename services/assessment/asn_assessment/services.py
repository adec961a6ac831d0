"""Use cases of the assessment service: load, call the domain, collect events."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import AssessmentSubmitted
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.vocabulary import AssessorRole
from asn_shared.envelope import CloudEvent

from . import domain
from .repository import AssessmentRepository

Emit = Callable[[EventData], Awaitable[CloudEvent]]


async def record_assessment(
    repo: AssessmentRepository, event: CloudEvent, data: AssessmentSubmitted, emit: Emit
) -> PerformanceRated | None:
    """Store an assessment; the supervisor's is the official rating and yields PerformanceRated.

    A later supervisor assessment for the same ASN and period supersedes the earlier rating, and
    the new PerformanceRated names the one it replaces.
    """
    assessment_id = await repo.add_assessment(
        source=event.source,
        event_id=event.id,
        nip=data.nip,
        period=data.period,
        assessor_nip=data.assessor_nip,
        assessor_role=data.assessor_role.value,
        rating_hasil_kerja=data.rating_hasil_kerja.value if data.rating_hasil_kerja else None,
        rating_perilaku_kerja=data.rating_perilaku_kerja.value if data.rating_perilaku_kerja else None,
        perilaku={k.value: v for k, v in (data.perilaku or {}).items()} or None,
        notes=data.notes,
        submitted_at=event.time,
    )
    if data.assessor_role is not AssessorRole.SUPERVISOR:
        return None
    assert data.rating_hasil_kerja and data.rating_perilaku_kerja  # the contract model enforces it
    previous = await repo.current_rating(data.nip, data.period)
    rated = PerformanceRated(
        nip=data.nip,
        period=data.period,
        rating_hasil_kerja=data.rating_hasil_kerja,
        rating_perilaku_kerja=data.rating_perilaku_kerja,
        predikat=domain.predikat(data.rating_hasil_kerja, data.rating_perilaku_kerja),
        assessor_nip=data.assessor_nip,
        rated_at=datetime.now(UTC),
        supersedes=previous.rated_event_id if previous else None,
    )
    published = await emit(rated)
    if previous:
        await repo.supersede(previous.id, published.id)
    await repo.add_rating(
        nip=rated.nip,
        period=rated.period,
        rating_hasil_kerja=rated.rating_hasil_kerja.value,
        rating_perilaku_kerja=rated.rating_perilaku_kerja.value,
        predikat=rated.predikat.value,
        assessor_nip=data.assessor_nip,
        assessment_id=assessment_id,
        rated_event_id=published.id,
        rated_at=rated.rated_at,
    )
    return rated
