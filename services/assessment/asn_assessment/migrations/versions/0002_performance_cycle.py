"""The performance cycle: people, SKP plans, evidence, pending ratings, closes, objections.

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

NEW_TABLES = (
    "employees",
    "plans",
    "rhk",
    "indicators",
    "plan_changes",
    "measurements",
    "feedback_notes",
    "citizen_feedback",
    "organization_ratings",
    "period_closes",
    "objections",
)


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    # Batch mode: SQLite cannot ALTER a column's nullability in place.
    with op.batch_alter_table("ratings") as batch:
        batch.alter_column("assessment_id", existing_type=sa.Integer, nullable=True)
        batch.alter_column("rated_event_id", existing_type=sa.String(200), nullable=True)
        batch.add_column(
            sa.Column("status", sa.String(20), nullable=False, server_default="PUBLISHED")
        )
        batch.add_column(sa.Column("unit_id", sa.String(100), nullable=True))
        batch.add_column(sa.Column("proposed_hasil_kerja", sa.String(30), nullable=True))
        batch.add_column(sa.Column("proposed_perilaku_kerja", sa.String(30), nullable=True))
        batch.add_column(sa.Column("differs_from_proposal", sa.Boolean, nullable=True))
        batch.add_column(sa.Column("consecutive_years", sa.Integer, nullable=True))
        batch.add_column(_when("published_at", nullable=True))
    op.execute("UPDATE ratings SET status = 'SUPERSEDED' WHERE superseded_by IS NOT NULL")
    op.execute("UPDATE ratings SET published_at = rated_at")

    op.create_table(
        "employees",
        sa.Column("nip", sa.String(18), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("unit_id", sa.String(100), nullable=False),
        sa.Column("unit_name", sa.String(300), nullable=False),
        sa.Column("position_type", sa.String(20), nullable=False),
        sa.Column("supervisor_nip", sa.String(18), nullable=True),
        _when("profile_time"),
    )
    op.create_index("ix_employees_unit_id", "employees", ["unit_id"])
    op.create_table(
        "plans",
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
    op.create_table(
        "rhk",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id"), nullable=False),
        sa.Column("jenis", sa.String(20), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("supports_rhk_id", sa.String(64), nullable=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_rhk_plan_id", "rhk", ["plan_id"])
    op.create_table(
        "indicators",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id"), nullable=False),
        sa.Column("rhk_id", sa.String(64), sa.ForeignKey("rhk.id"), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("target", sa.Float, nullable=False),
        sa.Column("unit_of_measure", sa.String(50), nullable=False),
        sa.Column("aspek", sa.String(20), nullable=True),
        sa.Column("perspektif", sa.String(30), nullable=True),
        sa.Column("direction", sa.String(20), nullable=False),
    )
    op.create_index("ix_indicators_plan_id", "indicators", ["plan_id"])
    op.create_table(
        "plan_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id"), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("reason", sa.String(60), nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("changed_by_nip", sa.String(18), nullable=False),
        _when("changed_at"),
    )
    op.create_index("ix_plan_changes_plan_id", "plan_changes", ["plan_id"])
    op.create_table(
        "measurements",
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
        sa.Column("unmatched_reason", sa.String(200), nullable=True),
        sa.UniqueConstraint("source", "event_id", name="uq_measurements_event"),
    )
    op.create_index("ix_measurements_nip_period", "measurements", ["nip", "period"])
    op.create_table(
        "feedback_notes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("author_nip", sa.String(18), nullable=False),
        sa.Column("rhk_id", sa.String(64), nullable=True),
        sa.Column("nilai", sa.String(30), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_feedback_notes_nip_period", "feedback_notes", ["nip", "period"])
    op.create_table(
        "citizen_feedback",
        sa.Column("nip", sa.String(18), primary_key=True),
        sa.Column("period", sa.String(7), primary_key=True),
        sa.Column("unit_id", sa.String(100), nullable=False),
        sa.Column("ratings_count", sa.Integer, nullable=False),
        sa.Column("average_score", sa.Float, nullable=True),
        sa.Column("complaints_received", sa.Integer, nullable=False),
        sa.Column("complaints_substantiated", sa.Integer, nullable=False),
        _when("summarized_at"),
    )
    op.create_table(
        "organization_ratings",
        sa.Column("unit_id", sa.String(100), primary_key=True),
        sa.Column("period", sa.String(7), primary_key=True),
        sa.Column("predikat_organisasi", sa.String(30), nullable=False),
        sa.Column("rated_by_nip", sa.String(18), nullable=False),
        sa.Column("event_id", sa.String(200), nullable=False),
        _when("rated_at"),
    )
    op.create_table(
        "period_closes",
        sa.Column("unit_id", sa.String(100), primary_key=True),
        sa.Column("period", sa.String(7), primary_key=True),
        sa.Column("closed_by_nip", sa.String(18), nullable=False),
        sa.Column("distribution", sa.JSON, nullable=True),
        _when("closed_at"),
    )
    op.create_table(
        "objections",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("rating_id", sa.Integer, sa.ForeignKey("ratings.id"), nullable=False),
        sa.Column("superior_nip", sa.String(18), nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("filed_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=True),
        sa.Column("decided_on", sa.Date, nullable=True),
        sa.Column("decision_note", sa.Text, nullable=True),
    )
    op.create_index("ix_objections_nip", "objections", ["nip"])


def downgrade() -> None:
    for table in reversed(NEW_TABLES):
        op.drop_table(table)
    with op.batch_alter_table("ratings") as batch:
        for column in (
            "published_at",
            "consecutive_years",
            "differs_from_proposal",
            "proposed_perilaku_kerja",
            "proposed_hasil_kerja",
            "unit_id",
            "status",
        ):
            batch.drop_column(column)
