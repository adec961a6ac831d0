"""Events the feedback service publishes.

None of them carries the complainant's identity or contact, nor the complaint's free text (which
may quote personal data): UU 25/2009 Pasal 42(5) and 49 let the identity be kept confidential, and
events are broadcast to every consumer. A consumer that must reach the complainant (the
notifications service) keeps what it needs from ComplaintReceived itself.

The acts officials (and complainants) take over its HTTP API are in feedback_acts.py.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field, model_validator

from .base import EventData, register
from .vocabulary import (
    LaporKlasifikasi,
    LegalBasis,
    Nip,
    NonEmptyStr,
    Period,
    Privacy,
    SkmMutu,
    SkmUnsur,
)


class _ComplaintEvent(EventData):
    """Identifies a complaint the way ComplaintReceived did: (`channel`, `complaint_id`)."""

    complaint_id: NonEmptyStr = Field(description="The channel's own id of the complaint.")
    channel: NonEmptyStr
    receipt_number: NonEmptyStr = Field(description="Tanda terima number (UU 25/2009 Pasal 44(1)).")
    unit_id: NonEmptyStr


class VerifikasiPengaduan(StrEnum):
    """Outcome of verification: the provider's response on completeness (UU 25/2009 Pasal 44(3))
    or SP4N-LAPOR!'s verification actions."""

    LENGKAP = "LENGKAP"  # complete: decided within 60 days (Pasal 50(1))
    TIDAK_LENGKAP = "TIDAK_LENGKAP"  # complainant has 30 days, else withdrawn (Pasal 44(4)-(5))
    BUKAN_WEWENANG = "BUKAN_WEWENANG"  # not this provider's authority: re-routed
    ARSIP = "ARSIP"  # archived, e.g. too general or not relevant


@register
class ComplaintVerified(_ComplaintEvent):
    """A complaint was verified and the complainant's next step or the decision deadline set."""

    event_type = "ComplaintVerified"
    publisher = "feedback"

    subject_nip: Nip | None = Field(default=None, description="The officer complained about.")
    category: NonEmptyStr
    klasifikasi: LaporKlasifikasi
    privacy: Privacy = Field(description="RAHASIA complaints must not be shown publicly at all.")
    outcome: VerifikasiPengaduan
    verified_at: datetime
    decision_due: date | None = Field(default=None, description="When LENGKAP: Pasal 50(1).")
    completion_due: date | None = Field(
        default=None, description="When TIDAK_LENGKAP: Pasal 44(4)."
    )

    @model_validator(mode="after")
    def _deadline_for_outcome(self) -> ComplaintVerified:
        if self.outcome is VerifikasiPengaduan.LENGKAP and self.decision_due is None:
            raise ValueError("decision_due is required when outcome is LENGKAP")
        if self.outcome is VerifikasiPengaduan.TIDAK_LENGKAP and self.completion_due is None:
            raise ValueError("completion_due is required when outcome is TIDAK_LENGKAP")
        return self


class PenyelesaianPengaduan(StrEnum):
    """How a complaint ended."""

    TERBUKTI = "TERBUKTI"  # substantiated; a pelaksana is dealt with by their superior (Ps 41(2))
    TIDAK_TERBUKTI = "TIDAK_TERBUKTI"
    DICABUT = "DICABUT"  # withdrawn, or deemed withdrawn when not completed (Pasal 44(5))


@register
class ComplaintResolved(_ComplaintEvent):
    """The provider decided on a complaint (UU 25/2009 Pasal 50(1)) or it was withdrawn."""

    event_type = "ComplaintResolved"
    publisher = "feedback"

    subject_nip: Nip | None = Field(default=None, description="The officer complained about.")
    category: NonEmptyStr
    outcome: PenyelesaianPengaduan
    decided_on: date
    notify_due: date | None = Field(
        default=None,
        description="Last day to notify the complainant of the decision (Pasal 50(2)); "
        "none when the complaint was withdrawn.",
    )


