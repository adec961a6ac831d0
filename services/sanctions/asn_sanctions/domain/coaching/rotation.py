"""A rotation recommendation as a value: after a failed re-test, a post found during a temporary
placement (PP 30/2019 Pasal 57-58), or a unit head's service declining (seed 000).

Ids derive from what caused them (a case's re-test, its placement, a unit's SKM period), so a
redelivered cause or a rebuild by replay gives the id already published.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from asn_shared.catalog.sanctions_events import JenisMutasi

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
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def recommendation_id(self) -> uuid.UUID:
        return rotation_id(self.cause)
