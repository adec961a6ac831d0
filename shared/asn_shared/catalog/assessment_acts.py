"""The acts taken over the assessment service's HTTP API (docs/events-beyond-v1.md).

An SKP drafted, edited, submitted, returned or revised; feedback given; a period closed; a
keberatan filed or decided; the annual document signed or handed over. Each names the actor
(`actor_nip`, and the CloudEvents extension `actor`), the legal basis and, with the CloudEvents
`time`, when; each carries what the service needs to restore its state from the event alone,
and the service reads its own acts back in a rebuild. `PerformancePlanApproved` and
`OrganizationPerformanceRated` (assessment_events.py) are acts too, and v1 events.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .assessment_events import (
    AnnualPeriod,
    KeputusanKeberatanPenilaian,
    PendekatanSkp,
)
from .base import EventData, register
from .vocabulary import (
    BerAKHLAK,
    LegalBasis,
    Nip,
    NonEmptyStr,
    Period,
    RatingLevel,
)


class JenisRhk(StrEnum):
    """A Rencana Hasil Kerja is a main or an additional one (PermenPANRB 6/2022 lampiran)."""

    UTAMA = "UTAMA"
    TAMBAHAN = "TAMBAHAN"


class AspekIki(StrEnum):
    """The aspect an IKI of Jabatan Administrasi and Fungsional measures (docs/regulation.md
    1.2)."""

    KUANTITAS = "KUANTITAS"
    KUALITAS = "KUALITAS"
    WAKTU = "WAKTU"
    BIAYA = "BIAYA"


class PerspektifIki(StrEnum):
    """The perspective of a JPT's IKI (balanced scorecard; exact Permen wording UNCONFIRMED)."""

    PENERIMA_LAYANAN = "PENERIMA_LAYANAN"
    PROSES_BISNIS = "PROSES_BISNIS"
    PENGUATAN_INTERNAL = "PENGUATAN_INTERNAL"
    ANGGARAN = "ANGGARAN"


class ArahIndikator(StrEnum):
    """Whether more is better (the default) or less (time taken, cost): how capaian is counted
    (PP 30/2019 Pasal 29(6) caps it at 120 either way)."""

    HIGHER_IS_BETTER = "HIGHER_IS_BETTER"
    LOWER_IS_BETTER = "LOWER_IS_BETTER"


class AlasanPerubahanSkp(StrEnum):
    """PP 30/2019 Pasal 28: the only reasons an approved SKP may change."""

    PERGANTIAN_PEJABAT = "PERGANTIAN_PEJABAT"  # change of the position holder
    PERUBAHAN_STRATEGI_PROGRAM_ANGGARAN = "PERUBAHAN_STRATEGI_PROGRAM_ANGGARAN"
    PERUBAHAN_PRIORITAS = "PERUBAHAN_PRIORITAS"
    SAKIT_ATAU_CUTI_LEBIH_SATU_BULAN = "SAKIT_ATAU_CUTI_LEBIH_SATU_BULAN"
    PENUGASAN_LAIN_LEBIH_SATU_BULAN = "PENUGASAN_LAIN_LEBIH_SATU_BULAN"
    KONDISI_LAIN_PERSETUJUAN_MENTERI = "KONDISI_LAIN_PERSETUJUAN_MENTERI"


class PihakDokumen(StrEnum):
    """A party to the annual document (PP 30/2019 Pasal 49-50)."""

    PENILAI = "PENILAI"  # the Pejabat Penilai Kinerja, the ASN's evaluator
    PEGAWAI = "PEGAWAI"  # the ASN rated
    ATASAN_PENILAI = "ATASAN_PENILAI"  # the evaluator's superior, once a signature is late


