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


async def insert_once(
    session: AsyncSession, table: sa.Table, values: dict[str, Any], conflict: Sequence[str]
) -> bool:
    """Insert `values` unless a row with the same `conflict` columns exists; True if inserted."""
    dialect = session.get_bind().dialect.name
    statement: postgresql.Insert | sqlite.Insert
    if dialect == "postgresql":
        statement = postgresql.insert(table).values(**values)
        statement = statement.on_conflict_do_nothing(index_elements=list(conflict))
    elif dialect == "sqlite":
        statement = sqlite.insert(table).values(**values)
        statement = statement.on_conflict_do_nothing(index_elements=list(conflict))
    else:
        raise NotImplementedError(f"insert_once supports SQLite and PostgreSQL, not {dialect}")
    return bool(await affected_rows(session, statement))