class TenggatPengaduan(StrEnum):
    """The complaint-handling deadlines (docs/regulation.md section 7)."""

    RESPON_KELENGKAPAN = "RESPON_KELENGKAPAN"  # 14 hari after receipt, UU 25/2009 Pasal 44(3)
    KEPUTUSAN = "KEPUTUSAN"  # 60 hari after the file is complete, Pasal 50(1)
    PEMBERITAHUAN_KEPUTUSAN = "PEMBERITAHUAN_KEPUTUSAN"  # 14 hari after deciding, Pasal 50(2)
    VERIFIKASI_LAPOR = "VERIFIKASI_LAPOR"  # SP4N-LAPOR!: 3 hari kerja
    TINDAK_LANJUT_LAPOR = "TINDAK_LANJUT_LAPOR"  # SP4N-LAPOR!: 5 hari kerja


@register
class ComplaintDeadlineMissed(_ComplaintEvent):
    """A complaint-handling deadline passed: who was responsible and which article is breached.

    The CloudEvents subject is the responsible official, the ASN this fact concerns.
    """

    event_type = "ComplaintDeadlineMissed"
    publisher = "feedback"

    deadline: TenggatPengaduan
    due_date: date
    responsible_nip: Nip = Field(description="The official who had to meet the deadline.")
    responsible_position: NonEmptyStr = Field(description="Their jabatan.")
    article_breached: LegalBasis
    sanction_basis: LegalBasis | None = Field(
        default=None, description="The article sanctioning the breach, e.g. UU 25/2009 Pasal 54(7)."
    )
    detected_at: datetime

    def subject(self) -> str | None:
        return self.responsible_nip


@register
class ServiceSatisfactionMeasured(EventData):
    """A unit's Survei Kepuasan Masyarakat result for a period (PermenPANRB 14/2017).

    IKM is the weighted mean of the nine elements on the 1-4 scale and NIK = IKM x 25. It measures
    a service unit, never an individual ASN.
    """

    event_type = "ServiceSatisfactionMeasured"
    publisher = "feedback"

    unit_id: NonEmptyStr
    unit_name: NonEmptyStr
    service_name: str | None = Field(default=None, description="None: all services of the unit.")
    period: Period
    respondents: int = Field(ge=1)
    required_sample: int | None = Field(default=None, ge=1, description="From the sample table.")
    sample_sufficient: bool
    ikm: float = Field(ge=1, le=4, description="Indeks Kepuasan Masyarakat, 1-4.")
    nik: float = Field(ge=25, le=100, description="Nilai Interval Konversi, IKM x 25.")
    mutu: SkmMutu = Field(
        description="Mutu pelayanan: the NIK band of PermenPANRB 14/2017 (A 88,31-100, "
        "B 76,61-88,30, C 65,00-76,60, D 25,00-64,99), computed by the feedback service."
    )
    nrr_per_unsur: dict[SkmUnsur, float] = Field(
        default_factory=dict, description="Nilai rata-rata (1-4) per SKM element."
    )
    measured_at: datetime

    @model_validator(mode="after")
    def _consistent(self) -> ServiceSatisfactionMeasured:
        # Both values travel for readers of either scale; they must not disagree.
        if abs(self.nik - self.ikm * 25) > 0.01:
            raise ValueError("nik must equal ikm x 25")
        if any(not 1 <= v <= 4 for v in self.nrr_per_unsur.values()):
            raise ValueError("nrr_per_unsur values must be between 1 and 4")
        return self


@register
class CitizenFeedbackSummarized(EventData):
    """Citizen feedback about one ASN for a period, as evidence (bukti dukung) for the evaluator.

    Never an automatic rating (docs/regulation.md section 8). Counts only: no comment text and
    nothing about who gave the feedback.
    """

    event_type = "CitizenFeedbackSummarized"
    publisher = "feedback"

    nip: Nip
    unit_id: NonEmptyStr
    period: Period
    ratings_count: int = Field(ge=0)
    average_score: float | None = Field(default=None, ge=1, le=5, description="None: no ratings.")
    complaints_received: int = Field(ge=0, description="Complaints naming this ASN.")
    complaints_substantiated: int = Field(ge=0, description="Of those, resolved TERBUKTI.")
    summarized_at: datetime

    @model_validator(mode="after")
    def _consistent(self) -> CitizenFeedbackSummarized:
        if (self.ratings_count == 0) != (self.average_score is None):
            raise ValueError("average_score is given exactly when ratings_count > 0")
        if self.complaints_substantiated > self.complaints_received:
            raise ValueError("complaints_substantiated cannot exceed complaints_received")
        return self
