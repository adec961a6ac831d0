"""SKM questionnaires and measurements (PermenPANRB 14/2017); citizens' ratings of officers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _when(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("event_id", sa.String(200), nullable=False),
        sa.Column("unit_id", sa.String(200), nullable=False),
        sa.Column("service_name", sa.String(300), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("answers", sa.JSON, nullable=False),
        sa.Column("complete", sa.Boolean, nullable=False),
        _when("received_at"),
        sa.UniqueConstraint("source", "event_id", name="uq_survey_responses_event"),
    )
    op.create_index("ix_survey_responses_unit_period", "survey_responses", ["unit_id", "period"])
    op.create_table(
        "satisfaction_measurements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("unit_id", sa.String(200), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("service_name", sa.String(300), nullable=True),
        sa.Column("respondents", sa.Integer, nullable=False),
        sa.Column("required_sample", sa.Integer, nullable=False),
        sa.Column("ikm", sa.Float, nullable=False),
        sa.Column("nik", sa.Float, nullable=False),
        sa.Column("mutu", sa.String(1), nullable=False),
        sa.Column("event_id", sa.String(200), nullable=False),
        _when("measured_at"),
    )
    op.create_index(
        "ix_satisfaction_unit_period", "satisfaction_measurements", ["unit_id", "period"]
    )
    op.create_table(
        "citizen_ratings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("event_id", sa.String(200), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("unit_id", sa.String(200), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("served_on", sa.Date, nullable=False),
        _when("received_at"),
        sa.UniqueConstraint("source", "event_id", name="uq_citizen_ratings_event"),
    )
    op.create_index("ix_citizen_ratings_nip", "citizen_ratings", ["nip", "served_on"])


def downgrade() -> None:
    for table in ("citizen_ratings", "satisfaction_measurements", "survey_responses"):
        op.drop_table(table)
