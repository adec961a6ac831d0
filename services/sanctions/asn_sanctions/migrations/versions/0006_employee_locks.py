"""Ratings are serialised per ASN, not per (nip, period): one running coaching case per ASN.

Two ratings of one ASN for different periods, applied at the same moment, each found no running
case and each opened one (issue 17). The lock row is now the ASN's (`employee_locks`);
`rating_locks` held only keys, nothing to carry over.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("employee_locks", sa.Column("nip", sa.String(18), primary_key=True))
    op.drop_table("rating_locks")


def downgrade() -> None:
    op.create_table(
        "rating_locks",
        sa.Column("nip", sa.String(18), primary_key=True),
        sa.Column("period", sa.String(7), primary_key=True),
    )
    op.drop_table("employee_locks")
