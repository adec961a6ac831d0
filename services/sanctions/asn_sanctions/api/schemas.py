"""What the officials send: the request bodies of the discipline and coaching steps."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from asn_shared.catalog.sanctions_events import JenisMutasi, ModePemeriksaan
from asn_shared.catalog.vocabulary import JenisHukuman, KeputusanUpayaAdministratif, Nip

from ..domain.discipline.authority import JabatanLevel, PejabatLevel


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- discipline ----------------------------------------------------------------------------------


class SummonsBody(_Body):
    summoned_by_nip: Nip
    summoned_on: date
    scheduled_at: datetime = Field(description="With a UTC offset, e.g. 2026-03-10T09:00+07:00.")
    mode: ModePemeriksaan
    examiner_nips: list[Nip] = Field(min_length=1)
    tim_pemeriksa: bool = False
    location: str | None = None


class HearingBody(_Body):
    recorded_by_nip: Nip
    attended: bool
    held_on: date
    bap_number: str | None = Field(default=None, description="Berita Acara Pemeriksaan.")


class DecisionBody(_Body):
    decision_number: str = Field(min_length=1)
    jenis: JenisHukuman
    decided_on: date
    imposed_by_nip: Nip
    imposed_by_level: PejabatLevel
    asn_jabatan_level: JabatanLevel
    line: list[PejabatLevel] = Field(
        default_factory=list, description="The ASN's superiors below the PPK, direct first."
    )
    pelanggaran: str | None = None


class NotProvenBody(_Body):
    decided_by_nip: Nip
    reason: str = Field(min_length=1)


class DeliveryBody(_Body):
    recorded_by_nip: Nip
    received_on: date


class ObjectionBody(_Body):
    filed_on: date


class ObjectionDecisionBody(_Body):
    outcome: KeputusanUpayaAdministratif
    decided_on: date
    decided_by_nip: Nip | None = None
    changed_to: JenisHukuman | None = None


# -- coaching ------------------------------------------------------------------------------------


class RetestBody(_Body):
    recorded_by_nip: Nip
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
    recorded_by_nip: Nip
    found_on: date
    placement: JenisMutasi
    current_position: str | None = Field(default=None, min_length=1)
