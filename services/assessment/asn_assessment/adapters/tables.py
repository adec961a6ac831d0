"""The assessment service's own tables. Migrations in migrations/versions mirror these."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from asn_shared.persistence.timestamps import as_utc

metadata = sa.MetaData()


class UtcDateTime(sa.TypeDecorator[datetime]):
    """A moment, stored in UTC and read back aware on both engines.

    SQLite keeps no offset: it would store a `+07:00` time as its wall clock and hand back a naive
    value; PostgreSQL's timestamptz hands back the session's zone. Here every value goes in as UTC
    and comes out aware in UTC, so records and the API's views carry their offset."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_utc(value)


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, UtcDateTime(), nullable=nullable)


# Its own copy of the people it rates (EmployeeProfileUpdated): unit and evaluator.
employees = sa.Table(
    "employees",
    metadata,
    sa.Column("nip", sa.String(18), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("unit_id", sa.String(100), nullable=False, index=True),
    sa.Column("unit_name", sa.String(300), nullable=False),
    sa.Column("position_type", sa.String(20), nullable=False),
    sa.Column("supervisor_nip", sa.String(18), nullable=True),
    _when("profile_time"),  # the event's time: an older profile never overwrites a newer one
)

assessments = sa.Table(
    "assessments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(500), nullable=False),
    sa.Column("event_id", sa.String(200), nullable=False),
    sa.Column("nip", sa.String(18), nullable=False, index=True),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("assessor_nip", sa.String(18), nullable=False),
    sa.Column("assessor_role", sa.String(20), nullable=False),
    sa.Column("rating_hasil_kerja", sa.String(30), nullable=True),
    sa.Column("rating_perilaku_kerja", sa.String(30), nullable=True),
    sa.Column("perilaku", sa.JSON, nullable=True),
    sa.Column("notes", sa.Text, nullable=True),
    _when("submitted_at"),
    sa.UniqueConstraint("source", "event_id", name="uq_assessments_event"),
)

# The official rating of (nip, period). PENDING until its unit's period is closed (or published
# at once when ratings are published on submission), then PUBLISHED; SUPERSEDED when replaced.
ratings = sa.Table(
    "ratings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("nip", sa.String(18), nullable=False),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("rating_hasil_kerja", sa.String(30), nullable=False),
    sa.Column("rating_perilaku_kerja", sa.String(30), nullable=False),
    sa.Column("predikat", sa.String(30), nullable=False),
    sa.Column("assessor_nip", sa.String(18), nullable=False),
    sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id"), nullable=True),
    sa.Column("rated_event_id", sa.String(200), nullable=True),
    sa.Column("superseded_by", sa.String(200), nullable=True),
    _when("rated_at"),
    sa.Column("status", sa.String(20), nullable=False, server_default="PUBLISHED"),
    sa.Column("unit_id", sa.String(100), nullable=True),
    sa.Column("proposed_hasil_kerja", sa.String(30), nullable=True),
    sa.Column("proposed_perilaku_kerja", sa.String(30), nullable=True),
    sa.Column("differs_from_proposal", sa.Boolean, nullable=True),
    sa.Column("consecutive_years", sa.Integer, nullable=True),
    _when("published_at", nullable=True),
    # ORGANISASI when a unit head's Rating Hasil Kerja is the unit's achievement (SE 3/2023)
    sa.Column("hasil_kerja_basis", sa.String(20), nullable=True),
    sa.Index("ix_ratings_nip_period", "nip", "period"),
)

plans = sa.Table(
    "plans",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("nip", sa.String(18), nullable=False),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("pendekatan", sa.String(20), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("approver_nip", sa.String(18), nullable=True),
    _when("created_at"),
    _when("submitted_at", nullable=True),
    _when("approved_at", nullable=True),
    sa.UniqueConstraint("nip", "period", name="uq_plans_nip_period"),
)

rhk = sa.Table(
    "rhk",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id"), nullable=False, index=True),
    sa.Column("jenis", sa.String(20), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("supports_rhk_id", sa.String(64), nullable=True),  # the superior's RHK (cascading)
    sa.Column("position", sa.Integer, nullable=False),
)

indicators = sa.Table(
    "indicators",
    metadata,
    sa.Column("id", sa.String(100), primary_key=True),  # as agencies use it in IndicatorMeasured
    sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id"), nullable=False, index=True),
    sa.Column("rhk_id", sa.String(64), sa.ForeignKey("rhk.id"), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("target", sa.Float, nullable=False),
    sa.Column("unit_of_measure", sa.String(50), nullable=False),
    sa.Column("aspek", sa.String(20), nullable=True),
    sa.Column("perspektif", sa.String(30), nullable=True),
    sa.Column("direction", sa.String(20), nullable=False),
)

plan_changes = sa.Table(
    "plan_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id"), nullable=False, index=True),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("reason", sa.String(60), nullable=False),  # PP 30/2019 Pasal 28
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("changed_by_nip", sa.String(18), nullable=False),
    _when("changed_at"),
)

measurements = sa.Table(
    "measurements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(500), nullable=False),
    sa.Column("event_id", sa.String(200), nullable=False),
    sa.Column("nip", sa.String(18), nullable=False),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("indicator_id", sa.String(100), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit_of_measure", sa.String(50), nullable=False),
    _when("measured_at"),
    sa.Column("evidence_uri", sa.Text, nullable=True),
    # Kept even when it matches no IKI of an approved plan, with the reason, for the evaluator.
    sa.Column("unmatched_reason", sa.String(200), nullable=True),
    sa.UniqueConstraint("source", "event_id", name="uq_measurements_event"),
    sa.Index("ix_measurements_nip_period", "nip", "period"),
)

feedback_notes = sa.Table(
    "feedback_notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("nip", sa.String(18), nullable=False),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("author_nip", sa.String(18), nullable=False),
    sa.Column("rhk_id", sa.String(64), nullable=True),
    sa.Column("nilai", sa.String(30), nullable=True),  # a BerAKHLAK value
    sa.Column("text", sa.Text, nullable=False),
    _when("created_at"),
    sa.Index("ix_feedback_notes_nip_period", "nip", "period"),
)

citizen_feedback = sa.Table(
    "citizen_feedback",
    metadata,
    sa.Column("nip", sa.String(18), primary_key=True),
    sa.Column("period", sa.String(7), primary_key=True),
    sa.Column("unit_id", sa.String(100), nullable=False),
    sa.Column("ratings_count", sa.Integer, nullable=False),
    sa.Column("average_score", sa.Float, nullable=True),
    sa.Column("complaints_received", sa.Integer, nullable=False),
    sa.Column("complaints_substantiated", sa.Integer, nullable=False),
    _when("summarized_at"),
)

organization_ratings = sa.Table(
    "organization_ratings",
    metadata,
    sa.Column("unit_id", sa.String(100), primary_key=True),
    sa.Column("period", sa.String(7), primary_key=True),
    sa.Column("predikat_organisasi", sa.String(30), nullable=False),
    sa.Column("rated_by_nip", sa.String(18), nullable=False),
    sa.Column("event_id", sa.String(200), nullable=False),
    _when("rated_at"),
)

period_closes = sa.Table(
    "period_closes",
    metadata,
    sa.Column("unit_id", sa.String(100), primary_key=True),
    sa.Column("period", sa.String(7), primary_key=True),
    sa.Column("closed_by_nip", sa.String(18), nullable=False),
    sa.Column("distribution", sa.JSON, nullable=True),  # the report, violations included
    _when("closed_at"),
)

objections = sa.Table(
    "objections",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("nip", sa.String(18), nullable=False, index=True),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("rating_id", sa.Integer, sa.ForeignKey("ratings.id"), nullable=False),
    sa.Column("superior_nip", sa.String(18), nullable=False),  # atasan of the Pejabat Penilai
    sa.Column("reasons", sa.Text, nullable=False),
    sa.Column("received_on", sa.Date, nullable=False),
    sa.Column("filed_on", sa.Date, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # DIAJUKAN, DIPUTUS
    sa.Column("outcome", sa.String(20), nullable=True),
    sa.Column("decided_on", sa.Date, nullable=True),
    sa.Column("decision_note", sa.Text, nullable=True),
)

# The annual dokumen penilaian kinerja of (nip, year) and its signatures (PP 30/2019 Pasal 49-50).
# Opened when the year's rating is first published; a superseding rating keeps the same document.
annual_documents = sa.Table(
    "annual_documents",
    metadata,
    sa.Column("nip", sa.String(18), primary_key=True),
    sa.Column("period", sa.String(7), primary_key=True),
    sa.Column("unit_id", sa.String(100), nullable=True, index=True),
    sa.Column("evaluator_nip", sa.String(18), nullable=False),
    sa.Column(
        "superior_nip", sa.String(18), nullable=True
    ),  # unknown until the evaluator's profile
    sa.Column("set_on", sa.Date, nullable=False),
    sa.Column("evaluator_signed_on", sa.Date, nullable=True),
    sa.Column("delivered_on", sa.Date, nullable=True),
    sa.Column("employee_signed_on", sa.Date, nullable=True),
    sa.Column("set_by_superior_on", sa.Date, nullable=True),
    sa.Column("set_by_superior_nip", sa.String(18), nullable=True),
)
