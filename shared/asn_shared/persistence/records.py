"""Typed records from SQLAlchemy rows, for the repositories of every service's adapters/.

A repository returns frozen dataclasses (the service's `adapters/records.py`) rather than
SQLAlchemy's untyped Row, so use cases and routers read named, typed attributes and never import
SQLAlchemy. These helpers build them, and read the key of a row just inserted.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import CursorResult, Insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

R = TypeVar("R")


class Row(Protocol):
    """The part of a SQLAlchemy Row a record is built from."""

    @property
    def _mapping(self) -> RowMapping: ...


def record(kind: type[R], row: Row) -> R:
    """The row as a `kind`; a column the record does not name is an error, not silently lost."""
    return kind(**row._mapping)


def optional_record(kind: type[R], row: Row | None) -> R | None:
    return None if row is None else record(kind, row)


async def inserted_id(session: AsyncSession, statement: Insert) -> int:
    """Run a single-row INSERT into a table with an autoincrement key; the new row's id."""
    result = cast("CursorResult[Any]", await session.execute(statement))
    key = result.inserted_primary_key
    if key is None:  # only for a multi-row INSERT or a table without a primary key
        raise RuntimeError("the INSERT returned no primary key")
    return int(key[0])
