"""What the repositories return: one frozen record per row read, typed as tables.py stores it.

Use cases and routers read rows by attribute; these records give them names and types instead of
SQLAlchemy's untyped Row, and keep SQLAlchemy itself inside adapters/. Times are as the database
hands them back (SQLite: naive UTC; handling.py's clock_of and received_on read them aware),
except those a route returns: a Measurement's and an Open311Request's are aware (UTC).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Complaint:
    """A complaint as received, with the dates its handling reached and its outcomes."""

    id: int
    channel: str
    complaint_id: str
    source: str
    event_id: str
    unit_id: str
    subject_nip: str | None
    category: str
    description: str
    privacy: str
    complainant_name: str | None
    complainant_email: str | None
    complainant_phone: str | None
    service_date: date
    received_at: datetime
    receipt_number: str
    status: str
    response_due: date
    late_filing: bool
    created_at: datetime
    klasifikasi: str | None
    responded_on: date | None
    complete_on: date | None
    incomplete_on: date | None
    disposed_on: date | None
    followed_up_on: date | None
    decided_on: date | None
    decision: str | None
    notified_on: date | None
    closed_on: date | None


@dataclass(frozen=True, slots=True)
class Officials:
    """Who answers for a unit's complaints: its desk and its head."""

    unit_id: str
    desk_nip: str
    desk_position: str
    head_nip: str
    head_position: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class UnitComplaint:
    """What a unit's public statistics read of a complaint (domain/statistics.py)."""

    id: int
    status: str
    decision: str | None
    complete_on: date | None
    decided_on: date | None


@dataclass(frozen=True, slots=True)
class OfficerComplaint:
    """A complaint naming an officer, as their summary counts it."""

    decision: str | None
    unit_id: str


@dataclass(frozen=True, slots=True)
class Measurement:
    """A published ServiceSatisfactionMeasured."""

    id: int
    unit_id: str
    period: str
    service_name: str | None
    respondents: int
    required_sample: int
    ikm: float
    nik: float
    mutu: str
    event_id: str
    measured_at: datetime


@dataclass(frozen=True, slots=True)
class Open311Request:
    """A GeoReport request with its complaint's status, deadline and last step; those three are
    None until the consumer has applied the complaint."""

    service_request_id: str
    service_code: str
    lat: float | None
    long: float | None
    address: str | None
    media_url: str | None
    privacy: str
    requested_at: datetime
    status: str | None
    response_due: date | None
    updated_at: datetime | None
