"""The inbox and outbox tables every service keeps in its own database.

They live in their own `messaging_metadata` (Alembic's target metadata is a list: the service's
own metadata plus this one). Services create them in their first migration with
`create_messaging_tables(op)`, from the same column definitions, so the two never drift.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

OUTBOX_ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _inbox_columns() -> list[Any]:
    return [
        sa.Column("consumer", sa.String(100), primary_key=True),
        sa.Column("source", sa.String(500), primary_key=True),
        sa.Column("event_id", sa.String(200), primary_key=True),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _outbox_columns() -> list[Any]:
    return [
        # Serial id gives the publishing order.
        sa.Column("id", OUTBOX_ID_TYPE, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(200), nullable=False, unique=True),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("routing_key", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=True),
    ]


# Partial index: the relay only ever scans unpublished rows.
_PENDING_ONLY: dict[str, Any] = {
    "postgresql_where": sa.text("published_at IS NULL"),
    "sqlite_where": sa.text("published_at IS NULL"),
}

messaging_metadata = sa.MetaData()
inbox_table = sa.Table("inbox", messaging_metadata, *_inbox_columns())
outbox_table = sa.Table("outbox", messaging_metadata, *_outbox_columns())
sa.Index("ix_outbox_pending", outbox_table.c.id, **_PENDING_ONLY)


def create_messaging_tables(op: Any) -> None:
    """Alembic upgrade step for a service's first migration."""
    op.create_table("inbox", *_inbox_columns())
    op.create_table("outbox", *_outbox_columns())
    op.create_index("ix_outbox_pending", "outbox", ["id"], **_PENDING_ONLY)


def drop_messaging_tables(op: Any) -> None:
    op.drop_index("ix_outbox_pending", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("inbox")
