"""Request bodies of the HTTP API, validated by pydantic: field-level 422s come from here.

Who acts is the caller (the bearer token's NIP): a body's actor field (`actor_nip`,
`assessor_nip`, `author_nip`, `rated_by_nip`, `decided_by_nip`) may be left out; when given it
must be the caller's NIP (else 403).

The bodies a use case takes whole (an SKP's content, an objection and its decision) are that use
case's commands (usecases/commands.py); they are request bodies as they are, named here too.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, model_validator

from asn_shared.catalog.vocabulary import (
    AssessorRole,
    BerAKHLAK,
    Nip,
    Period,
    PredikatOrganisasi,
    RatingLevel,
)

from ..domain.plans import AlasanPerubahanSkp
from ..usecases.commands import (
    Body,
    ObjectionDecisionIn,
    ObjectionIn,
    PlanContent,
    PlanCreate,
    RhkId,
    Text,
)

__all__ = [
    "Actor",
    "AssessmentIn",
    "DocumentStepIn",
    "FeedbackNoteIn",
    "ObjectionDecisionIn",
    "ObjectionIn",
    "OrganizationRatingIn",
    "PeriodCloseIn",
    "PlanContent",
    "PlanCreate",
    "PlanReturn",
    "PlanRevision",
]


ACTOR = "Who takes this step: the caller. Optional; when given, the caller's own NIP (else 403)."


class Actor(Body):
    actor_nip: Nip | None = Field(default=None, description=ACTOR)


class PlanReturn(Actor):
    note: Text


class PlanRevision(Actor):
    reason: AlasanPerubahanSkp = Field(description="PP 30/2019 Pasal 28.")
    note: Text | None = None


class AssessmentIn(Body):
    nip: Nip
    period: Period
    assessor_nip: Nip | None = Field(default=None, description=ACTOR)
    assessor_role: AssessorRole
    rating_hasil_kerja: RatingLevel | None = None
    rating_perilaku_kerja: RatingLevel | None = None
    perilaku: dict[BerAKHLAK, Annotated[int, Field(ge=1, le=5)]] | None = None
    notes: Text | None = None

    @model_validator(mode="after")
    def _supervisor_gives_both_ratings(self) -> AssessmentIn:
        """AssessmentSubmitted's own rule, checked at the door: a 422 naming the fields."""
        if self.assessor_role is AssessorRole.SUPERVISOR and (
            self.rating_hasil_kerja is None or self.rating_perilaku_kerja is None
        ):
            raise ValueError(
                "rating_hasil_kerja and rating_perilaku_kerja are required when "
                "assessor_role is SUPERVISOR (the official rating)"
            )
        return self


class FeedbackNoteIn(Body):
    period: Period
    author_nip: Nip | None = Field(default=None, description=ACTOR)
    text: Text
    rhk_id: RhkId | None = None
    nilai: BerAKHLAK | None = None


class OrganizationRatingIn(Body):
    predikat_organisasi: PredikatOrganisasi
    rated_by_nip: Nip | None = Field(default=None, description=ACTOR)


class PeriodCloseIn(Actor):
    pass


class DocumentStepIn(Actor):
    on: date | None = Field(default=None, description="Default: today; never in the future.")
