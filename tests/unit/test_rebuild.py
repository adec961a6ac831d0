"""The shared rebuild: audit records through a service's own consumer into an empty database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from asn_notifications.adapters.tables import notifications
from asn_notifications.main import build
from asn_shared.audit_stream.records import record_from_message
from asn_shared.envelope import STRUCTURED_CONTENT_TYPE, CloudEvent, new_event
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import outbox_table
from asn_shared.runtime.rebuild import NotEmpty, ensure_empty, rebuild
from tests.support import migrate
from tests.unit.notifications_harness import PEOPLE, example

pytestmark = pytest.mark.asyncio


def record(offset: int, event: CloudEvent, routing_key: str | None = None, body: bytes = b""):
    return record_from_message(
        offset=offset,
        routing_key=routing_key or event.type,
        body=body or event.to_json_bytes(),
        headers={},
        content_type=STRUCTURED_CONTENT_TYPE,
        message_id=event.id,
        user_id="guest",
    )


async def as_stream(records):
    for r in records:
        yield r


async def test_a_rebuild_applies_its_own_keys_counts_the_rest_and_publishes_nothing(
    tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("ASN_DATA_DIR", str(tmp_path))
    definition = build()
    await migrate(definition.migrations_dir, definition.settings.effective_database_url)
    engine = create_engine(definition.settings.effective_database_url)
    sessions = session_factory(engine)
    events = [new_event(p, source="/agencies/bkn") for p in PEOPLE]
    hearing = new_event(example("hearing.scheduled.v1"), source="/asn-kinerja/sanctions")
    stream = [
        *(record(i, e, "employee.profile.updated.v1") for i, e in enumerate(events)),
        record(3, hearing, "hearing.scheduled.v1"),
        record(4, hearing, "hearing.scheduled.v1"),  # the stream holds a redelivery too
        record(5, hearing, "absence.recorded.v1"),  # bound to other services only
        record(6, hearing, "hearing.scheduled.v1", body=b"{not json"),
    ]
    try:
        await ensure_empty(sessions)
        summary = await rebuild(definition, sessions, as_stream(stream))
        async with sessions() as session:
            rows = (await session.execute(select(notifications))).all()
            unpublished = (
                await session.execute(
                    select(outbox_table).where(outbox_table.c.published_at.is_(None))
                )
            ).all()
        with pytest.raises(NotEmpty):
            await ensure_empty(sessions)
    finally:
        await engine.dispose()

    assert (summary.read, summary.not_ours, summary.unreadable) == (7, 1, 1)
    assert summary.outcomes["applied"] == 4 and summary.outcomes["duplicate"] == 1
    # The ASN and the examiner, by mail and inbox (no unit HR contacts configured); the two
    # inbox notices' NotificationSent are in the outbox, marked published: the log has them.
    assert len(rows) == 4 and summary.outbox_marked == 2
    assert unpublished == []
    assert "applied 4" in summary.describe()