class IndikatorKinerjaIndividu(BaseModel):
    """One IKI of an RHK, as the SKP states it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: NonEmptyStr = Field(description="As agencies use it in IndicatorMeasured.indicator_id.")
    description: NonEmptyStr
    target: float = Field(gt=0, allow_inf_nan=False)
    unit_of_measure: NonEmptyStr
    aspek: AspekIki | None = Field(default=None, description="Below JPT level.")
    perspektif: PerspektifIki | None = Field(default=None, description="A JPT's IKI.")
    direction: ArahIndikator = ArahIndikator.HIGHER_IS_BETTER


class RencanaHasilKerja(BaseModel):
    """One RHK of an SKP with its IKI."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: NonEmptyStr
    jenis: JenisRhk
    description: NonEmptyStr
    supports_rhk_id: NonEmptyStr | None = Field(
        default=None, description="The superior's RHK this one supports (cascading)."
    )
    indicators: list[IndikatorKinerjaIndividu] = Field(min_length=1)


class _Act(EventData):
    """What every act carries besides its content: who took it and under which articles."""

    actor_nip: Nip = Field(description="Who acted: the bearer token's NIP.")
    legal_basis: list[LegalBasis] = Field(min_length=1)


class _PlanAct(_Act):
    """An act on one SKP."""

    skp_id: NonEmptyStr
    nip: Nip = Field(description="The ASN whose SKP it is.")
    period: AnnualPeriod


@register
class PerformancePlanDrafted(_PlanAct):
    """An ASN drafted their own SKP for a year, in full: its RHK utama and tambahan, each with
    its IKI (perencanaan kinerja, PermenPANRB 6/2022 Pasal 5). The draft is revision 0.
    """

    event_type = "PerformancePlanDrafted"
    publisher = "assessment"

    pendekatan: PendekatanSkp
    rhk: list[RencanaHasilKerja] = Field(min_length=1)


@register
class PerformancePlanEdited(_PlanAct):
    """An ASN rewrote the draft of their SKP (a new draft, a returned one, or a revision
    reopened under PP 30/2019 Pasal 28): the content replaces the previous one whole
    (PermenPANRB 6/2022 Pasal 5).
    """

    event_type = "PerformancePlanEdited"
    publisher = "assessment"

    revision: int = Field(ge=0, description="The revision being drafted.")
    pendekatan: PendekatanSkp
    rhk: list[RencanaHasilKerja] = Field(min_length=1)


@register
class PerformancePlanSubmitted(_PlanAct):
    """An ASN submitted their drafted SKP to their evaluator for approval (PermenPANRB 6/2022
    Pasal 5).
    """

    event_type = "PerformancePlanSubmitted"
    publisher = "assessment"

    revision: int = Field(ge=0)


@register
class PerformancePlanReturned(_PlanAct):
    """The evaluator returned a submitted SKP to the ASN as a draft, with a note saying what to
    change (PermenPANRB 6/2022 Pasal 5: the leader sets and clarifies the expectations).
    """

    event_type = "PerformancePlanReturned"
    publisher = "assessment"

    revision: int = Field(ge=0)
    note: NonEmptyStr = Field(description="What the ASN is asked to change.")


@register
class PerformancePlanRevised(_PlanAct):
    """The ASN or their evaluator reopened an approved SKP as a new revision, for one of the
    reasons of PP 30/2019 Pasal 28; it is drafted, submitted and approved again.
    """

    event_type = "PerformancePlanRevised"
    publisher = "assessment"

    revision: int = Field(ge=1, description="The new revision (the approved one plus one).")
    reason: AlasanPerubahanSkp
    note: NonEmptyStr | None = None


@register
class PerformanceFeedbackGiven(_Act):
    """The evaluator gave an ASN continuous feedback (umpan balik berkelanjutan) for a period,
    on one RHK or one BerAKHLAK value or on the whole (PermenPANRB 6/2022 Pasal 5, docs/
    regulation.md 1.7). Evidence for the evaluator's rating; never a rating by itself.
    """

    event_type = "PerformanceFeedbackGiven"
    publisher = "assessment"

    nip: Nip = Field(description="The ASN the feedback is for.")
    period: Period
    rhk_id: NonEmptyStr | None = Field(default=None, description="The RHK it is about.")
    nilai: BerAKHLAK | None = Field(default=None, description="The value it is about.")
    text: NonEmptyStr


