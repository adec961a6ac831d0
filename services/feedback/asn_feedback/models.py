"""The feedback service's own tables."""

import sqlalchemy as sa

metadata = sa.MetaData()

# Key columns are bounded (they are indexed); services.py refuses longer values rather than let
# PostgreSQL reject the insert and the message be retried until its delivery limit.
CHANNEL_MAX = 100
COMPLAINT_ID_MAX = 200
UNIT_ID_MAX = 200

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
    sa.UniqueConstraint("channel", "complaint_id", name="uq_complaints_channel_id"),
)
