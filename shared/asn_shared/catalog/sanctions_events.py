"""Events of contract v1 the sanctions service publishes: the outcomes (coaching, rewards, cases
opened, summonses, punishments, remedies decided, moves recommended).

The acts its officials take over its HTTP API, which cause some of these, are in
sanctions_acts.py.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field, model_validator

from .base import EventData, register
from .vocabulary import (
    JenisHukuman,
    KeputusanUpayaAdministratif,
    LegalBasis,
    Nip,
    NonEmptyStr,
    Period,
    Predikat,
    TingkatHukuman,
    UpayaAdministratif,
)


class CoachingType(StrEnum):
    """PP 30/2019 Pasal 30-33: bimbingan kinerja (results) or konseling kinerja (behaviour)."""

    BIMBINGAN_KINERJA = "BIMBINGAN_KINERJA"
    KONSELING_KINERJA = "KONSELING_KINERJA"


@register
class CoachingStarted(EventData):
    """Coaching opened after a rating below expectation, with its improvement deadline."""

    event_type = "CoachingStarted"
    publisher = "sanctions"

    case_id: NonEmptyStr
    nip: Nip
    period: Period
    predikat: Predikat
    coaching_type: CoachingType
    started_on: date
    improvement_deadline: date = Field(
        description="End of the six-month improvement window (PP 30/2019 Pasal 57-58)."
    )
    legal_basis: list[str]


class RewardType(StrEnum):
    PENGHARGAAN = "PENGHARGAAN"
    TALENT_POOL_PRIORITY = "TALENT_POOL_PRIORITY"
    DEVELOPMENT_PRIORITY = "DEVELOPMENT_PRIORITY"


@register
class RewardGranted(EventData):
    """A reward recorded for a very good rating (PP 30/2019 Pasal 53-55, UU 20/2023 Pasal 21)."""

    event_type = "RewardGranted"
    publisher = "sanctions"

    reward_id: NonEmptyStr
    nip: Nip
    period: Period
    predikat: Predikat
    reward_type: RewardType
    granted_on: date
    recommendation: NonEmptyStr
    legal_basis: list[str]


class CaseEvent(EventData):
    """A step in one case about one ASN: coaching or a disciplinary case (PP 94/2021)."""

    case_id: NonEmptyStr
    nip: Nip
    legal_basis: list[LegalBasis] = Field(min_length=1)


@register
class CoachingCompleted(CaseEvent):
    """The improvement window of a coaching case closed (PP 30/2019 Pasal 57-58).

    Not improved means uji kompetensi kembali next; TrainingRecommended or RotationRecommended
    may follow as their own events.
    """

    event_type = "CoachingCompleted"
    publisher = "sanctions"

    period: Period = Field(description="The period whose predikat opened the coaching.")
    coaching_type: CoachingType
    completed_on: date
    improved: bool
    latest_predikat: Predikat | None = Field(
        default=None, description="The predikat at the end of the window, if one was set."
    )


class AsalKasus(StrEnum):
    """What brought a suspected violation to light."""

    KINERJA = "KINERJA"  # coaching recommended discipline (PP 30/2019 Pasal 34(2))
    KEHADIRAN = "KEHADIRAN"  # unexcused absence (PP 94/2021 Pasal 4 huruf f)
    PENGADUAN = "PENGADUAN"  # a substantiated public complaint (UU 25/2009 Pasal 41(2))
    TEMUAN_APIP = "TEMUAN_APIP"  # internal audit findings (PP 94/2021 Pasal 34)
    LAINNYA = "LAINNYA"


@register
class DisciplinaryCaseOpened(CaseEvent):
    """A suspected violation of discipline is to be examined (PP 94/2021 Pasal 26-27)."""

    event_type = "DisciplinaryCaseOpened"
    publisher = "sanctions"

    origin: AsalKasus
    origin_event_id: str | None = Field(
        default=None, description="CloudEvents id of the event that led to the case."
    )
    pelanggaran: NonEmptyStr = Field(description="The duty or prohibition suspected breached.")
    estimated_tingkat: TingkatHukuman | None = Field(
        default=None, description="Expected level; BERAT makes a tim pemeriksa mandatory (Ps 29)."
    )
    examiner_nip: Nip = Field(description="The atasan langsung, who summons and examines.")
    opened_on: date


class ModePemeriksaan(StrEnum):
    """PP 94/2021 Pasal 27: a closed examination, face to face or virtual."""

    TATAP_MUKA = "TATAP_MUKA"
    VIRTUAL = "VIRTUAL"


@register
class HearingScheduled(CaseEvent):
    """A written summons to a disciplinary examination (PP 94/2021 Pasal 26).

    A second no-show lets the punishment be imposed without examination.
    """

    event_type = "HearingScheduled"
    publisher = "sanctions"

    summons: int = Field(ge=1, le=2, description="First or second summons.")
    summoned_on: date
    scheduled_at: datetime
    mode: ModePemeriksaan
    location: str | None = Field(default=None, description="Room or meeting link.")
    examiner_nips: list[Nip] = Field(min_length=1)
    tim_pemeriksa: bool = Field(description="Examined by a tim pemeriksa (Pasal 29).")


@register
class SanctionImposed(CaseEvent):
    """A disciplinary punishment was decided (PP 94/2021 Pasal 8, 33, 37-38).

    It takes effect on the 15th day after the ASN receives it, or as an upaya administratif
    decides (Pasal 38).
    """

    event_type = "SanctionImposed"
    publisher = "sanctions"

    decision_number: NonEmptyStr = Field(description="Nomor surat keputusan.")
    tingkat: TingkatHukuman
    jenis: JenisHukuman
    pelanggaran: NonEmptyStr = Field(description="The violation, as the decision states it.")
    imposed_by_nip: Nip = Field(description="The Pejabat yang Berwenang Menghukum.")
    decided_on: date
    delivery_due: date = Field(description="14 hari kerja after it is set (Pasal 37(3)).")
    without_examination: bool = Field(default=False, description="After two no-shows (Ps 26).")
    upaya_administratif: UpayaAdministratif = Field(description="The remedy open to the ASN.")

    @model_validator(mode="after")
    def _jenis_in_tingkat(self) -> SanctionImposed:
        if self.jenis.tingkat is not self.tingkat:
            raise ValueError(f"jenis {self.jenis.value} is not of tingkat {self.tingkat.value}")
        return self


_REMOVED = {KeputusanUpayaAdministratif.MENCABUT, KeputusanUpayaAdministratif.MEMBATALKAN}
_UNCHANGED = {
    KeputusanUpayaAdministratif.MEMPERKUAT,
    KeputusanUpayaAdministratif.TIDAK_DAPAT_DITERIMA,
}


@register
class ObjectionDecided(CaseEvent):
    """A keberatan or banding administratif against a punishment was decided (PP 79/2021).

    `resulting_*` is the punishment in force afterwards: none when revoked or annulled.
    """

    event_type = "ObjectionDecided"
    publisher = "sanctions"

    objection_id: NonEmptyStr
    upaya_administratif: UpayaAdministratif
    outcome: KeputusanUpayaAdministratif
    decided_by_nip: Nip | None = Field(
        default=None, description="PPK or atasan Pejabat; none when BPASN decides a banding."
    )
    decided_on: date
    original_jenis: JenisHukuman
    resulting_tingkat: TingkatHukuman | None = None
    resulting_jenis: JenisHukuman | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ObjectionDecided:
        if self.upaya_administratif is not UpayaAdministratif.BANDING_BPASN:
            require(self.decided_by_nip is not None, "decided_by_nip is required for a keberatan")
        if self.outcome in _REMOVED:
            require(self.resulting_jenis is None, "a revoked or annulled punishment has no result")
            return self
        if self.resulting_jenis is None:
            raise ValueError("resulting_jenis is required")
        require(
            self.resulting_jenis.tingkat is self.resulting_tingkat,
            "resulting_tingkat does not match resulting_jenis",
        )
        if self.outcome in _UNCHANGED:
            require(self.resulting_jenis is self.original_jenis, "the punishment is unchanged")
        return self


def require(condition: bool, message: str) -> None:
    """A model validator's check: pydantic reports the ValueError as a validation error."""
    if not condition:
        raise ValueError(message)


