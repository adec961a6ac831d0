"""How many rows an INSERT, UPDATE or DELETE touched.

SQLAlchemy types `AsyncSession.execute` as returning a plain `Result`; for a DML statement it is a
`CursorResult`, which has `rowcount`. One cast here instead of one at every caller.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Executable
from sqlalchemy.ext.asyncio import AsyncSession


async def affected_rows(session: AsyncSession, statement: Executable) -> int:
    result = await session.execute(statement)
    return cast("CursorResult[Any]", result).rowcount
