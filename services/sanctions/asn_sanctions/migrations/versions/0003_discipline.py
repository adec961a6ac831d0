"""Discipline (PP 94/2021) and its remedies (PP 79/2021): absences, cases, steps, objections,
duty flags, and the durable timers of their deadlines; the per-period lock rows of ratings.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from asn_shared.timers.table import create_timers_table, drop_timers_table

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NIP = sa.String(18)


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    create_timers_table(op)
    op.create_table(
        "rating_locks",
        sa.Column("nip", NIP, primary_key=True),
        sa.Column("period", sa.String(7), primary_key=True),
    )
    op.create_table(
        "absences",
        sa.Column("nip", NIP, primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("excused", sa.Boolean, nullable=False),
        sa.Column("working_day", sa.Boolean, nullable=False),
        _when("reported_at"),
        sa.Column("event_id", sa.String(200), nullable=False),
    )
    op.create_table(
        "attendance_years",
        sa.Column("nip", NIP, primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("unexcused_days", sa.Integer, nullable=False),
        sa.Column("longest_run", sa.Integer, nullable=False),
    )
    _cases()
    op.create_table(
        "case_steps",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Uuid, nullable=False),
        sa.Column("step", sa.String(40), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("actor_nip", NIP, nullable=True),
        sa.Column("details", sa.JSON, nullable=False),
        _when("taken_at"),
    )
    op.create_index("ix_case_steps_case_id", "case_steps", ["case_id"])
    _objections_and_flags()


def _cases() -> None:
    op.create_table(
        "disciplinary_cases",
        sa.Column("case_id", sa.Uuid, primary_key=True),
        sa.Column("trigger_key", sa.String(300), nullable=False, unique=True),
        sa.Column("nip", NIP, nullable=False),
        sa.Column("unit_id", sa.Text, nullable=True),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("origin_event_id", sa.String(200), nullable=True),
        sa.Column("pelanggaran", sa.Text, nullable=False),
        sa.Column("legal_basis", sa.JSON, nullable=False),
        sa.Column("required_jenis", sa.String(30), nullable=True),
        sa.Column("estimated_tingkat", sa.String(10), nullable=True),
        sa.Column("examiner_nip", NIP, nullable=True),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("summons", sa.Integer, nullable=False, server_default="0"),
        sa.Column("summoned_on", sa.Date, nullable=True),
        _when("scheduled_at", nullable=True),
        sa.Column("examined_on", sa.Date, nullable=True),
        sa.Column("decision_number", sa.Text, nullable=True),
        sa.Column("jenis", sa.String(30), nullable=True),
        sa.Column("imposed_by_nip", NIP, nullable=True),
        sa.Column("decided_on", sa.Date, nullable=True),
        sa.Column("without_examination", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("delivery_due", sa.Date, nullable=True),
        sa.Column("received_on", sa.Date, nullable=True),
        sa.Column("effective_on", sa.Date, nullable=True),
        sa.Column("upaya_administratif", sa.String(30), nullable=True),
        sa.Column("decided_with", sa.Uuid, nullable=True),
        _when("updated_at"),
    )
    op.create_index("ix_disciplinary_cases_nip", "disciplinary_cases", ["nip"])
    op.create_index("ix_disciplinary_cases_unit_id", "disciplinary_cases", ["unit_id"])


def _objections_and_flags() -> None:
    op.create_table(
        "objections",
        sa.Column("objection_id", sa.Uuid, primary_key=True),
        sa.Column("case_id", sa.Uuid, nullable=False),
        sa.Column("upaya", sa.String(30), nullable=False),
        sa.Column("filed_on", sa.Date, nullable=False),
        sa.Column("filed_in_time", sa.Boolean, nullable=False),
        sa.Column("decision_due", sa.Date, nullable=False),
        sa.Column("outcome", sa.String(30), nullable=True),
        sa.Column("resulting_jenis", sa.String(30), nullable=True),
        sa.Column("decided_by_nip", NIP, nullable=True),
        sa.Column("decided_on", sa.Date, nullable=True),
        _when("updated_at"),
    )
    op.create_index("ix_objections_case_id", "objections", ["case_id"])
    op.create_table(
        "duty_flags",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Uuid, nullable=False),
        sa.Column("duty", sa.String(40), nullable=False),
        sa.Column("official_nip", NIP, nullable=True),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("article", sa.Text, nullable=False),
        _when("flagged_at"),
        sa.UniqueConstraint("case_id", "duty", "due_on", name="uq_duty_flags_once"),
    )
    op.create_index("ix_duty_flags_case_id", "duty_flags", ["case_id"])


def downgrade() -> None:
    for table in (
        "duty_flags",
        "objections",
        "case_steps",
        "disciplinary_cases",
        "attendance_years",
        "absences",
        "rating_locks",
    ):
        op.drop_table(table)
    drop_timers_table(op)
