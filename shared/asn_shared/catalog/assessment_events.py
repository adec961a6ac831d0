"""Events of contract v1 the assessment service publishes: ratings, an approved SKP, a decided
objection, an organisation predicate.

`PerformancePlanApproved` and `OrganizationPerformanceRated` are themselves the acts of approving
an SKP and setting a unit's predicate (with the `actor` extension); the other acts its officials
and ASN take over its HTTP API are in assessment_acts.py.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from .base import EventData, register
from .vocabulary import (
    LegalBasis,
    Nip,
    NonEmptyStr,
    Period,
    Predikat,
    PredikatOrganisasi,
    RatingLevel,
)

AnnualPeriod = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{4}$"),
    Field(description="A year: the SKP and the annual document are annual (PP 30/2019 Pasal 1)."),
]


@register
class PerformanceRated(EventData):
    """The official rating of an ASN for a period and the predikat from the kuadran.

    `supersedes` names the earlier PerformanceRated event (its CloudEvents id) that this one
    replaces, e.g. after an objection; consumers act on the newest rating of a (nip, period).
    """

    event_type = "PerformanceRated"
    publisher = "assessment"

    nip: Nip
    period: Period
    rating_hasil_kerja: RatingLevel
    rating_perilaku_kerja: RatingLevel
    predikat: Predikat
    assessor_nip: Nip | None = Field(default=None, description="The Pejabat Penilai Kinerja.")
    rated_at: datetime
    supersedes: str | None = Field(
        default=None, description="CloudEvents id of the PerformanceRated this one replaces."
    )
    consecutive_years: int | None = Field(
        default=None,
        ge=1,
        description="Annual ratings only: how many annual ratings in a row, this one included, "
        "carry this predikat (PP 30/2019 Pasal 53: two years Sangat Baik or Baik).",
    )


class PendekatanSkp(StrEnum):
    """How the SKP states expectations (PermenPANRB 6/2022): measurable or qualitative."""

    KUANTITATIF = "KUANTITATIF"
    KUALITATIF = "KUALITATIF"


@register
class PerformancePlanApproved(EventData):
    """An ASN's SKP (Sasaran Kinerja Pegawai) for a period, approved by the evaluator.

    An SKP changed mid-year (PP 30/2019 Pasal 28) is approved again with a higher `revision`;
    consumers keep the highest revision of a (nip, period). It is itself the evaluator's act
    (`approver_nip`, the CloudEvents extension `actor`), under PermenPANRB 6/2022 Pasal 5.
    """

    event_type = "PerformancePlanApproved"
    publisher = "assessment"

    skp_id: NonEmptyStr
    nip: Nip
    period: Period
    approver_nip: Nip = Field(description="The Pejabat Penilai Kinerja who approved the SKP.")
    pendekatan: PendekatanSkp
    rhk_utama_count: int = Field(ge=1, description="Number of Rencana Hasil Kerja utama.")
    rhk_tambahan_count: int = Field(default=0, ge=0, description="Number of RHK tambahan.")
    indicator_ids: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Ids of the Indikator Kinerja Individu, as agencies use them in "
        "IndicatorMeasured.indicator_id.",
    )
    revision: int = Field(default=0, ge=0, description="0 for the first plan of the period.")
    approved_at: datetime


class KeputusanKeberatanPenilaian(StrEnum):
    """PP 30/2019 Pasal 59: the evaluator's superior confirms the result or changes and sets it."""

    MEMPERKUAT = "MEMPERKUAT"
    MENGUBAH = "MENGUBAH"


@register
class RatingObjectionDecided(EventData):
    """The decision on an ASN's keberatan against their assessment (PP 30/2019 Pasal 59).

    Decided by the atasan of the Pejabat Penilai Kinerja; the decision is final. Ratings and
    predikat are those in force after it; on MENGUBAH a superseding PerformanceRated follows.
    """

    event_type = "RatingObjectionDecided"
    publisher = "assessment"

    objection_id: NonEmptyStr
    nip: Nip
    period: Period
    decided_by_nip: Nip = Field(description="The atasan of the Pejabat Penilai Kinerja.")
    outcome: KeputusanKeberatanPenilaian
    filed_on: date
    decided_on: date
    rating_hasil_kerja: RatingLevel
    rating_perilaku_kerja: RatingLevel
    predikat: Predikat
    previous_predikat: Predikat
    legal_basis: list[LegalBasis] = Field(min_length=1)

    @model_validator(mode="after")
    def _confirmed_keeps_predikat(self) -> RatingObjectionDecided:
        if self.outcome is KeputusanKeberatanPenilaian.MEMPERKUAT and (
            self.predikat != self.previous_predikat
        ):
            raise ValueError("a MEMPERKUAT decision keeps the previous predikat")
        return self


@register
class OrganizationPerformanceRated(EventData):
    """A unit's Predikat Kinerja Organisasi for a period (SE MenPANRB 3/2023, first stage).

    Set by the leader one level up. It frames the distribution of employee predicates, and the
    unit's achievement is the head's Rating Hasil Kerja. The distribution percentages are
    single-source in docs/regulation.md 1.8, so they are deliberately not carried here. It is
    itself that leader's act (`rated_by_nip`, the CloudEvents extension `actor`).
    """

    event_type = "OrganizationPerformanceRated"
    publisher = "assessment"

    unit_id: NonEmptyStr
    unit_name: NonEmptyStr
    period: Period
    predikat_organisasi: PredikatOrganisasi
    head_nip: Nip | None = Field(default=None, description="The head of the unit, if filled.")
    rated_by_nip: Nip = Field(description="The leader one level up who set the predicate.")
    rated_at: datetime
    legal_basis: list[LegalBasis] = Field(min_length=1)
