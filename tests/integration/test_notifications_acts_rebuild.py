"""A rebuild restores what people did over the notifications API (issue 15, capability 4).

A little history runs through the service's harness, on SQLite and on PostgreSQL: agencies'
profiles, notices about the ASN (a reward, a punishment, a rating) and a citizen's complaint
delivered to the consumer, and between them the people's own acts over HTTP, each by its owner:
the ASN switches her mail off and on again, her supervisor switches his inbox off but for
ratings, both read notices (one twice). Commands refused on the way (a stranger's change, a
critical opt-out, a notice not in the inbox) record nothing.

The log is collected as the audit stream holds it: each event delivered, then what the service
published because of it (its outbox, in id order), then each act and what followed it. Replayed
through the service's consumer into an empty migrated database, it gives the same tables:
`people`, `notifications`, `preferences`, `complaint_contacts`, every column but the wall-clock
bookkeeping ones (VOLATILE). The preferences' times and the read marks are the acts' own, so
they are compared too. Replayed without the acts, the tables differ: the check would catch a
missing act.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select

from asn_notifications.adapters.tables import metadata
from asn_notifications.subscriptions import CONSUMER
from asn_shared.catalog import EventData, event_model
from asn_shared.catalog.notifications_acts import NotificationPreferenceChanged, NotificationRead
from asn_shared.envelope import CloudEvent
from asn_shared.messaging.consumer import Outcome
from asn_shared.persistence.tables import outbox_table
from asn_shared.persistence.timestamps import as_utc
from tests.identity import bearer
from tests.rebuilding import empty_databases
from tests.support import delivery
from tests.unit.notifications_harness import (
    ASN,
    PEOPLE,
    SUPERVISOR,
    NotificationsHarness,
    example,
    notifications_harness,
)

pytestmark = pytest.mark.integration

# Columns a handler fills from the wall clock: they differ by design (every other is compared,
# the preferences' `updated_at` included: it is the act's time).
VOLATILE = {
    "people": {"updated_at"},
    "notifications": {"created_at", "next_attempt_at"},
    "complaint_contacts": {"created_at"},
}
ACTS = {NotificationPreferenceChanged.event_type, NotificationRead.event_type}
STRANGER = "199001012015011009"


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Three empty databases on one engine: the live one, the rebuilt one, and one rebuilt
    without the acts."""
    with empty_databases(request.param, tmp_path, ("live", "rebuilt", "without_acts")) as urls:
        yield urls


@dataclass
class AuditLog:
    """The events as the audit stream holds them: delivered ones, and what the service put in
    its outbox, in the order they happened."""

    harness: NotificationsHarness
    events: list[CloudEvent] = field(default_factory=list)
    _last_outbox_id: int = 0

    async def deliver(self, data: EventData, source: str) -> CloudEvent:
        event, outcome = await self.harness.deliver(data, source=source)
        assert outcome is Outcome.APPLIED, data.event_type
        self.events.append(event)
        await self.published()
        return event

    async def published(self) -> list[CloudEvent]:
        """What the service's outbox holds since the last look, in id order."""
        query = (
            select(outbox_table.c.id, outbox_table.c.body)
            .where(outbox_table.c.id > self._last_outbox_id)
            .order_by(outbox_table.c.id)
        )
        async with self.harness.sessions() as session:
            rows = (await session.execute(query)).all()
        new = [CloudEvent.model_validate_json(row.body) for row in rows]
        if rows:
            self._last_outbox_id = rows[-1].id
        self.events.extend(new)
        return new


async def tables(harness: NotificationsHarness) -> dict[str, list[dict[str, Any]]]:
    """Every table of the service (inbox and outbox aside), VOLATILE columns left out, times
    as aware UTC whichever engine gave them, rows in a stable order."""
    out: dict[str, list[dict[str, Any]]] = {}
    async with harness.sessions() as session:
        names = await session.run_sync(lambda s: set(inspect(s.connection()).get_table_names()))
        assert names - {"inbox", "outbox", "alembic_version"} == set(metadata.tables)
        for table in metadata.sorted_tables:
            rows = (await session.execute(select(table))).mappings().all()
            kept = [
                {
                    column: as_utc(value) if isinstance(value, datetime) else value
                    for column, value in row.items()
                    if column not in VOLATILE.get(table.name, set())
                }
                for row in rows
            ]
            out[table.name] = sorted(kept, key=repr)
    return out


def routing_key(event: CloudEvent) -> str:
    model = event_model(event.type)
    assert model is not None, event.type
    return model.routing_key()


async def replay(harness: NotificationsHarness, events: list[CloudEvent]) -> None:
    """The log through the service's consumer into its (empty) database, as
    `notifications-service rebuild` feeds the audit stream: every event applied."""
    for event in events:
        key = routing_key(event)
        assert key in CONSUMER.applied_keys, event.type  # all of it is the service's to apply
        outcome = await harness.consumer.process(delivery(event, key))
        assert outcome is Outcome.APPLIED, event.type


