"""Rewards by type and training recommendations (PP 30/2019 Pasal 53).

A second Sangat Baik year holds a penghargaan and the talent-pool priority for the same period
(Pasal 53(1)), so the one-live-reward index now keys on the reward type too. Training
recommendations (Pasal 53(2), and the agencies' advanced training for Sangat Baik) get a table.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _only(status: str) -> dict:
    # Partial unique index: one live record per key, cancelled ones kept as history.
    where = sa.text(f"status = '{status}'")
    return {"sqlite_where": where, "postgresql_where": where}


def upgrade() -> None:
    # Indexes are dropped and created in place on SQLite too: no table rebuild (batch) needed.
    op.drop_index("uq_rewards_granted", table_name="rewards")
    op.create_index(
        "uq_rewards_granted",
        "rewards",
        ["nip", "period", "reward_type"],
        unique=True,
        **_only("GRANTED"),
    )
    op.create_table(
        "training_recommendations",
        sa.Column("recommendation_id", sa.Uuid, primary_key=True),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("predikat", sa.String(30), nullable=False),
        sa.Column("competencies", sa.JSON, nullable=False),
        sa.Column("recommended_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("rated_event_id", sa.String(200), nullable=False),
        sa.Column("cancelled_by_event_id", sa.String(200), nullable=True),
        sa.Column("legal_basis", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_training_recommendations_nip", "training_recommendations", ["nip"])
    op.create_index(
        "uq_training_recommendations_granted",
        "training_recommendations",
        ["nip", "period", "kind"],
        unique=True,
        **_only("GRANTED"),
    )


def downgrade() -> None:
    op.drop_table("training_recommendations")
    # Revision 0001 knows only PENGHARGAAN, one per (nip, period): the Pasal 53 priorities go,
    # or the old unique index could not be rebuilt.
    op.execute("DELETE FROM rewards WHERE reward_type <> 'PENGHARGAAN'")
    op.drop_index("uq_rewards_granted", table_name="rewards")
    op.create_index(
        "uq_rewards_granted", "rewards", ["nip", "period"], unique=True, **_only("GRANTED")
    )
