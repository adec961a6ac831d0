"""Lock rows: serialising the transactions that touch one key (an officer, an ASN's year...).

The consumer applies messages concurrently; where two of them would read and then write the same
derived state, each first holds a row for the key. An UPDATE takes the row lock on PostgreSQL and
the write lock on SQLite, and the row is created first if it is not there yet.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from .inserts import insert_once


async def lock_row(
    session: AsyncSession,
    table: sa.Table,
    key: dict[str, Any],
    *,
    initial: dict[str, Any] | None = None,
    touch: dict[str, Any] | None = None,
) -> None:
    """Hold the row of `key` until commit, creating it with `initial` values when missing.

    `touch`: the values the locking UPDATE writes (default: the key itself, a no-op write).
    """
    await insert_once(session, table, {**key, **(initial or {})}, list(key))
    where = sa.and_(*(table.c[name] == value for name, value in key.items()))
    await session.execute(sa.update(table).where(where).values(**(touch or key)))
