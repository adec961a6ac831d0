"""The chain after a coaching window (PP 30/2019 Pasal 57-58) and rotation recommendations.

Coaching cases keep their article, the rating that judged the window, the re-test and the
placement; a case stays the one case of its (nip, period) until a keberatan cancels it, so the
unique index now excludes only cancelled cases. Rotation recommendations, the units' SKM results
and their substantiated complaints get tables; employees keep their jabatan's name.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

EVENT_ID = sa.String(200)
_CASE_COLUMNS = (
    ("track", sa.String(20)),
    ("completed_on", sa.Date),
    ("improved", sa.Boolean),
    ("latest_predikat", sa.String(30)),
    ("reevaluated_by_event_id", EVENT_ID),
    ("retest_on", sa.Date),
    ("retest_meets_standard", sa.Boolean),
    ("jenis_mutasi", sa.String(30)),
    ("placement_until", sa.Date),
    ("dismissal_recommended_on", sa.Date),
)


def _where(condition: str) -> dict:
    where = sa.text(condition)
    return {"sqlite_where": where, "postgresql_where": where}


def upgrade() -> None:
    op.add_column("employees", sa.Column("position", sa.Text, nullable=True))
    for name, type_ in _CASE_COLUMNS:
        op.add_column("coaching_cases", sa.Column(name, type_, nullable=True))
    op.drop_index("uq_coaching_cases_open", table_name="coaching_cases")
    op.create_index(
        "uq_coaching_cases_current",
        "coaching_cases",
        ["nip", "period"],
        unique=True,
        **_where("status <> 'CANCELLED_BY_SUPERSESSION'"),
    )
    op.create_table(
        "rotation_recommendations",
        sa.Column("recommendation_id", sa.Uuid, primary_key=True),
        sa.Column("reason", sa.String(30), nullable=False),
        sa.Column("nip", sa.String(18), nullable=True),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("case_id", sa.Uuid, nullable=True),
        sa.Column("unit_id", sa.Text, nullable=True),
        sa.Column("jenis_mutasi", sa.String(30), nullable=False),
        sa.Column("current_position", sa.Text, nullable=True),
        sa.Column("uji_kompetensi_on", sa.Date, nullable=True),
        sa.Column("placement_until", sa.Date, nullable=True),
        sa.Column("recommended_on", sa.Date, nullable=False),
        sa.Column("legal_basis", sa.JSON, nullable=False),
        sa.Column("details", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_rotation_recommendations_nip", "rotation_recommendations", ["nip"])
    op.create_index("ix_rotation_recommendations_unit_id", "rotation_recommendations", ["unit_id"])
    op.create_table(
        "unit_service_measures",
        sa.Column("unit_id", sa.Text, primary_key=True),
        sa.Column("service_key", sa.Text, primary_key=True),
        sa.Column("period", sa.String(7), primary_key=True),
        sa.Column("mutu", sa.String(1), nullable=False),
        sa.Column("nik", sa.Float, nullable=False),
        sa.Column("respondents", sa.Integer, nullable=False),
        sa.Column("measured_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event_id", EVENT_ID, nullable=False),
    )
    op.create_table(
        "substantiated_complaints",
        sa.Column("channel", sa.Text, primary_key=True),
        sa.Column("complaint_id", sa.Text, primary_key=True),
        sa.Column("unit_id", sa.Text, nullable=False),
        sa.Column("decided_on", sa.Date, nullable=False),
    )
    op.create_index(
        "ix_substantiated_complaints_unit", "substantiated_complaints", ["unit_id", "decided_on"]
    )


def downgrade() -> None:
    op.drop_table("substantiated_complaints")
    op.drop_table("unit_service_measures")
    op.drop_table("rotation_recommendations")
    op.drop_index("uq_coaching_cases_current", table_name="coaching_cases")
    op.create_index(
        "uq_coaching_cases_open",
        "coaching_cases",
        ["nip", "period"],
        unique=True,
        **_where("status = 'OPEN'"),
    )
    with op.batch_alter_table("coaching_cases") as batch:
        for name, _ in _CASE_COLUMNS:
            batch.drop_column(name)
    with op.batch_alter_table("employees") as batch:
        batch.drop_column("position")
