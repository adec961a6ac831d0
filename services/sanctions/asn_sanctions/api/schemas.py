"""What the officials send: the request bodies of the discipline and coaching steps.

The actor is the bearer token, never the body: the fields naming who acts (`summoned_by_nip`,
`recorded_by_nip`, `imposed_by_nip`, `decided_by_nip`) may be left out (the caller) and are
refused with 403 when they name someone else. A decision's `imposed_by_level`,
`asn_jabatan_level` and `line` stay declared, checked against the directory (README, "Who may
call each route").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from asn_shared.catalog.sanctions_events import JenisMutasi, ModePemeriksaan
from asn_shared.catalog.vocabulary import JenisHukuman, KeputusanUpayaAdministratif, Nip

from ..domain.discipline.authority import JabatanLevel, PejabatLevel


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _actor(role: str) -> Any:
    return Field(
        default=None,
        description=f"{role}: the caller (the bearer token's NIP); optional, 403 if another.",
    )


# -- discipline ----------------------------------------------------------------------------------


class SummonsBody(_Body):
    summoned_by_nip: Nip | None = _actor("The direct superior who summons")
    summoned_on: date
    scheduled_at: datetime = Field(description="With a UTC offset, e.g. 2026-03-10T09:00+07:00.")
    mode: ModePemeriksaan
    examiner_nips: list[Nip] = Field(min_length=1)
    tim_pemeriksa: bool = False
    location: str | None = None


class HearingBody(_Body):
    recorded_by_nip: Nip | None = _actor("The examining superior")
    attended: bool
    held_on: date
    bap_number: str | None = Field(default=None, description="Berita Acara Pemeriksaan.")


class DecisionBody(_Body):
    decision_number: str = Field(min_length=1)
    jenis: JenisHukuman
    decided_on: date
    imposed_by_nip: Nip | None = _actor("The official who decides")
    imposed_by_level: PejabatLevel = Field(
        description="The caller's level: must agree with their place in the ASN's line and "
        "their post in the directory; PPK needs the token role `ppk`."
    )
    asn_jabatan_level: JabatanLevel = Field(
        description="The ASN's post: must agree with the kind of post in their profile."
    )
    line: list[PejabatLevel] = Field(
        default_factory=list,
        description="The ASN's superiors below the PPK, direct first: line[k] is the directory's "
        "superior k+1 levels above the ASN.",
    )
    pelanggaran: str | None = None


class NotProvenBody(_Body):
    decided_by_nip: Nip | None = _actor("The examining superior")
    reason: str = Field(min_length=1)


class DeliveryBody(_Body):
    recorded_by_nip: Nip | None = _actor("The official who decided, or the examining superior")
    received_on: date


class ObjectionBody(_Body):
    filed_on: date


class ObjectionDecisionBody(_Body):
    outcome: KeputusanUpayaAdministratif
    decided_on: date
    decided_by_nip: Nip | None = _actor(
        "The superior of the official who decided, or the PPK (a banding: recorded by the PPK)"
    )
    changed_to: JenisHukuman | None = None


# -- coaching ------------------------------------------------------------------------------------


class RetestBody(_Body):
    recorded_by_nip: Nip | None = _actor("An official in the ASN's line, or the PPK")
    tested_on: date
    meets_standard: bool
    placement: JenisMutasi | None = Field(
        default=None,
        description="Below the standard: the post found, or PENEMPATAN_SEMENTARA for no vacancy.",
    )
    current_position: str | None = Field(
        default=None, min_length=1, description="Only when no profile has named the jabatan."
    )


class PostFoundBody(_Body):
    recorded_by_nip: Nip | None = _actor("An official in the ASN's line, or the PPK")
    found_on: date
    placement: JenisMutasi
    current_position: str | None = Field(default=None, min_length=1)
