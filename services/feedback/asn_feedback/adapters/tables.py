"""The feedback service's own tables."""

import sqlalchemy as sa

# Key columns are bounded (they are indexed): usecases/intake.py refuses longer values.
from ..domain.complaints import CHANNEL_MAX, COMPLAINT_ID_MAX, UNIT_ID_MAX

metadata = sa.MetaData()

complaints = sa.Table(
    "complaints",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("channel", sa.String(CHANNEL_MAX), nullable=False),
    sa.Column("complaint_id", sa.String(COMPLAINT_ID_MAX), nullable=False),
    # The CloudEvent that first brought the complaint; re-publications under new ids are no-ops.
    sa.Column("source", sa.String(500), nullable=False),
    sa.Column("event_id", sa.String(200), nullable=False),
    sa.Column("unit_id", sa.String(UNIT_ID_MAX), nullable=False, index=True),
    sa.Column("subject_nip", sa.String(18), nullable=True, index=True),
    sa.Column("category", sa.Text, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("privacy", sa.String(20), nullable=False),
    # Personal data: stored here only, never logged, never in a public response.
    sa.Column("complainant_name", sa.Text, nullable=True),
    sa.Column("complainant_email", sa.String(320), nullable=True),
    sa.Column("complainant_phone", sa.Text, nullable=True),
    sa.Column("service_date", sa.Date, nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("receipt_number", sa.String(30), nullable=False, unique=True),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("response_due", sa.Date, nullable=False),
    sa.Column("late_filing", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    # Handling (domain/lifecycle.py): the Jakarta dates each step was reached, and its outcomes.
    sa.Column("klasifikasi", sa.String(30), nullable=True),
    sa.Column("responded_on", sa.Date, nullable=True),
    sa.Column("complete_on", sa.Date, nullable=True),
    sa.Column("incomplete_on", sa.Date, nullable=True),
    sa.Column("disposed_on", sa.Date, nullable=True),
    sa.Column("followed_up_on", sa.Date, nullable=True),
    sa.Column("decided_on", sa.Date, nullable=True),
    sa.Column("decision", sa.String(20), nullable=True),  # TERBUKTI, TIDAK_TERBUKTI, DICABUT
    sa.Column("notified_on", sa.Date, nullable=True),
    sa.Column("closed_on", sa.Date, nullable=True),
    sa.UniqueConstraint("channel", "complaint_id", name="uq_complaints_channel_id"),
)

# Each step taken, by whom (an official's NIP, or COMPLAINANT / SYSTEM), with its note.
complaint_steps = sa.Table(
    "complaint_steps",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("complaint_pk", sa.Integer, sa.ForeignKey("complaints.id"), nullable=False),
    sa.Column("action", sa.String(30), nullable=False),
    sa.Column("status", sa.String(30), nullable=False),  # the status it led to
    sa.Column("actor", sa.String(30), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_complaint_steps_complaint", "complaint_pk"),
)

# A missed deadline is published once: this row is written with its ComplaintDeadlineMissed.
complaint_deadlines_missed = sa.Table(
    "complaint_deadlines_missed",
    metadata,
    sa.Column("complaint_pk", sa.Integer, sa.ForeignKey("complaints.id"), primary_key=True),
    sa.Column("deadline", sa.String(40), primary_key=True),
    sa.Column("due_date", sa.Date, primary_key=True),
    sa.Column("responsible_nip", sa.String(18), nullable=False),
    sa.Column("event_id", sa.String(200), nullable=False),
    sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
)

# Who answers for a unit's complaints: its desk (pengelola pengaduan) and its head.
unit_officials = sa.Table(
    "unit_officials",
    metadata,
    sa.Column("unit_id", sa.String(UNIT_ID_MAX), primary_key=True),
    sa.Column("desk_nip", sa.String(18), nullable=False),
    sa.Column("desk_position", sa.String(300), nullable=False),
    sa.Column("head_nip", sa.String(18), nullable=False),
    sa.Column("head_position", sa.String(300), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# One SKM questionnaire (PermenPANRB 14/2017); `complete` when all nine elements are answered,
# since only complete ones enter the IKM. Anonymous by nature: no respondent data exists here.
survey_responses = sa.Table(
    "survey_responses",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(500), nullable=False),
    sa.Column("event_id", sa.String(200), nullable=False),
    sa.Column("unit_id", sa.String(UNIT_ID_MAX), nullable=False),
    sa.Column("service_name", sa.String(300), nullable=False),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("answers", sa.JSON, nullable=False),
    sa.Column("complete", sa.Boolean, nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("source", "event_id", name="uq_survey_responses_event"),
    sa.Index("ix_survey_responses_unit_period", "unit_id", "period"),
)

# Each published ServiceSatisfactionMeasured (a unit may measure a period again: newest wins).
satisfaction_measurements = sa.Table(
    "satisfaction_measurements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("unit_id", sa.String(UNIT_ID_MAX), nullable=False),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("service_name", sa.String(300), nullable=True),  # None: all the unit's services
    sa.Column("respondents", sa.Integer, nullable=False),
    sa.Column("required_sample", sa.Integer, nullable=False),
    sa.Column("ikm", sa.Float, nullable=False),
    sa.Column("nik", sa.Float, nullable=False),
    sa.Column("mutu", sa.String(1), nullable=False),
    sa.Column("event_id", sa.String(200), nullable=False),
    sa.Column("measured_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_satisfaction_unit_period", "unit_id", "period"),
)

# A citizen's rating of the officer who served them. The comment is kept for the record but
# never logged, published or shown publicly: it may name the citizen.
citizen_ratings = sa.Table(
    "citizen_ratings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(500), nullable=False),
    sa.Column("event_id", sa.String(200), nullable=False),
    sa.Column("nip", sa.String(18), nullable=False),
    sa.Column("unit_id", sa.String(UNIT_ID_MAX), nullable=False),
    sa.Column("score", sa.Integer, nullable=False),
    sa.Column("comment", sa.Text, nullable=True),
    sa.Column("served_on", sa.Date, nullable=False),  # the Jakarta date of service
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("source", "event_id", name="uq_citizen_ratings_event"),
    sa.Index("ix_citizen_ratings_nip", "nip", "served_on"),
)

# What an Open311 GeoReport request carries beyond ComplaintReceived (api/open311.py).
open311_requests = sa.Table(
    "open311_requests",
    metadata,
    sa.Column("service_request_id", sa.String(COMPLAINT_ID_MAX), primary_key=True),
    sa.Column("service_code", sa.String(100), nullable=False),
    sa.Column("lat", sa.Float, nullable=True),
    sa.Column("long", sa.Float, nullable=True),
    sa.Column("address", sa.Text, nullable=True),
    sa.Column("media_url", sa.Text, nullable=True),
    sa.Column("privacy", sa.String(20), nullable=False),
    sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
)

# One row per officer, updated first by every summary of theirs: the row lock serialises
# concurrent summaries (the consumer applies messages concurrently), so the last one to commit
# has counted everything and the newest CitizenFeedbackSummarized is always complete.
citizen_feedback_locks = sa.Table(
    "citizen_feedback_locks",
    metadata,
    sa.Column("nip", sa.String(18), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)