@register
class PerformancePeriodClosed(_Act):
    """The head of a unit, or the leader one level up, closed the unit's evaluation period:
    every pending rating of its ASN is published (a PerformanceRated each, caused by this act),
    within the distribution of SE MenPANRB 3/2023 for an annual period (PermenPANRB 6/2022
    Pasal 24-25).
    """

    event_type = "PerformancePeriodClosed"
    publisher = "assessment"

    unit_id: NonEmptyStr
    period: Period


@register
class RatingObjectionFiled(_Act):
    """An ASN filed a keberatan against their published rating with the superior of their
    evaluator, within the days of PP 30/2019 Pasal 59 from receiving the assessment.
    """

    event_type = "RatingObjectionFiled"
    publisher = "assessment"

    objection_id: NonEmptyStr
    nip: Nip = Field(description="The ASN objecting: the actor.")
    period: Period
    superior_nip: Nip = Field(description="The atasan of the Pejabat Penilai Kinerja it goes to.")
    reasons: NonEmptyStr
    received_on: date = Field(description="The day the assessment was received (Pasal 59).")
    filed_on: date


@register
class RatingObjectionDecisionTaken(_Act):
    """The evaluator's superior decided a keberatan: confirmed the rating (MEMPERKUAT) or changed
    and set it (MENGUBAH, with the ratings set); final (PP 30/2019 Pasal 59). The decision's
    outcome follows, caused by this act, as RatingObjectionDecided (and, on MENGUBAH, a
    superseding PerformanceRated).
    """

    event_type = "RatingObjectionDecisionTaken"
    publisher = "assessment"

    objection_id: NonEmptyStr
    nip: Nip = Field(description="The ASN who objected.")
    period: Period
    outcome: KeputusanKeberatanPenilaian
    rating_hasil_kerja: RatingLevel | None = Field(default=None, description="MENGUBAH only.")
    rating_perilaku_kerja: RatingLevel | None = Field(default=None, description="MENGUBAH only.")
    note: NonEmptyStr | None = None
    decided_on: date

    @model_validator(mode="after")
    def _ratings_only_when_changed(self) -> RatingObjectionDecisionTaken:
        given = (self.rating_hasil_kerja, self.rating_perilaku_kerja)
        if self.outcome is KeputusanKeberatanPenilaian.MENGUBAH and None in given:
            raise ValueError("MENGUBAH sets both ratings")
        if self.outcome is KeputusanKeberatanPenilaian.MEMPERKUAT and given != (None, None):
            raise ValueError("MEMPERKUAT keeps the ratings: none is set")
        return self


@register
class PerformanceDocumentSigned(_Act):
    """A party signed an ASN's annual performance document: the evaluator, before handing it
    over (PP 30/2019 Pasal 49), the ASN on receiving it (Pasal 49(3)), or, a signature being more
    than 14 days late, the evaluator's superior, who sets and signs it (Pasal 50).
    """

    event_type = "PerformanceDocumentSigned"
    publisher = "assessment"

    nip: Nip = Field(description="The ASN whose document it is.")
    period: AnnualPeriod
    party: PihakDokumen = Field(description="As whom the actor signed.")
    signed_on: date


@register
class PerformanceDocumentHandedOver(_Act):
    """The evaluator handed an ASN their signed annual performance document (PP 30/2019 Pasal
    49(2)); the ASN's 14 days to sign, and to object (Pasal 59), run from that day.
    """

    event_type = "PerformanceDocumentHandedOver"
    publisher = "assessment"

    nip: Nip = Field(description="The ASN whose document it is.")
    period: AnnualPeriod
    delivered_on: date
