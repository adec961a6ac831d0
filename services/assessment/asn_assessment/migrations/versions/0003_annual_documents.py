"""The annual document's signatures (PP 30/2019 Pasal 49-50); a unit head's Hasil Kerja basis.

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


def upgrade() -> None:
    with op.batch_alter_table("ratings") as batch:
        batch.add_column(sa.Column("hasil_kerja_basis", sa.String(20), nullable=True))
    op.create_table(
        "annual_documents",
        sa.Column("nip", sa.String(18), primary_key=True),
        sa.Column("period", sa.String(7), primary_key=True),
        sa.Column("unit_id", sa.String(100), nullable=True),
        sa.Column("evaluator_nip", sa.String(18), nullable=False),
        sa.Column("superior_nip", sa.String(18), nullable=True),
        sa.Column("set_on", sa.Date, nullable=False),
        sa.Column("evaluator_signed_on", sa.Date, nullable=True),
        sa.Column("delivered_on", sa.Date, nullable=True),
        sa.Column("employee_signed_on", sa.Date, nullable=True),
        sa.Column("set_by_superior_on", sa.Date, nullable=True),
        sa.Column("set_by_superior_nip", sa.String(18), nullable=True),
    )
    op.create_index("ix_annual_documents_unit_id", "annual_documents", ["unit_id"])


def downgrade() -> None:
    op.drop_table("annual_documents")
    with op.batch_alter_table("ratings") as batch:
        batch.drop_column("hasil_kerja_basis")