@register
class TrainingRecommended(EventData):
    """Training recommended for an ASN (PP 30/2019 Pasal 34(2) after coaching; Pasal 53(2) for
    two years of Baik)."""

    event_type = "TrainingRecommended"
    publisher = "sanctions"

    recommendation_id: NonEmptyStr
    nip: Nip
    period: Period
    predikat: Predikat | None = None
    case_id: str | None = Field(default=None, description="The coaching case, if any.")
    competencies: list[NonEmptyStr] = Field(min_length=1, description="What to develop.")
    recommended_on: date
    legal_basis: list[LegalBasis] = Field(min_length=1)


class JenisMutasi(StrEnum):
    """Where the ASN should move after a failed uji kompetensi kembali (PP 30/2019 Pasal 57-58)."""

    JABATAN_SESUAI = "JABATAN_SESUAI"  # a job matching their competence
    JABATAN_LEBIH_RENDAH = "JABATAN_LEBIH_RENDAH"  # a lower job
    PENEMPATAN_SEMENTARA = "PENEMPATAN_SEMENTARA"  # no vacancy: at most 1 year (Pasal 58(4))


@register
class RotationRecommended(EventData):
    """A transfer (mutasi) recommended for an ASN (PP 30/2019 Pasal 34(2), 57-58)."""

    event_type = "RotationRecommended"
    publisher = "sanctions"

    recommendation_id: NonEmptyStr
    nip: Nip
    period: Period
    case_id: str | None = Field(default=None, description="The coaching case, if any.")
    jenis_mutasi: JenisMutasi
    current_position: NonEmptyStr = Field(description="Current jabatan.")
    uji_kompetensi_on: date | None = Field(default=None, description="Date of the re-test.")
    placement_until: date | None = Field(
        default=None, description="Required for PENEMPATAN_SEMENTARA: at most one year."
    )
    recommended_on: date
    legal_basis: list[LegalBasis] = Field(min_length=1)

    @model_validator(mode="after")
    def _temporary_has_end(self) -> RotationRecommended:
        if self.jenis_mutasi is JenisMutasi.PENEMPATAN_SEMENTARA:
            require(self.placement_until is not None, "placement_until is required")
        return self
