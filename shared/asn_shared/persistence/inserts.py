"""INSERT ... ON CONFLICT DO NOTHING on both engines the services support.

Preferred over a savepoint and IntegrityError: on SQLite (pysqlite's deferred BEGIN) a savepoint
that is a transaction's first write commits when released, outside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


async def insert_once(
    session: AsyncSession, table: sa.Table, values: dict[str, Any], conflict: Sequence[str]
) -> bool:
    """Insert `values` unless a row with the same `conflict` columns exists; True if inserted."""
    dialect = session.get_bind().dialect.name
    if dialect not in _INSERTS:
        raise NotImplementedError(f"insert_once supports SQLite and PostgreSQL, not {dialect}")
    statement = _INSERTS[dialect](table).values(**values)
    statement = statement.on_conflict_do_nothing(index_elements=list(conflict))
    return bool((await session.execute(statement)).rowcount)
