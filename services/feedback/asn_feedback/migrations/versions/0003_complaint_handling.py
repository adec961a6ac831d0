"""Complaint handling: step dates and outcomes, the step log, missed deadlines, the officials who
answer for a unit's complaints, and the holiday calendar.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

DATES = (
    "responded_on",
    "complete_on",
    "incomplete_on",
    "disposed_on",
    "followed_up_on",
    "decided_on",
    "notified_on",
    "closed_on",
)


def _when(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("klasifikasi", sa.String(30), nullable=True))
        batch.add_column(sa.Column("decision", sa.String(20), nullable=True))
        for name in DATES:
            batch.add_column(sa.Column(name, sa.Date, nullable=True))
    op.create_table(
        "complaint_steps",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("complaint_pk", sa.Integer, sa.ForeignKey("complaints.id"), nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("actor", sa.String(30), nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        _when("taken_at"),
    )
    op.create_index("ix_complaint_steps_complaint", "complaint_steps", ["complaint_pk"])
    op.create_table(
        "complaint_deadlines_missed",
        sa.Column("complaint_pk", sa.Integer, sa.ForeignKey("complaints.id"), primary_key=True),
        sa.Column("deadline", sa.String(40), primary_key=True),
        sa.Column("due_date", sa.Date, primary_key=True),
        sa.Column("responsible_nip", sa.String(18), nullable=False),
        sa.Column("event_id", sa.String(200), nullable=False),
        _when("detected_at"),
    )
    op.create_table(
        "unit_officials",
        sa.Column("unit_id", sa.String(200), primary_key=True),
        sa.Column("desk_nip", sa.String(18), nullable=False),
        sa.Column("desk_position", sa.String(300), nullable=False),
        sa.Column("head_nip", sa.String(18), nullable=False),
        sa.Column("head_position", sa.String(300), nullable=False),
        _when("updated_at"),
    )
    op.create_table(
        "holidays",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    for table in ("holidays", "unit_officials", "complaint_deadlines_missed", "complaint_steps"):
        op.drop_table(table)
    with op.batch_alter_table("complaints") as batch:
        for name in (*DATES, "decision", "klasifikasi"):
            batch.drop_column(name)
