"""What the acts-rebuild tests share: empty databases to rebuild into, and a history of events
as the audit stream holds it (docs/architecture.md 4b)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from asn_shared.audit_stream.records import AuditRecord, record_from_message
from asn_shared.catalog import event_model
from asn_shared.envelope import STRUCTURED_CONTENT_TYPE, CloudEvent
from tests.conftest import POSTGRES_BASE, _postgres_admin


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
