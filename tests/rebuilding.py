"""What the acts-rebuild tests share: empty databases to rebuild into, and a history of events
as the audit stream holds it (docs/architecture.md 4b)."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Collection,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from asn_shared.audit_stream.records import AuditRecord, record_from_message
from asn_shared.catalog import event_model
from asn_shared.envelope import STRUCTURED_CONTENT_TYPE, CloudEvent
from asn_shared.persistence.engine import Sessions, create_engine, session_factory
from asn_shared.runtime.definition import ServiceDefinition
from asn_shared.runtime.rebuild import ensure_empty, rebuild
from tests.conftest import POSTGRES_BASE, _postgres_admin
from tests.support import migrate


@contextmanager
def empty_databases(engine: str, folder: Path, roles: Sequence[str]) -> Iterator[dict[str, str]]:
    """One empty database per role on `engine` ("sqlite" files in `folder`, or "postgresql"
    databases made beside the test database and dropped afterwards): role -> URL."""
    if engine == "sqlite":
        yield {role: f"sqlite+aiosqlite:///{folder / f'{role}.db'}" for role in roles}
        return
    names = {role: f"asn_test_{uuid.uuid4().hex[:10]}" for role in roles}
    try:
        for name in names.values():
            _postgres_admin(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # pragma: no cover - the message is the point
        pytest.fail(f"PostgreSQL is needed for these tests and could not be used ({exc})")
    base = POSTGRES_BASE.rsplit("/", 1)[0]
    try:
        yield {role: f"{base}/{name}" for role, name in names.items()}
    finally:
        for name in names.values():
            _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def engine_of(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def audit_records(events: Iterable[CloudEvent], first_offset: int = 0) -> list[AuditRecord]:
    """The events as the audit writer keeps them: structured mode, one record each, in order."""
    return [
        record_from_message(
            offset=offset,
            routing_key=event_model(event.type).routing_key(),
            body=event.to_json_bytes(),
            headers={},
            content_type=STRUCTURED_CONTENT_TYPE,
            message_id=event.id,
        )
        for offset, event in enumerate(events, start=first_offset)
    ]


async def streamed(records: Iterable[AuditRecord]) -> AsyncIterator[AuditRecord]:
    """Records as `rebuild` reads them from the audit stream."""
    for record in records:
        yield record


Tables = dict[str, list[tuple[Any, ...]]]


async def table_rows(
    sessions: Sessions,
    metadata: sa.MetaData,
    wall_clock: Mapping[str, Collection[str]] | None = None,
) -> Tables:
    """Every table of a service (inbox and outbox are the runtime's), rows in a stable order;
    `wall_clock`: per table, the columns filled from the wall clock, which a rebuild cannot
    write again."""
    out: Tables = {}
    async with sessions() as session:
        for table in metadata.sorted_tables:
            skip = (wall_clock or {}).get(table.name, ())
            columns = [c for c in table.columns if c.name not in skip]
            rows = (await session.execute(sa.select(*columns))).all()
            out[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return out


def different(a: Tables, b: Tables) -> list[str]:
    """The tables whose rows differ."""
    return sorted(name for name in a if a[name] != b[name])


async def replay_record_by_record(
    definition: ServiceDefinition,
    migrations: Path,
    url: str,
    log: Sequence[CloudEvent],
    snapshot: Callable[[Sessions], Awaitable[Tables]],
    stops: Collection[int] = (),
) -> tuple[dict[int, Tables], Counter[str]]:
    """`<service>-service rebuild`'s path, one record at a time, into the empty database at
    `url`: the `snapshot` after each prefix of the log whose length is in `stops` (and after
    all of it, under len(log)), and what the rebuild did with the records."""
    await migrate(migrations, url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    seen: dict[int, Tables] = {}
    outcomes: Counter[str] = Counter()
    try:
        await ensure_empty(sessions)
        for offset, event in enumerate(log):
            summary = await rebuild(definition, sessions, streamed(audit_records([event], offset)))
            outcomes.update(summary.outcomes)
            outcomes["not ours"] += summary.not_ours
            for reason, n in summary.refusals.items():
                outcomes[f"refused: {reason}"] += n
            if offset + 1 in stops:
                seen[offset + 1] = await snapshot(sessions)
        seen[len(log)] = await snapshot(sessions)
    finally:
        await engine.dispose()
    return seen, outcomes
