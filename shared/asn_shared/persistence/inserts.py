"""INSERT ... ON CONFLICT DO NOTHING on both engines the services support.

Preferred over a savepoint and IntegrityError: one statement, no error to recover from, and on
PostgreSQL a concurrent insert of the same key is waited for rather than failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from .affected import affected_rows

# Rows per statement in `insert_new`: PostgreSQL takes at most 32,767 bind parameters.
ROWS_PER_STATEMENT = 1000


async def insert_once(
    session: AsyncSession, table: sa.Table, values: dict[str, Any], conflict: Sequence[str]
) -> bool:
    """Insert `values` unless a row with the same `conflict` columns exists; True if inserted.
    No `conflict` columns: unless the row would break any of the table's unique keys (for a
    table whose keys all derive from the same values)."""
    statement = _insert(session, table).values(**values)
    statement = statement.on_conflict_do_nothing(index_elements=list(conflict) or None)
    return bool(await affected_rows(session, statement))


async def insert_new(
    session: AsyncSession, table: sa.Table, rows: Sequence[dict[str, Any]], conflict: Sequence[str]
) -> set[tuple[Any, ...]]:
    """Insert those of `rows` whose `conflict` columns match no row yet, one statement per
    thousand rows; the `conflict` values of the rows inserted. Of two rows with the same key in
    `rows`, the first is inserted."""
    inserted: set[tuple[Any, ...]] = set()
    keys = [table.c[name] for name in conflict]
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        statement = _insert(session, table).values(list(rows[start : start + ROWS_PER_STATEMENT]))
        statement = statement.on_conflict_do_nothing(index_elements=list(conflict))
        result = await session.execute(statement.returning(*keys))
        inserted.update(tuple(row) for row in result)
    return inserted


def _insert(session: AsyncSession, table: sa.Table) -> postgresql.Insert | sqlite.Insert:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"insert_once supports SQLite and PostgreSQL, not {dialect}")
