"""Who is told on which channel: inbox, preferences, unit HR contacts, officials, webhook rows,
dedupe under redelivery, the daily digest. Real consumer path, migrated SQLite database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import pytest_asyncio

from asn_notifications.background import assemble_digests
from asn_shared.messaging.consumer import Outcome
from tests.identity import bearer
from tests.unit.notifications_harness import (
    ASN,
    EXAMINER,
    HR,
    HR_EMAIL,
    SUPERVISOR,
    UNIT,
    at,
    example,
    notifications_harness,
    subscriber,
)

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def harness(tmp_path: Path):
    async with notifications_harness(tmp_path) as h:
        await h.know_people()
        yield h


def who(rows) -> list[tuple[str, str, str | None, str]]:
    return sorted((r.channel, r.recipient_role, r.recipient_nip, r.status) for r in rows)


async def test_a_hearing_summons_reaches_the_asn_examiner_and_unit_hr_on_mail_and_inbox(harness):
    event, outcome = await harness.deliver(example("hearing.scheduled.v1"))

    assert outcome is Outcome.APPLIED
    assert who(await harness.rows()) == [
        ("EMAIL", "ASN", ASN, "PENDING"),
        ("EMAIL", "HR_OFFICER", HR, "PENDING"),
        ("EMAIL", "OFFICIAL", EXAMINER, "PENDING"),
        ("INBOX", "ASN", ASN, "SENT"),
        ("INBOX", "HR_OFFICER", HR, "SENT"),
        ("INBOX", "OFFICIAL", EXAMINER, "SENT"),
    ]
    [hr_mail] = await harness.rows("EMAIL", recipient_role="HR_OFFICER")
    assert hr_mail.recipient_address == HR_EMAIL
    assert {r.priority for r in await harness.rows()} == {"CRITICAL"}
    # Inbox rows are delivered when written: NotificationSent with channel INBOX, no address.
    sent = [e for e in await harness.events() if e["type"] == "NotificationSent"]
    assert sorted(e["data"]["recipient_role"] for e in sent) == ["ASN", "HR_OFFICER", "OFFICIAL"]
    assert {e["data"]["channel"] for e in sent} == {"INBOX"}
    assert all(e["causationid"] == event.id for e in sent)
    assert "@" not in json.dumps(sent)


async def test_a_redelivered_event_from_another_source_records_nothing_more(harness):
    data = example("sanction.imposed.v1")
    event, _ = await harness.deliver(data)
    before = len(await harness.rows())

    await harness.deliver(data, event=event)  # the same message again
    again = event.model_copy(update={"source": "/asn-kinerja/sanctions-replica"})
    _, outcome = await harness.deliver(data, event=again)

    assert outcome is Outcome.APPLIED
    assert before == 6 and len(await harness.rows()) == before


async def test_the_inbox_lists_newest_first_and_marks_read_once(harness):
    await harness.deliver(example("coaching.started.v1"))
    await harness.deliver(example("reward.granted.v1"))
    async with harness.http() as http:
        inbox = (await http.get(f"/api/v1/people/{ASN}/inbox")).json()
        assert [i["template"] for i in inbox] == ["penghargaan", "pembinaan_kinerja"]
        assert inbox[0]["subject"] and "Yth." in inbox[0]["body"]
        first = inbox[1]["id"]
        read = await http.post(f"/api/v1/people/{ASN}/inbox/{first}/read")
        again = await http.post(f"/api/v1/people/{ASN}/inbox/{first}/read")
        unread = (await http.get(f"/api/v1/people/{ASN}/inbox", params={"unread": True})).json()
        stranger = await http.post(f"/api/v1/people/{SUPERVISOR}/inbox/{first}/read")
        malformed = await http.get("/api/v1/people/12345/inbox", headers=bearer(ASN))
    assert read.status_code == 200 and read.json()["read_at"]
    assert again.json()["read_at"] == read.json()["read_at"]
    assert [i["template"] for i in unread] == ["penghargaan"]
    assert stranger.status_code == 404
    assert malformed.status_code == 422


async def test_an_opt_out_is_honoured_except_for_critical_notices(harness):
    async with harness.http() as http:
        off = await http.put(
            f"/api/v1/people/{ASN}/preferences", json={"channel": "EMAIL", "enabled": False}
        )
        refused = await http.put(
            f"/api/v1/people/{ASN}/preferences",
            json={"channel": "EMAIL", "template": "hukuman_disiplin", "enabled": False},
        )
        unknown = await http.put(
            f"/api/v1/people/{ASN}/preferences",
            json={"channel": "EMAIL", "template": "tidak_ada", "enabled": False},
        )
        listed = (await http.get(f"/api/v1/people/{ASN}/preferences")).json()
    assert off.status_code == 200 and off.json()["note"] == "critical notices are still delivered"
    assert refused.status_code == 422 and "critical" in refused.json()["detail"][0]["msg"]
    assert unknown.status_code == 422
    assert listed["preferences"] == [{"channel": "EMAIL", "template": "*", "enabled": False}]
    assert "hukuman_disiplin" in listed["always_delivered"]

    await harness.deliver(example("reward.granted.v1"))
    await harness.deliver(example("sanction.imposed.v1"))

    mails = {r.template: r.status for r in await harness.rows("EMAIL", recipient_nip=ASN)}
    assert mails == {"penghargaan": "SUPPRESSED", "hukuman_disiplin": "PENDING"}
    inbox = {r.template: r.status for r in await harness.rows("INBOX", recipient_nip=ASN)}
    assert inbox == {"penghargaan": "SENT", "hukuman_disiplin": "SENT"}
    # The supervisor kept their mail: a preference is one person's.
    [boss] = await harness.rows("EMAIL", recipient_nip=SUPERVISOR)
    assert boss.status == "PENDING"


async def test_a_template_preference_beats_the_channel_one(harness):
    async with harness.http() as http:
        for change in (
            {"channel": "INBOX", "enabled": False},
            {"channel": "INBOX", "template": "penghargaan", "enabled": True},
        ):
            assert (await http.put(f"/api/v1/people/{ASN}/preferences", json=change)).is_success
    await harness.deliver(example("reward.granted.v1"))
    await harness.deliver(example("coaching.started.v1"))

    inbox = {r.template: r.status for r in await harness.rows("INBOX", recipient_nip=ASN)}
    assert inbox == {"penghargaan": "SENT", "pembinaan_kinerja": "SUPPRESSED"}


async def test_coaching_not_improved_is_critical_and_improved_is_not(harness):
    await harness.deliver(example("coaching.completed.v1", improved=False, case_id="A"))
    await harness.deliver(example("coaching.completed.v1", improved=True, case_id="B"))

    rows = await harness.rows("EMAIL", recipient_nip=ASN)
    assert sorted(r.priority for r in rows) == ["CRITICAL", "NORMAL"]


async def test_an_asn_without_a_profile_still_gets_the_inbox_notice(tmp_path: Path):
    async with notifications_harness(tmp_path) as harness:
        await harness.deliver(example("disciplinary.case.opened.v1"))
        rows = {(r.channel, r.recipient_role): r for r in await harness.rows()}
    assert rows[("INBOX", "ASN")].status == "SENT"
    assert rows[("EMAIL", "ASN")].status == "FAILED"
    assert "no profile" in rows[("EMAIL", "ASN")].last_error
    assert ("EMAIL", "HR_OFFICER") not in rows  # the unit is unknown without the profile


async def test_a_deadline_missed_tells_the_responsible_official_and_their_supervisor(harness):
    await harness.deliver(example("complaint.deadline.missed.v1"), source="/asn-kinerja/feedback")

    assert who(await harness.rows("EMAIL")) == [
        ("EMAIL", "ASN", ASN, "PENDING"),
        ("EMAIL", "SUPERVISOR", SUPERVISOR, "PENDING"),
    ]


async def test_webhook_rows_carry_the_event_for_subscribers_of_its_type_and_unit(tmp_path: Path):
    subscribers = (subscriber(["SanctionImposed"], unit_ids=[UNIT]),)
    async with notifications_harness(tmp_path, subscribers=subscribers) as harness:
        await harness.know_people()
        event, _ = await harness.deliver(example("sanction.imposed.v1"))
        await harness.deliver(example("reward.granted.v1"))  # not subscribed
        await harness.deliver(example("sanction.imposed.v1"), event=event)  # redelivered
        [row] = await harness.rows("WEBHOOK")
    body = json.loads(row.body)
    assert (row.status, row.recipient_role, row.recipient_address) == (
        "PENDING",
        "SUBSCRIBER",
        "bkd-prov",
    )
    assert body["notification_id"] == row.id and body["template"] == "hukuman_disiplin"
    assert (body["event"]["id"], body["event"]["type"]) == (event.id, "SanctionImposed")
    assert body["event"]["data"]["nip"] == ASN


async def test_a_subscriber_of_other_units_gets_nothing(tmp_path: Path):
    subscribers = (subscriber(["SanctionImposed"], unit_ids=["dishub"]),)
    async with notifications_harness(tmp_path, subscribers=subscribers) as harness:
        await harness.know_people()
        await harness.deliver(example("sanction.imposed.v1"))
        assert await harness.rows("WEBHOOK") == []


async def test_low_priority_mails_wait_for_one_daily_digest(harness):
    await harness.deliver(example("performance.plan.approved.v1"), source="/asn-kinerja/assessment")
    await harness.deliver(example("training.recommended.v1"))
    held = await harness.rows("EMAIL", recipient_nip=ASN)
    assert {r.status for r in held} == {"HELD"}
    assert {r.status for r in await harness.rows("INBOX", recipient_nip=ASN)} == {"SENT"}

    assert await assemble_digests(harness.sessions, harness.renderer, at(4, 15), 16) == 0
    # One each for the ASN (plan and training), the supervisor and HR (training).
    assert await assemble_digests(harness.sessions, harness.renderer, at(4, 16), 16) == 3
    assert await assemble_digests(harness.sessions, harness.renderer, at(4, 17), 16) == 0

    [digest] = await harness.rows("EMAIL", recipient_nip=ASN, template="ringkasan_harian")
    folded = await harness.rows("EMAIL", recipient_nip=ASN, status="DIGESTED")
    assert digest.status == "PENDING" and digest.trigger_event_id == "digest:2099-12-04"
    assert {r.digest_id for r in folded} == {digest.id} and len(folded) == 2
    for row in held:
        assert row.subject in digest.body
    # Held after today's digest: waits for tomorrow's.
    await harness.deliver(example("training.recommended.v1", recommendation_id="T-2"))
    assert await assemble_digests(harness.sessions, harness.renderer, at(4, 20), 16) == 0
    assert await assemble_digests(harness.sessions, harness.renderer, at(5, 16), 16) == 3


async def test_our_own_sent_event_restores_a_rebuilt_row_and_another_source_is_ignored(harness):
    from asn_shared.catalog.notifications_events import NotificationSent

    trigger, _ = await harness.deliver(example("sanction.imposed.v1"))
    [mail] = await harness.rows("EMAIL", recipient_nip=ASN)
    sent = NotificationSent(
        notification_id=mail.id,
        channel="EMAIL",
        recipient_role="ASN",
        recipient_nip=ASN,
        template=mail.template,
        trigger_event_id=trigger.id,
        trigger_event_type=trigger.type,
        sent_at=at(4, 9),
    )
    await harness.deliver(sent, source="/agencies/pretender")
    assert (await harness.rows("EMAIL", recipient_nip=ASN))[0].status == "PENDING"

    await harness.deliver(sent, source="/asn-kinerja/notifications")

    [restored] = await harness.rows("EMAIL", recipient_nip=ASN)
    assert restored.status == "SENT" and restored.sent_at.year == 2099


async def test_row_ids_derive_from_the_trigger_so_a_rebuild_finds_them(tmp_path: Path):
    event = None
    ids = []
    for run in ("live", "rebuilt"):
        (tmp_path / run).mkdir()
        async with notifications_harness(tmp_path / run) as h:
            await h.know_people()
            event, _ = await h.deliver(example("hearing.scheduled.v1"), event=event)
            ids.append(sorted(r.id for r in await h.rows()))
    assert ids[0] == ids[1] and len(ids[0]) == 6
