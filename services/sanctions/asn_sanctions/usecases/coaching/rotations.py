"""Rotation recommendations: recorded once, published as RotationRecommended when the contract
allows (an ASN named, their jabatan known).

Ids derive from what caused them (a case's re-test, its placement, a unit's SKM period), so a
redelivered cause or a rebuild by replay gives the id already published.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from asn_shared.catalog.sanctions_events import JenisMutasi, RotationRecommended
from asn_shared.logging import get_logger

from ..discipline.context import Emit
from .repository import CoachingRepository

log = get_logger(__name__)

_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "/asn-kinerja/sanctions/rotations")


def rotation_id(cause: str) -> uuid.UUID:
    return uuid.uuid5(_ID_NAMESPACE, cause)


@dataclass(frozen=True)
class Rotation:
    reason: str  # RETEST, POST_FOUND or UNIT_SERVICE_DECLINE
    cause: str  # what makes it unique: the case and step, or the unit's SKM period
    nip: str | None
    period: str
    jenis_mutasi: JenisMutasi
    current_position: str | None
    recommended_on: date
    legal_basis: tuple[str, ...]
    case_id: uuid.UUID | None = None
    unit_id: str | None = None
    uji_kompetensi_on: date | None = None
    placement_until: date | None = None
    details: dict = field(default_factory=dict)

    @property
    def recommendation_id(self) -> uuid.UUID:
        return rotation_id(self.cause)


async def recommend(
    repo: CoachingRepository, rotation: Rotation, emit: Emit, now: datetime
) -> RotationRecommended | None:
    """Record the recommendation; publish it unless it was recorded before or names nobody."""
    added = await repo.add_rotation(
        recommendation_id=rotation.recommendation_id,
        reason=rotation.reason,
        nip=rotation.nip,
        period=rotation.period,
        case_id=rotation.case_id,
        unit_id=rotation.unit_id,
        jenis_mutasi=rotation.jenis_mutasi.value,
        current_position=rotation.current_position,
        uji_kompetensi_on=rotation.uji_kompetensi_on,
        placement_until=rotation.placement_until,
        recommended_on=rotation.recommended_on,
        legal_basis=list(rotation.legal_basis),
        details=rotation.details,
        created_at=now,
    )
    ids = {"recommendation_id": str(rotation.recommendation_id), "reason": rotation.reason}
    if not added:
        log.info("rotation.already_recommended", **ids)
        return None
    if rotation.nip is None or rotation.current_position is None:
        log.warning("rotation.recorded_unpublished", unit_id=rotation.unit_id, **ids)
        return None
    data = RotationRecommended(
        recommendation_id=str(rotation.recommendation_id),
        nip=rotation.nip,
        period=rotation.period,
        case_id=str(rotation.case_id) if rotation.case_id else None,
        jenis_mutasi=rotation.jenis_mutasi,
        current_position=rotation.current_position,
        uji_kompetensi_on=rotation.uji_kompetensi_on,
        placement_until=rotation.placement_until,
        recommended_on=rotation.recommended_on,
        legal_basis=list(rotation.legal_basis),
    )
    await emit(data)
    log.info("rotation.recommended", jenis_mutasi=rotation.jenis_mutasi.value, **ids)
    return data
