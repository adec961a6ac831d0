"""Channels (email, inbox, webhook), priorities, digests and preferences.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite cannot drop a unique constraint in place, so the table is copied.
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(
            sa.Column("channel", sa.String(10), nullable=False, server_default="EMAIL")
        )
        batch.add_column(
            sa.Column("priority", sa.String(10), nullable=False, server_default="NORMAL")
        )
        batch.add_column(sa.Column("read_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("digest_id", sa.String(36), nullable=True))
        batch.drop_constraint("uq_notifications_recipient", type_="unique")
        batch.create_unique_constraint(
            "uq_notifications_recipient_channel",
            ["trigger_event_id", "recipient_role", "recipient_key", "channel"],
        )
        batch.create_index("ix_notifications_digest_id", ["digest_id"])
        batch.create_index("ix_notifications_inbox", ["recipient_nip", "channel", "created_at"])
    op.create_table(
        "preferences",
        sa.Column("nip", sa.String(18), primary_key=True),
        sa.Column("channel", sa.String(10), primary_key=True),
        sa.Column("template", sa.String(100), primary_key=True),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("preferences")
    with op.batch_alter_table("notifications") as batch:
        batch.drop_index("ix_notifications_inbox")
        batch.drop_index("ix_notifications_digest_id")
        batch.drop_constraint("uq_notifications_recipient_channel", type_="unique")
        batch.create_unique_constraint(
            "uq_notifications_recipient", ["trigger_event_id", "recipient_role", "recipient_key"]
        )
        batch.drop_column("digest_id")
        batch.drop_column("read_at")
        batch.drop_column("priority")
        batch.drop_column("channel")
