"""Rotation recommendations: recorded once, published as RotationRecommended when the contract
allows (an ASN named, their jabatan known). The value and its id are domain/coaching/rotation.py.
"""

from __future__ import annotations

from asn_shared.catalog.sanctions_events import RotationRecommended
from asn_shared.logging import get_logger

from ...adapters.unit_of_work import SanctionsUnitOfWork
from ...domain.coaching.rotation import Rotation

log = get_logger(__name__)


async def recommend(uow: SanctionsUnitOfWork, rotation: Rotation) -> RotationRecommended | None:
    """Record the recommendation; publish it unless it was recorded before or names nobody."""
    added = await uow.coaching.add_rotation(
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
        created_at=uow.now,
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
    await uow.emit(data)
    log.info("rotation.recommended", jenis_mutasi=rotation.jenis_mutasi.value, **ids)
    return data
