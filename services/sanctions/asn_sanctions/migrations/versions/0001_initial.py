"""Initial schema: inbox, outbox, employees, ratings_received, coaching_cases, rewards.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from asn_shared.persistence.tables import create_messaging_tables, drop_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _only(status: str) -> dict:
    # Partial unique index: one live record per (nip, period), cancelled ones kept as history.
    where = sa.text(f"status = '{status}'")
    return {"sqlite_where": where, "postgresql_where": where}


def upgrade() -> None:
    create_messaging_tables(op)
    op.create_table(
        "employees",
        sa.Column("nip", sa.String(18), primary_key=True),
        sa.Column("unit_id", sa.Text, nullable=False),
        sa.Column("position_type", sa.String(20), nullable=False),
        sa.Column("supervisor_nip", sa.String(18), nullable=True),
        sa.Column("profile_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("profile_event_id", sa.String(200), nullable=False),
    )
    op.create_table(
        "ratings_received",
        sa.Column("rated_event_id", sa.String(200), primary_key=True),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("predikat", sa.String(30), nullable=False),
        sa.Column("supersedes", sa.String(200), nullable=True),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied", sa.Boolean, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_ratings_received_nip_period", "ratings_received", ["nip", "period"])
    op.create_index("ix_ratings_received_supersedes", "ratings_received", ["supersedes"])
    op.create_table(
        "coaching_cases",
        sa.Column("case_id", sa.Uuid, primary_key=True),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("predikat", sa.String(30), nullable=False),
        sa.Column("coaching_type", sa.String(30), nullable=False),
        sa.Column("started_on", sa.Date, nullable=False),
        sa.Column("improvement_deadline", sa.Date, nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("rated_event_id", sa.String(200), nullable=False),
        sa.Column("cancelled_by_event_id", sa.String(200), nullable=True),
        sa.Column("legal_basis", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_coaching_cases_nip", "coaching_cases", ["nip"])
    op.create_index(
        "uq_coaching_cases_open", "coaching_cases", ["nip", "period"], unique=True, **_only("OPEN")
    )
    op.create_table(
        "rewards",
        sa.Column("reward_id", sa.Uuid, primary_key=True),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("predikat", sa.String(30), nullable=False),
        sa.Column("reward_type", sa.String(30), nullable=False),
        sa.Column("granted_on", sa.Date, nullable=False),
        sa.Column("recommendation", sa.Text, nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("rated_event_id", sa.String(200), nullable=False),
        sa.Column("cancelled_by_event_id", sa.String(200), nullable=True),
        sa.Column("legal_basis", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_rewards_nip", "rewards", ["nip"])
    op.create_index(
        "uq_rewards_granted", "rewards", ["nip", "period"], unique=True, **_only("GRANTED")
    )


def downgrade() -> None:
    op.drop_table("rewards")
    op.drop_table("coaching_cases")
    op.drop_table("ratings_received")
    op.drop_table("employees")
    drop_messaging_tables(op)
