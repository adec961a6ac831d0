"""The commands use cases take whole: an SKP's content and an objection and its decision.

Pydantic models validated at the door, field-level 422s included: the HTTP API takes them as
its request bodies as they are (api/schemas.py), so what a use case receives is already checked.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from asn_shared.catalog.assessment_events import KeputusanKeberatanPenilaian, PendekatanSkp
from asn_shared.catalog.vocabulary import Nip, Period, RatingLevel

from ..domain.plans import Aspek, JenisRhk, Perspektif
from ..domain.realisation import Direction

# Some text besides blanks (`\S`): the schema says what the stripped value must be.
Text = Annotated[
    str, StringConstraints(min_length=1, max_length=4000, strip_whitespace=True, pattern=r"\S")
]
Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$", strip_whitespace=True),
]
# As tables.py stores them: an RHK's id in 64 characters (like an SKP's), an IKI's in 100 and its
# unit of measure in 50. Longer is refused here with 422, not by PostgreSQL with a 500.
RhkId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", strip_whitespace=True),
]
UnitOfMeasure = Annotated[
    str, StringConstraints(min_length=1, max_length=50, strip_whitespace=True, pattern=r"\S")
]
AnnualPeriod = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IkiIn(Body):
    id: Identifier = Field(description="The IKI id agencies use in IndicatorMeasured.indicator_id.")
    description: Text
    target: float = Field(gt=0, allow_inf_nan=False)  # JSON has no Infinity: refused, not null
    unit_of_measure: UnitOfMeasure
    aspek: Aspek | None = None
    perspektif: Perspektif | None = None
    direction: Direction = Direction.HIGHER_IS_BETTER


class RhkIn(Body):
    id: RhkId
    jenis: JenisRhk
    description: Text
    supports_rhk_id: RhkId | None = Field(
        default=None, description="The superior's RHK this one supports (cascading)."
    )
    indicators: list[IkiIn] = Field(min_length=1)


class PlanContent(Body):
    pendekatan: PendekatanSkp = PendekatanSkp.KUANTITATIF
    rhk: list[RhkIn] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_utama_and_unique_ids(self) -> PlanContent:
        if not any(r.jenis is JenisRhk.UTAMA for r in self.rhk):
            raise ValueError("an SKP needs at least one RHK utama")
        rhk_ids = [r.id for r in self.rhk]
        iki_ids = [i.id for r in self.rhk for i in r.indicators]
        if len(set(rhk_ids)) != len(rhk_ids) or len(set(iki_ids)) != len(iki_ids):
            raise ValueError("RHK ids and IKI ids must be unique within the plan")
        return self


class PlanCreate(PlanContent):
    nip: Nip
    period: AnnualPeriod = Field(description="The SKP is annual (PP 30/2019 Pasal 1).")


class ObjectionIn(Body):
    nip: Nip
    period: Period
    reasons: Text
    filed_on: date | None = Field(default=None, description="Default: today; never in the future.")


class ObjectionDecisionIn(Body):
    decided_by_nip: Nip | None = Field(
        default=None,
        description="Who decides: the caller. Optional; when given, the caller's own NIP "
        "(else 403).",
    )
    outcome: KeputusanKeberatanPenilaian
    rating_hasil_kerja: RatingLevel | None = None
    rating_perilaku_kerja: RatingLevel | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _ratings_only_when_changed(self) -> ObjectionDecisionIn:
        changed = self.outcome is KeputusanKeberatanPenilaian.MENGUBAH
        given = self.rating_hasil_kerja is not None and self.rating_perilaku_kerja is not None
        if changed and not given:
            raise ValueError(
                "MENGUBAH sets both ratings: rating_hasil_kerja, rating_perilaku_kerja"
            )
        if not changed and (self.rating_hasil_kerja or self.rating_perilaku_kerja):
            raise ValueError("MEMPERKUAT keeps the ratings: leave the ratings out")
        return self
