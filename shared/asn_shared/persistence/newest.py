"""Keep-the-newest writes for state that events overwrite (profiles, summaries).

Consumers apply messages concurrently and replicas race, so the age test sits in the UPDATE: a
write that waits for another's row lock re-checks it against the committed row, and an older
event can never overwrite a newer one (a select-then-update loses that race). Two first writes
of one key meet on the primary key (insert_once); the loser retries as an update.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .affected import affected_rows
from .inserts import insert_once
from .timestamps import as_utc


async def keep_newest(
    session: AsyncSession,
    table: Table,
    key: dict[str, Any],
    values: dict[str, Any],
    *,
    time_column: str,
) -> bool:
    """Write `values` for `key` unless a newer row is stored; True when they were written.

    Same age counts as newer: a redelivered event rewrites the same values.
    """
    moment: datetime = as_utc(values[time_column])  # UTC always: SQLite compares the text
    values = {**values, time_column: moment}
    where = and_(*(table.c[name] == value for name, value in key.items()))
    newer_or_same = update(table).where(where, table.c[time_column] <= moment).values(**values)
    if await affected_rows(session, newer_or_same):
        return True
    if (await session.execute(select(table.c[time_column]).where(where))).first():
        return False
    if await insert_once(session, table, {**key, **values}, list(key)):
        return True
    # A concurrent first write won; compare with it.
    return bool(await affected_rows(session, newer_or_same))