async def live_history(log: AuditLog) -> None:
    """The history of the module docstring, on the live database."""
    h = log.harness
    for profile in PEOPLE:  # the agency's profiles first, as the national HR system sends them
        await log.deliver(profile, "/agencies/bkn")
    asn_prefs = f"/api/v1/people/{ASN}/preferences"
    supervisor_prefs = f"/api/v1/people/{SUPERVISOR}/preferences"
    mail_off = {"channel": "EMAIL", "enabled": False}
    async with h.http() as http:

        async def command(method: str, url: str, by: str, body: Any = None) -> int:
            response = await http.request(method, url, headers=bearer(by), json=body)
            await log.published()
            return response.status_code

        # Refused: nothing is recorded.
        assert await command("PUT", asn_prefs, STRANGER, mail_off) == 403
        critical = {"channel": "EMAIL", "template": "hukuman_disiplin", "enabled": False}
        assert await command("PUT", asn_prefs, ASN, critical) == 422
        # The people's own choices.
        assert await command("PUT", asn_prefs, ASN, mail_off) == 200
        inbox_off = {"channel": "INBOX", "enabled": False}
        assert await command("PUT", supervisor_prefs, SUPERVISOR, inbox_off) == 200
        ratings_on = {"channel": "INBOX", "template": "penilaian_kinerja", "enabled": True}
        assert await command("PUT", supervisor_prefs, SUPERVISOR, ratings_on) == 200

        await log.deliver(example("reward.granted.v1"), "/asn-kinerja/sanctions")
        await log.deliver(example("sanction.imposed.v1"), "/asn-kinerja/sanctions")
        notices = await h.rows("INBOX", recipient_nip=ASN)
        for notice in notices:
            read = f"/api/v1/people/{ASN}/inbox/{notice.id}/read"
            assert await command("POST", read, ASN) == 200
        again = f"/api/v1/people/{ASN}/inbox/{notices[0].id}/read"
        assert await command("POST", again, ASN) == 200  # the first reading stays: no act
        not_his = f"/api/v1/people/{SUPERVISOR}/inbox/{notices[0].id}/read"
        assert await command("POST", not_his, SUPERVISOR) == 404

        assert await command("PUT", asn_prefs, ASN, {**mail_off, "enabled": True}) == 200
        await log.deliver(example("performance.rated.v1"), "/asn-kinerja/assessment")
        [rating] = await h.rows("INBOX", recipient_nip=SUPERVISOR, template="penilaian_kinerja")
        read = f"/api/v1/people/{SUPERVISOR}/inbox/{rating.id}/read"
        assert await command("POST", read, SUPERVISOR) == 200
    await log.deliver(example("complaint.received.v1"), "/agencies/sp4n-lapor")


async def test_the_log_rebuilds_every_table_acts_included(
    databases: dict[str, str], tmp_path: Path
) -> None:
    async with notifications_harness(tmp_path, database_url=databases["live"]) as live:
        log = AuditLog(live)
        await live_history(log)
        live_tables = await tables(live)
        # Live, the consumer's delivery of an act is a duplicate: the command claimed it.
        acts = [e for e in log.events if e.type in ACTS]
        for event in acts:
            outcome = await live.consumer.process(delivery(event, routing_key(event)))
            assert outcome is Outcome.DUPLICATE
        assert await tables(live) == live_tables

    # Four choices and three first readings; the refusals and the second reading recorded none.
    assert (
        sorted(e.type for e in acts)
        == [NotificationPreferenceChanged.event_type] * 4 + [NotificationRead.event_type] * 3
    )
    assert [(e.model_extra or {}).get("actor") for e in acts] == [
        ASN, SUPERVISOR, SUPERVISOR, ASN, ASN, ASN, SUPERVISOR
    ]  # fmt: skip
    notices = {
        (r["recipient_nip"], r["channel"], r["template"]): (r["status"], r["read_at"] is not None)
        for r in live_tables["notifications"]
    }
    assert notices[(ASN, "EMAIL", "penghargaan")] == ("SUPPRESSED", False)
    assert notices[(ASN, "EMAIL", "hukuman_disiplin")] == ("PENDING", False)  # critical
    assert notices[(ASN, "EMAIL", "penilaian_kinerja")] == ("PENDING", False)  # on again
    assert notices[(ASN, "INBOX", "penghargaan")] == ("SENT", True)
    assert notices[(ASN, "INBOX", "hukuman_disiplin")] == ("SENT", True)
    assert notices[(SUPERVISOR, "INBOX", "penghargaan")] == ("SUPPRESSED", False)
    assert notices[(SUPERVISOR, "INBOX", "penilaian_kinerja")] == ("SENT", True)
    assert len(live_tables["preferences"]) == 3
    assert all(live_tables[name] for name in live_tables), "every table holds rows"

    async with notifications_harness(tmp_path, database_url=databases["rebuilt"]) as rebuilt:
        await replay(rebuilt, log.events)
        rebuilt_tables = await tables(rebuilt)
    assert set(rebuilt_tables) == set(live_tables) == set(VOLATILE) | {"preferences"}
    for name in live_tables:
        assert rebuilt_tables[name] == live_tables[name], f"{name} differs after the rebuild"

    # Without the acts the same log leaves other tables: the comparison catches a missing act.
    async with notifications_harness(tmp_path, database_url=databases["without_acts"]) as bare:
        await replay(bare, [e for e in log.events if e.type not in ACTS])
        bare_tables = await tables(bare)
    assert bare_tables["preferences"] == []
    assert bare_tables["notifications"] != live_tables["notifications"]
    assert not any(r["read_at"] for r in bare_tables["notifications"])
    assert bare_tables["people"] == live_tables["people"]
