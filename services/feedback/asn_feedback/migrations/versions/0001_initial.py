"""Initial schema: inbox, outbox, complaints.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from asn_shared.persistence.tables import create_messaging_tables, drop_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables(op)
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(100), nullable=False),
        sa.Column("complaint_id", sa.String(200), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("event_id", sa.String(200), nullable=False),
        sa.Column("unit_id", sa.String(200), nullable=False),
        sa.Column("subject_nip", sa.String(18), nullable=True),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("privacy", sa.String(20), nullable=False),
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
    op.create_index("ix_complaints_unit_id", "complaints", ["unit_id"])
    op.create_index("ix_complaints_subject_nip", "complaints", ["subject_nip"])


def downgrade() -> None:
    op.drop_table("complaints")
    drop_messaging_tables(op)
