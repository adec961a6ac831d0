"""Events other agencies publish into the system (docs/agency-contract-v1.md, "Events agencies
publish").

Field names and enumerations are the contract's; do not rename or remove any within v1.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field, model_validator

from .base import EventData, register
from .vocabulary import (
    AssessorRole,
    BerAKHLAK,
    Nip,
    NonEmptyStr,
    Period,
    PositionType,
    Privacy,
    RatingLevel,
    SkmUnsur,
)


@register
class EmployeeProfileUpdated(EventData):
    """A civil servant's profile as the national HR system knows it."""

    event_type = "EmployeeProfileUpdated"
    publisher = "agency"

    nip: Nip
    name: NonEmptyStr
    unit_id: NonEmptyStr
    unit_name: NonEmptyStr
    position: NonEmptyStr = Field(description="Jabatan name.")
    position_type: PositionType
    supervisor_nip: Nip | None = None
    email: EmailStr
    phone: str | None = None


@register
class AssessmentSubmitted(EventData):
    """One assessor's assessment of an ASN for a period."""

    event_type = "AssessmentSubmitted"
    publisher = "agency"

    nip: Nip
    period: Period
    assessor_nip: Nip
    assessor_role: AssessorRole
    rating_hasil_kerja: RatingLevel | None = None
    rating_perilaku_kerja: RatingLevel | None = None
    perilaku: dict[BerAKHLAK, int] | None = Field(
        default=None, description="Score 1-5 per BerAKHLAK value."
    )
    notes: str | None = None

    @model_validator(mode="after")
    def _supervisor_gives_both_ratings(self) -> AssessmentSubmitted:
        if self.assessor_role is AssessorRole.SUPERVISOR and (
            self.rating_hasil_kerja is None or self.rating_perilaku_kerja is None
        ):
            raise ValueError(
                "rating_hasil_kerja and rating_perilaku_kerja are required when "
                "assessor_role is SUPERVISOR (the official rating)"
            )
        for value, score in (self.perilaku or {}).items():
            if not 1 <= score <= 5:
                raise ValueError(f"perilaku.{value.value} must be between 1 and 5")
        return self


@register
class IndicatorMeasured(EventData):
    """A measured value behind an ASN's performance indicator (IKI), from the agency holding it."""

    event_type = "IndicatorMeasured"
    publisher = "agency"

    nip: Nip
    period: Period
    indicator_id: NonEmptyStr
    value: float
    unit_of_measure: NonEmptyStr
    measured_at: datetime
    evidence_uri: str | None = None


@register
class AbsenceRecorded(EventData):
    """One working day of absence from an attendance system."""

    event_type = "AbsenceRecorded"
    publisher = "agency"

    nip: Nip
    date: date
    excused: bool
    reason: str | None = None


class Complainant(BaseModel):
    """Who complained. Personal data: never logged, never shown to the officer complained about."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str | None = None
    email: EmailStr | None = None
    phone: str | None = None
    privacy: Privacy


@register
class ComplaintReceived(EventData):
    """A citizen's complaint from a complaint channel (SP4N-LAPOR!, a city app, our own intake)."""

    event_type = "ComplaintReceived"
    publisher = "agency"

    complaint_id: NonEmptyStr = Field(description="The channel's own id of the complaint.")
    channel: NonEmptyStr
    received_at: datetime
    service_date: date
    unit_id: NonEmptyStr
    subject_nip: Nip | None = Field(default=None, description="The officer complained about.")
    category: NonEmptyStr
    description: NonEmptyStr
    complainant: Complainant

    def subject(self) -> str | None:
        return self.subject_nip or self.unit_id


@register
class CitizenRatingSubmitted(EventData):
    """A citizen's rating of the officer who served them."""

    event_type = "CitizenRatingSubmitted"
    publisher = "agency"

    nip: Nip
    unit_id: NonEmptyStr
    score: int = Field(ge=1, le=5)
    comment: str | None = None
    served_at: datetime


@register
class SurveyResponseSubmitted(EventData):
    """One SKM questionnaire (PermenPANRB 14/2017): the nine elements answered 1-4."""

    event_type = "SurveyResponseSubmitted"
    publisher = "agency"

    unit_id: NonEmptyStr
    service_name: NonEmptyStr
    period: Period
    answers: dict[SkmUnsur, int]

    @model_validator(mode="after")
    def _answers_in_scale(self) -> SurveyResponseSubmitted:
        for element, score in self.answers.items():
            if not 1 <= score <= 4:
                raise ValueError(f"answers.{element.value} must be between 1 and 4")
        return self
