"""The `timers` table, defined once.

A service puts it in its own metadata with `timers_table(metadata)` (in models.py) and creates it
with `create_timers_table(op)` in the migration that introduces timers, so the model and the
migration come from the same column definitions and never drift.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..persistence.tables import OUTBOX_ID_TYPE

TIMERS = "timers"
_UNIQUE_KIND_KEY = "uq_timers_kind_key"
_PENDING_INDEX = "ix_timers_pending"
_PENDING = "fired_at IS NULL AND cancelled_at IS NULL"
# Partial index: the scheduler only ever scans timers that are neither fired nor cancelled, and
# those stay few while fired ones accumulate for the record.
_PENDING_ONLY: dict[str, Any] = {
    "postgresql_where": sa.text(_PENDING),
    "sqlite_where": sa.text(_PENDING),
}


def timer_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", OUTBOX_ID_TYPE, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(100), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        # The scheduling event's conversation: events the timer emits later stay in its chain.
        sa.Column("correlation_id", sa.String(200), nullable=True),
        sa.Column("causation_id", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
    ]


def _constraints() -> list[sa.Constraint]:
    # Scheduling the same (kind, key) twice is a no-op: redelivered events schedule once.
    return [sa.UniqueConstraint("kind", "key", name=_UNIQUE_KIND_KEY)]


def timers_table(metadata: sa.MetaData) -> sa.Table:
    """Add the `timers` table to a service's metadata (call once, in its models.py)."""
    table = sa.Table(TIMERS, metadata, *timer_columns(), *_constraints())
    sa.Index(_PENDING_INDEX, table.c.due_at, **_PENDING_ONLY)
    return table


def create_timers_table(op: Any) -> None:
    """Alembic upgrade step for the migration that introduces timers in a service."""
    op.create_table(TIMERS, *timer_columns(), *_constraints())
    op.create_index(_PENDING_INDEX, TIMERS, ["due_at"], **_PENDING_ONLY)


def drop_timers_table(op: Any) -> None:
    op.drop_index(_PENDING_INDEX, table_name=TIMERS)
    op.drop_table(TIMERS)
