"""A person's acts over the notifications API on the log (issue 15, capability 4): a preference
changed and a notice read first are each one event in the outbox, naming the caller as
`actor_nip` and in the CloudEvents extension `actor`, with the legal basis and the command's
time, which is also the time stored; claimed in the service's own inbox, so the live consumer
skips it; applied by its handler into an empty database (a rebuild), unless another source
published it. A refused command records nothing. The whole history's rebuild, on both engines:
tests/integration/test_notifications_acts_rebuild.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import select

from asn_notifications.adapters.tables import preferences
from asn_notifications.domain.acts import PREFERENCE_BASIS, READ_BASIS
from asn_shared.catalog import event_model
from asn_shared.catalog.notifications_acts import NotificationPreferenceChanged, NotificationRead
from asn_shared.envelope import CloudEvent
from asn_shared.messaging.consumer import Outcome
from asn_shared.persistence.timestamps import as_utc
from tests.clock import TestClock
from tests.identity import bearer
from tests.support import delivery
from tests.unit.notifications_harness import (
    ASN,
    SUPERVISOR,
    NotificationsHarness,
    example,
    notifications_harness,
)

STRANGER = "199001012015011009"
NOW = datetime(2026, 10, 5, 12, 42, 10, 250000, tzinfo=UTC)  # the commands' clock
PREFERENCES = f"/api/v1/people/{ASN}/preferences"


@dataclass
class World:
    harness: NotificationsHarness
    reward: CloudEvent  # the ASN's inbox holds its notice (and one of a sanction)


@pytest_asyncio.fixture
async def world(tmp_path: Path):
    async with notifications_harness(tmp_path, clock=TestClock.at(NOW)) as h:
        await h.know_people()
        reward, _ = await h.deliver(example("reward.granted.v1"))
        await h.deliver(example("sanction.imposed.v1"))
        yield World(h, reward)


@pytest.fixture
def harness(world: World) -> NotificationsHarness:
    return world.harness


def routing_key(event: CloudEvent) -> str:
    model = event_model(event.type)
    assert model is not None
    return model.routing_key()


async def acts(harness: NotificationsHarness) -> list[dict[str, Any]]:
    kinds = {NotificationPreferenceChanged.event_type, NotificationRead.event_type}
    return [e for e in await harness.events() if e["type"] in kinds]


async def stored_preferences(harness: NotificationsHarness) -> list[tuple[Any, ...]]:
    async with harness.sessions() as session:
        rows = (await session.execute(select(preferences))).all()
    return [(r.nip, r.channel, r.template, r.enabled, as_utc(r.updated_at)) for r in rows]


async def test_a_preference_change_is_the_persons_act_on_the_log(harness):
    change = {"channel": "EMAIL", "template": "penghargaan", "enabled": False}
    async with harness.http() as http:
        answer = await http.put(PREFERENCES, json=change)
    assert answer.status_code == 200

    [act] = await acts(harness)
    assert act["type"] == "NotificationPreferenceChanged"
    assert act["source"] == "/asn-kinerja/notifications" and act["subject"] == ASN
    assert act["actor"] == ASN
    assert act["data"] == {
        "nip": ASN,
        "channel": "EMAIL",
        "template": "penghargaan",
        "enabled": False,
        "actor_nip": ASN,
        "legal_basis": list(PREFERENCE_BASIS),
    }
    assert datetime.fromisoformat(act["time"]) == NOW
    # The state is the act's: its time is the preference's.
    assert await stored_preferences(harness) == [(ASN, "EMAIL", "penghargaan", False, NOW)]


async def test_the_first_reading_of_a_notice_is_the_persons_act_and_a_second_is_none(harness):
    [notice, *_] = await harness.rows("INBOX", recipient_nip=ASN)
    url = f"/api/v1/people/{ASN}/inbox/{notice.id}/read"
    async with harness.http() as http:
        first = await http.post(url)
        harness.clock.now = datetime(2026, 10, 6, 1, 0, tzinfo=UTC)  # a day later
        again = await http.post(url)

    [act] = await acts(harness)
    assert act["type"] == "NotificationRead" and act["actor"] == ASN and act["subject"] == ASN
    assert act["data"] == {
        "nip": ASN,
        "notification_id": notice.id,
        "template": notice.template,
        "trigger_event_id": notice.trigger_event_id,
        "trigger_event_type": notice.trigger_event_type,
        "actor_nip": ASN,
        "legal_basis": list(READ_BASIS),
    }
    assert datetime.fromisoformat(act["time"]) == NOW
    assert first.status_code == again.status_code == 200
    assert datetime.fromisoformat(first.json()["read_at"]) == NOW
    assert again.json()["read_at"] == first.json()["read_at"]  # the first reading stays
    [row] = await harness.rows("INBOX", id=notice.id)
    assert as_utc(row.read_at) == NOW


async def test_a_refused_command_records_no_act(harness):
    [notice, *_] = await harness.rows("INBOX", recipient_nip=ASN)
    off = {"channel": "EMAIL", "enabled": False}
    async with harness.http() as http:
        answers = [
            await http.put(PREFERENCES, json=off, headers=bearer(STRANGER)),
            await http.put(PREFERENCES, json=off, headers=bearer(SUPERVISOR)),
            await http.put(
                PREFERENCES,
                json={"channel": "EMAIL", "template": "hukuman_disiplin", "enabled": False},
            ),
            await http.put(
                PREFERENCES, json={"channel": "EMAIL", "template": "tidak_ada", "enabled": False}
            ),
            await http.put(PREFERENCES, json={"channel": "WEBHOOK", "enabled": False}),
            await http.post(
                f"/api/v1/people/{ASN}/inbox/{notice.id}/read", headers=bearer(STRANGER)
            ),
            await http.post(f"/api/v1/people/{SUPERVISOR}/inbox/{notice.id}/read"),
            await http.post(f"/api/v1/people/{ASN}/inbox/{'0' * 8}-0000-0000-0000-{'0' * 12}/read"),
        ]
    assert [a.status_code for a in answers] == [403, 403, 422, 422, 422, 403, 404, 404]
    assert await acts(harness) == []
    assert await stored_preferences(harness) == []
    assert not any(r.read_at for r in await harness.rows("INBOX"))


async def test_the_live_consumer_finds_an_act_applied_already(harness):
    async with harness.http() as http:
        await http.put(PREFERENCES, json={"channel": "EMAIL", "enabled": False})
        [notice, *_] = await harness.rows("INBOX", recipient_nip=ASN)
        await http.post(f"/api/v1/people/{ASN}/inbox/{notice.id}/read")
    for act in await acts(harness):
        event = CloudEvent.model_validate(act)
        outcome = await harness.consumer.process(delivery(event, routing_key(event)))
        assert outcome is Outcome.DUPLICATE


@pytest.mark.parametrize("source", ["/asn-kinerja/notifications", "/agencies/pretender"])
async def test_a_rebuild_applies_our_own_acts_and_ignores_anothers(world, tmp_path, source):
    harness = world.harness
    [notice] = await harness.rows("INBOX", recipient_nip=ASN, template="penghargaan")
    async with harness.http() as http:
        await http.put(PREFERENCES, json={"channel": "INBOX", "enabled": False})
        await http.post(f"/api/v1/people/{ASN}/inbox/{notice.id}/read")
    recorded = [
        CloudEvent.model_validate(act).model_copy(update={"source": source})
        for act in await acts(harness)
    ]
    assert len(recorded) == 2
    (tmp_path / "rebuilt").mkdir()
    async with notifications_harness(tmp_path / "rebuilt") as rebuilt:  # an empty database
        await rebuilt.know_people()
        await rebuilt.deliver(example("reward.granted.v1"), event=world.reward)
        for event in recorded:
            outcome = await rebuilt.consumer.process(delivery(event, routing_key(event)))
            assert outcome is Outcome.APPLIED
        restored = await stored_preferences(rebuilt)
        [row] = await rebuilt.rows("INBOX", id=notice.id)
    if source == "/asn-kinerja/notifications":
        assert restored == [(ASN, "INBOX", "*", False, NOW)]
        assert as_utc(row.read_at) == NOW
    else:  # nobody else speaks for what a person did here
        assert restored == [] and row.read_at is None
