"""Open311 GeoReport v2 requests.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "open311_requests",
        sa.Column("service_request_id", sa.String(200), primary_key=True),
        sa.Column("service_code", sa.String(100), nullable=False),
        sa.Column("lat", sa.Float, nullable=True),
        sa.Column("long", sa.Float, nullable=True),
        sa.Column("address", sa.Text, nullable=True),
        sa.Column("media_url", sa.Text, nullable=True),
        sa.Column("privacy", sa.String(20), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("open311_requests")
