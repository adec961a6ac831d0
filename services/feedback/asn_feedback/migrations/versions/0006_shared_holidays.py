"""Holidays move to the calendar every service shares (ASN_HOLIDAYS_FILE, asn_shared.calendar).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("holidays")


def downgrade() -> None:
    op.create_table(
        "holidays",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
    )
