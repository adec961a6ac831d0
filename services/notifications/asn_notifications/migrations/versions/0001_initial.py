"""Initial schema: inbox, outbox, people, notifications (the mail outbox).

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
        "people",
        sa.Column("nip", sa.String(18), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("supervisor_nip", sa.String(18), nullable=True),
        sa.Column("unit_id", sa.String(200), nullable=False),
        sa.Column("unit_name", sa.String(500), nullable=False),
        sa.Column("position", sa.String(500), nullable=False),
        sa.Column("profile_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("profile_event_id", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_people_unit_id", "people", ["unit_id"])
    op.create_table(
        "notifications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("trigger_event_id", sa.String(200), nullable=False),
        sa.Column("trigger_event_type", sa.String(100), nullable=False),
        sa.Column("correlation_id", sa.String(200), nullable=False),
        sa.Column("template", sa.String(100), nullable=False),
        sa.Column("recipient_role", sa.String(20), nullable=False),
        sa.Column("recipient_nip", sa.String(18), nullable=True),
        sa.Column("recipient_address", sa.String(320), nullable=True),
        sa.Column("recipient_key", sa.String(100), nullable=False),
        sa.Column("subject", sa.String(300), nullable=True),
        sa.Column("body", sa.Text, nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint(
            "trigger_event_id", "recipient_role", "recipient_key", name="uq_notifications_recipient"
        ),
    )
    op.create_index("ix_notifications_due", "notifications", ["status", "next_attempt_at"])
    op.create_index("ix_notifications_trigger", "notifications", ["trigger_event_id"])


def downgrade() -> None:
    op.drop_table("notifications")
    op.drop_table("people")
    drop_messaging_tables(op)
