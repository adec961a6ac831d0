"""What the repositories return: one frozen record per stored row, typed as tables.py stores it.

Use cases and routers read rows by attribute; these records give them names and types instead of
SQLAlchemy's untyped Row, and keep SQLAlchemy itself inside adapters/.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Employee:
    """The service's own copy of a person (EmployeeProfileUpdated): unit and evaluator."""

    nip: str
    name: str
    unit_id: str
    unit_name: str
    position_type: str
    supervisor_nip: str | None
    profile_time: datetime


@dataclass(frozen=True, slots=True)
class Assessment:
    id: int
    source: str
    event_id: str
    nip: str
    period: str
    assessor_nip: str
    assessor_role: str
    rating_hasil_kerja: str | None
    rating_perilaku_kerja: str | None
    perilaku: dict[str, int] | None  # BerAKHLAK value -> score 1-5
    notes: str | None
    submitted_at: datetime


@dataclass(frozen=True, slots=True)
class Rating:
    """The official rating of (nip, period); `status` is one of domain.statuses' rating states."""

    id: int
    nip: str
    period: str
    rating_hasil_kerja: str
    rating_perilaku_kerja: str
    predikat: str
    assessor_nip: str
    assessment_id: int | None
    rated_event_id: str | None
    superseded_by: str | None
    rated_at: datetime
    status: str
    unit_id: str | None
    proposed_hasil_kerja: str | None
    proposed_perilaku_kerja: str | None
    differs_from_proposal: bool | None
    consecutive_years: int | None
    published_at: datetime | None
    hasil_kerja_basis: str | None


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    nip: str
    period: str
    pendekatan: str
    status: str
    revision: int
    approver_nip: str | None
    created_at: datetime
    submitted_at: datetime | None
    approved_at: datetime | None


@dataclass(frozen=True, slots=True)
class Rhk:
    id: str
    plan_id: str
    jenis: str
    description: str
    supports_rhk_id: str | None
    position: int


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    plan_id: str
    rhk_id: str
    description: str
    target: float
    unit_of_measure: str
    aspek: str | None
    perspektif: str | None
    direction: str


@dataclass(frozen=True, slots=True)
class PlannedIndicator(Indicator):
    """An IKI with its RHK's jenis and its plan's owner, year and status."""

    jenis: str
    nip: str
    period: str
    status: str


@dataclass(frozen=True, slots=True)
class PlanChange:
    id: int
    plan_id: str
    revision: int
    reason: str
    note: str | None
    changed_by_nip: str
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class Measurement:
    id: int
    source: str
    event_id: str
    nip: str
    period: str
    indicator_id: str
    value: float
    unit_of_measure: str
    measured_at: datetime
    evidence_uri: str | None
    unmatched_reason: str | None


@dataclass(frozen=True, slots=True)
class FeedbackNote:
    id: int
    nip: str
    period: str
    author_nip: str
    rhk_id: str | None
    nilai: str | None
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CitizenFeedback:
    nip: str
    period: str
    unit_id: str
    ratings_count: int
    average_score: float | None
    complaints_received: int
    complaints_substantiated: int
    summarized_at: datetime


@dataclass(frozen=True, slots=True)
class OrganizationRating:
    unit_id: str
    period: str
    predikat_organisasi: str
    rated_by_nip: str
    event_id: str
    rated_at: datetime


@dataclass(frozen=True, slots=True)
class PeriodClose:
    unit_id: str
    period: str
    closed_by_nip: str
    distribution: dict[str, Any] | None  # the distribution report as JSON
    closed_at: datetime


@dataclass(frozen=True, slots=True)
class Objection:
    id: str
    nip: str
    period: str
    rating_id: int
    superior_nip: str
    reasons: str
    received_on: date
    filed_on: date
    status: str
    outcome: str | None
    decided_on: date | None
    decision_note: str | None


@dataclass(frozen=True, slots=True)
class AnnualDocumentRecord:
    """The stored annual document; domain.documents.AnnualDocument is its steps' rules."""

    nip: str
    period: str
    unit_id: str | None
    evaluator_nip: str
    superior_nip: str | None
    set_on: date
    evaluator_signed_on: date | None
    delivered_on: date | None
    employee_signed_on: date | None
    set_by_superior_on: date | None
    set_by_superior_nip: str | None
