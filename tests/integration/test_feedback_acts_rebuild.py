"""A rebuild from the log restores what the feedback service's officials and complainants did
over HTTP (issue 15, capability 4), on SQLite and PostgreSQL.

A few weeks of one unit go through the service's harness, each command by its rightful actor:
complaints from SP4N-LAPOR! and the service's own intake (its contact sealed), a citizen's rating
and SKM questionnaires delivered as agencies send them; the unit's complaint officials named by a
unit administrator, then named again; every kind of complaint step, by the desk, the head and the
complainant (with and without a token, with notes), a complaint reopened and decided twice, one
withdrawn; the unit's SKM measured by an administrator and by its head; refused commands between
them. The log is what the audit stream would hold, in order: each event delivered, and after
each command the service's outbox in id order (what the queue binds goes to the live consumer
too, as the broker would deliver it: the service's own acts are duplicates there).

Replayed record by record through `asn_shared.runtime.rebuild` (what `feedback-service rebuild`
runs) into an empty migrated database, the rebuilt tables equal the live ones after every step,
not only at the end: every table of the service, every column but the three the consumer fills
from the wall clock (WALL_CLOCK). A missing act would be caught: each act changes the live
tables, and the log without the acts rebuilds a different state.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import sqlalchemy as sa
from pydantic import SecretStr

from asn_feedback.adapters.notes import NoteSeal
from asn_feedback.adapters.tables import metadata
from asn_feedback.domain.complaints import receipt_number
from asn_feedback.main import build
from asn_feedback.settings import FeedbackSettings
from asn_feedback.subscriptions import CONSUMER, OWN_ACTS
from asn_shared.catalog import EventData, event_model
from asn_shared.catalog.agency_events import (
    CitizenRatingSubmitted,
    ComplaintReceived,
    SurveyResponseSubmitted,
)
from asn_shared.catalog.vocabulary import SkmUnsur
from asn_shared.envelope import CloudEvent, new_event
from asn_shared.messaging.consumer import Delivery, Outcome
from asn_shared.persistence.engine import Sessions
from asn_shared.persistence.tables import outbox_table
from tests.clock import TestClock
from tests.identity import bearer
from tests.integration.test_feedback_handling import DESK, HEAD, OFFICIALS
from tests.integration.test_feedback_satisfaction import (
    CONTACT_KEY,
    MIGRATIONS,
    OFFICER,
    UNIT,
    Feedback,
    feedback,
)
from tests.rebuilding import (
    Tables,
    different,
    empty_databases,
    engine_of,
    replay_record_by_record,
    table_rows,
)
from tests.support import delivery

LAPOR = "SP4N-LAPOR!"
NEW_HEAD = "196912311994031003"  # the unit's head named in the officials' second naming
STRANGER = "199001012015011001"
SECRET = "Theresia Nahak"  # a complainant, who must not reach an event in clear
# Columns the consumer fills from the wall clock, which a rebuild cannot write again.
WALL_CLOCK = {
    "complaints": {"created_at"},
    "survey_responses": {"received_at"},
    "citizen_ratings": {"received_at"},
}


async def tables(sessions: Sessions) -> Tables:
    return await table_rows(sessions, metadata, WALL_CLOCK)


# --- the databases -----------------------------------------------------------------------------


@pytest.fixture
def spare_databases(database_url: str, tmp_path: Path) -> Iterator[list[str]]:
    """Two empty databases on the engine of `database_url` (the live one), to rebuild into."""
    with empty_databases(engine_of(database_url), tmp_path, ("rebuilt", "spare")) as urls:
        yield list(urls.values())


async def replay(
    url: str, log: list[CloudEvent], stops: Collection[int] = ()
) -> tuple[dict[int, Tables], Counter[str]]:
    """`feedback-service rebuild`'s path, one record at a time (tests/rebuilding.py)."""
    definition = build(FeedbackSettings(contact_key=CONTACT_KEY))
    return await replay_record_by_record(definition, MIGRATIONS, url, log, tables, stops)


# --- the history -------------------------------------------------------------------------------


class History:
    """The live service driven step by step. After each step its outbox (in id order) goes into
    the log, and what the queue binds to the live consumer; the live tables are kept; the clock
    moves on."""

    def __init__(self, f: Feedback) -> None:
        self.f = f
        self.log: list[CloudEvent] = []
        self.steps: list[tuple[int, Tables]] = []
        self.live: Counter[tuple[str, Outcome]] = Counter()  # the live consumer's outcomes
        self._published: set[str] = set()

    async def settle(self) -> None:
        async with self.f.sessions() as session:
            query = sa.select(outbox_table.c.body).order_by(outbox_table.c.id)
            bodies = (await session.execute(query)).scalars().all()
        for body in bodies:
            event = CloudEvent.model_validate_json(body)
            if event.id in self._published:
                continue
            self._published.add(event.id)
            self.log.append(event)
            key = event_model(event.type).routing_key()
            if key in CONSUMER.routing_keys:
                outcome = await self.f.consumer.process(as_delivery(event))
                self.live[(event.type, outcome)] += 1
        self.steps.append((len(self.log), await tables(self.f.sessions)))
        self.f.clock.now = self.f.clock.now + timedelta(minutes=7)

    async def deliver(self, data: EventData, source: str) -> None:
        event = new_event(data, source=source, time=self.f.clock())
        self.log.append(event)
        assert await self.f.consumer.process(as_delivery(event)) is Outcome.APPLIED
        await self.settle()

    async def call(
        self,
        client: httpx.AsyncClient,
        method: str,
        url: str,
        body: dict[str, Any] | None = None,
        status: int = 200,
        **kwargs: Any,
    ) -> Any:
        response = await client.request(method, url, json=body, **kwargs)
        assert response.status_code == status, response.text
        await self.settle()
        return response.json()

    def on(self, moment: datetime) -> None:
        self.f.clock.now = moment


def as_delivery(event: CloudEvent) -> Delivery:
    return delivery(event, event_model(event.type).routing_key())


def complaint(cid: str, received: datetime, subject: str | None = OFFICER) -> ComplaintReceived:
    return ComplaintReceived.model_validate(
        {
            "complaint_id": cid,
            "channel": LAPOR,
            "received_at": received,
            "service_date": (received - timedelta(days=3)).date(),
            "unit_id": UNIT,
            "subject_nip": subject,
            "category": "pungli",
            "description": f"Diminta biaya tambahan oleh petugas, kata {SECRET}",
            "complainant": {"name": SECRET, "email": "theresia@contoh.id", "privacy": "ANONIM"},
        }
    )


def survey(score: int, skip: SkmUnsur | None = None) -> SurveyResponseSubmitted:
    answers = {u: score for u in SkmUnsur if u is not skip}
    return SurveyResponseSubmitted(
        unit_id=UNIT, service_name="KTP-el", period="2026-Q2", answers=answers
    )


def steps(cid: str, channel: str = LAPOR) -> str:
    return f"/api/v1/complaints/{quote(channel, safe='')}/{cid}/steps"


async def a_few_weeks(life: History) -> None:
    f = life.f
    life.on(datetime(2026, 4, 6, 2, 0, tzinfo=UTC))  # Monday 09:00 in Jakarta
    admin = f.admin
    desk, head = f.client, f.client  # tokens from the body's actor_nip (tests/identity.py)

    # What agencies send: complaints, a rating, questionnaires.
    for cid in ("LAP-A", "LAP-B", "LAP-C"):
        await life.deliver(complaint(cid, f.clock()), "/agencies/lapor")
    await life.deliver(complaint("LAP-D", f.clock(), subject=None), "/agencies/lapor")
    rating = CitizenRatingSubmitted(
        nip=OFFICER, unit_id=UNIT, score=4, comment="ramah", served_at=f.clock()
    )
    await life.deliver(rating, "/agencies/kotabumi")
    for score in (4, 4, 3):
        await life.deliver(survey(score), "/agencies/skm-kotabumi")
    await life.deliver(survey(2, skip=SkmUnsur.BIAYA_TARIF), "/agencies/skm-kotabumi")

    # Our own intake, its contact sealed; the complainant keeps the receipt.
    own = await life.call(
        f.client,
        "POST",
        "/api/v1/complaints",
        {
            "unit_id": UNIT,
            "service_date": f.clock.today().isoformat(),
            "category": "antrean",
            "description": "Antrean tidak tertib",
            "complainant": {"name": SECRET, "email": "theresia@contoh.id", "privacy": "RAHASIA"},
        },
        202,
    )

    # Nobody may handle before the unit's officials are named, and only an admin names them.
    url = steps("LAP-A")
    await life.call(desk, "POST", url, {"action": "VERIFY_COMPLETE", "actor_nip": DESK}, 409)
    officials = f"/api/v1/units/{UNIT}/complaint-officials"
    await life.call(f.client, "PUT", officials, OFFICIALS, 403, headers=bearer(HEAD))
    await life.call(admin, "PUT", officials, OFFICIALS)

    # LAP-A: verified, followed up, decided, notified, reopened, decided again, accepted.
    receipt_a = receipt_number(LAPOR, "LAP-A")
    await life.call(head, "POST", url, {"action": "VERIFY_COMPLETE", "actor_nip": HEAD}, 403)
    note = {"note": "Berkas lengkap, didisposisikan"}
    await life.call(desk, "POST", url, {"action": "VERIFY_COMPLETE", "actor_nip": DESK, **note})
    await life.call(
        head, "POST", url, {"action": "DECIDE", "actor_nip": HEAD, "decision": "DICABUT"}, 409
    )
    life.on(datetime(2026, 4, 8, 3, 0, tzinfo=UTC))
    follow = {"action": "FOLLOW_UP", "actor_nip": HEAD, "note": "Petugas dipanggil"}
    await life.call(head, "POST", url, follow)
    decide = {"action": "DECIDE", "actor_nip": HEAD, "decision": "TERBUKTI"}
    await life.call(head, "POST", url, decide)
    await life.call(desk, "POST", url, {"action": "NOTIFY", "actor_nip": DESK})
    await life.call(f.client, "POST", url, {"action": "REOPEN", "receipt_number": "TT-X"}, 403)
    reopen = {"action": "REOPEN", "receipt_number": receipt_a, "note": f"Saya {SECRET}, belum"}
    await life.call(f.client, "POST", url, reopen)
    life.on(datetime(2026, 4, 20, 3, 0, tzinfo=UTC))
    await life.call(head, "POST", url, decide)
    await life.call(desk, "POST", url, {"action": "NOTIFY", "actor_nip": DESK})
    accept = {"action": "ACCEPT", "receipt_number": receipt_a}
    await life.call(f.client, "POST", url, accept, headers=bearer(STRANGER))  # a token too

    # LAP-B: held, found incomplete (an aspiration), completed, decided by the head named anew.
    url = steps("LAP-B")
    await life.call(desk, "POST", url, {"action": "HOLD", "actor_nip": DESK})
    incomplete = {"action": "VERIFY_INCOMPLETE", "actor_nip": DESK, "klasifikasi": "ASPIRASI"}
    await life.call(desk, "POST", url, incomplete)
    complete = {"action": "COMPLETE_FILE", "receipt_number": receipt_number(LAPOR, "LAP-B")}
    await life.call(f.client, "POST", url, complete)
    await life.call(admin, "PUT", officials, {**OFFICIALS, "head_nip": NEW_HEAD})
    decide = {"action": "DECIDE", "actor_nip": HEAD, "decision": "TIDAK_TERBUKTI"}
    await life.call(head, "POST", url, decide, 403)  # no longer the head
    await life.call(head, "POST", url, {**decide, "actor_nip": NEW_HEAD})

    # LAP-C withdrawn by its complainant; LAP-D re-routed; our own complaint archived.
    withdraw = {"action": "WITHDRAW", "receipt_number": receipt_number(LAPOR, "LAP-C")}
    await life.call(f.client, "POST", steps("LAP-C"), withdraw)
    reroute = {"action": "REROUTE", "actor_nip": DESK, "klasifikasi": "PERMINTAAN_INFORMASI"}
    await life.call(desk, "POST", steps("LAP-D"), reroute)
    archive = {"action": "ARCHIVE", "actor_nip": DESK, "note": "Terlalu umum"}
    await life.call(desk, "POST", steps(own["complaint_id"], own["channel"]), archive)

    # The quarter's SKM: by an administrator, then by the head with the population; the desk
    # may not, and a period without questionnaires has nothing to measure.
    skm = f"/api/v1/units/{UNIT}/skm/2026-Q2"
    await life.call(admin, "POST", f"/api/v1/units/{UNIT}/skm/2026-Q1", {}, 409)
    await life.call(f.client, "POST", skm, {}, 403, headers=bearer(DESK))
    await life.call(admin, "POST", skm, {"unit_name": "Dukcapil Kotabumi"}, 201)
    life.on(datetime(2026, 7, 1, 2, 0, tzinfo=UTC))
    population = {"population": 1200, "service_name": "KTP-el"}
    await life.call(f.client, "POST", skm, population, 201, headers=bearer(NEW_HEAD))


# --- the tests ---------------------------------------------------------------------------------


async def test_a_rebuild_restores_the_acts_after_every_step(
    database_url: str, spare_databases: list[str]
):
    clock = TestClock.at(datetime(2026, 4, 6, 2, 0, tzinfo=UTC))
    async with feedback(database_url, clock) as f:
        life = History(f)
        await a_few_weeks(life)
    log, history = life.log, life.steps
    live = history[-1][1]
    acts = [e for e in log if event_model(e.type) in OWN_ACTS]
    assert Counter(e.type for e in acts) == {
        "ComplaintStepTaken": 15,
        "ComplaintOfficialsNamed": 2,
        "SkmMeasurementTaken": 2,
    }
    # Live, the service's own acts come back as duplicates: the command applied them already.
    assert {(t, o) for t, o in life.live if t in {m.event_type for m in OWN_ACTS}} == {
        (m.event_type, Outcome.DUPLICATE) for m in OWN_ACTS
    }
    # Each act changed the live tables: a log without it would rebuild the state before it.
    for (start, previous), (end, after) in zip(history, history[1:], strict=False):
        if any(event_model(e.type) in OWN_ACTS for e in log[start:end]):
            assert different(previous, after), f"the act before log entry {end} changed nothing"

    rebuilt, spare = spare_databases
    seen, outcomes = await replay(rebuilt, log, {n for n, _ in history})
    assert different(seen[len(log)], live) == []
    for table in ("complaints", "complaint_steps", "unit_officials", "satisfaction_measurements"):
        assert live[table], f"{table} is empty: the scenario did not reach it"
    for n, state in history:  # after every step, not only at the end
        assert different(seen[n], state) == [], f"after {n} log entries"
    ours = sum(1 for e in log if event_model(e.type).routing_key() in CONSUMER.routing_keys)
    assert outcomes == {"applied": ours, "not ours": len(log) - ours}, outcomes
    assert len(live["complaint_steps"]) == 15 and len(live["satisfaction_measurements"]) == 2

    # Without the acts, the log rebuilds another state: the officials, the steps, the outcomes
    # and the measurements are missing.
    without, _ = await replay(spare, [e for e in log if event_model(e.type) not in OWN_ACTS])
    assert {
        "complaints",
        "complaint_steps",
        "unit_officials",
        "satisfaction_measurements",
    } <= set(different(without[len(log) - len(acts)], live))


async def test_each_act_names_its_actor_basis_and_time_and_a_refusal_records_none(
    database_url: str,
):
    clock = TestClock.at(datetime(2026, 4, 6, 2, 0, tzinfo=UTC))
    async with feedback(database_url, clock) as f:
        life = History(f)
        await a_few_weeks(life)
    log = life.log
    acts = [e for e in log if event_model(e.type) in OWN_ACTS]
    for act in acts:
        data = act.data or {}
        assert data["legal_basis"], act.type
        extra = act.model_extra or {}
        # The caller, in the data and in the CloudEvents extension; none for a complainant.
        assert extra.get("actor") == data.get("actor_nip"), (act.type, data)
    steps_taken = [e.data or {} for e in acts if e.type == "ComplaintStepTaken"]
    by_whom = Counter((s["action"], s.get("actor_nip")) for s in steps_taken)
    assert by_whom[("VERIFY_COMPLETE", DESK)] == 1 and by_whom[("DECIDE", HEAD)] == 2
    assert by_whom[("DECIDE", NEW_HEAD)] == 1
    for action in ("REOPEN", "ACCEPT", "COMPLETE_FILE", "WITHDRAW"):  # the complainant's
        assert by_whom[(action, None)] == 1, action
    decided = [s for s in steps_taken if s["action"] == "DECIDE"]
    assert {tuple(s["legal_basis"]) for s in decided} == {("UU 25/2009 Pasal 50(1)",)}
    officials = [e.data or {} for e in acts if e.type == "ComplaintOfficialsNamed"]
    assert [o["head_nip"] for o in officials] == [HEAD, NEW_HEAD]
    assert {o["actor_nip"] for o in officials} == {"197201012000031001"}  # the admin
    measured = [e.data or {} for e in acts if e.type == "SkmMeasurementTaken"]
    assert [(m["respondents"], m["required_sample"], m.get("population")) for m in measured] == [
        (3, 384, None),
        (3, 291, 1200),
    ]
    assert measured[1]["actor_nip"] == NEW_HEAD and measured[0]["unit_name"] == "Dukcapil Kotabumi"
    # Refused commands (no officials yet, the wrong official, a bad receipt or decision, a
    # non-admin naming, the desk measuring, nothing to measure) recorded no act: 19 commands
    # were accepted, 19 acts recorded.
    assert len(acts) == 19
    # The act's time is the command's (the clock's), and what it caused carries it too.
    for act in acts:
        caused = [e for e in log if e.causationid == act.id]
        for event in caused:
            assert event.correlation_id == act.correlation_id
            assert (event.model_extra or {}).get("actor") == (act.model_extra or {}).get("actor")
    skm_acts = [e for e in acts if e.type == "SkmMeasurementTaken"]
    assert skm_acts[1].time == datetime(2026, 7, 1, 2, 0, tzinfo=UTC)
    [result] = [e for e in log if e.causationid == skm_acts[1].id]
    assert result.type == "ServiceSatisfactionMeasured"
    assert result.data and result.data["measured_at"] == "2026-07-01T02:00:00Z"
    # Nothing of the complainant in clear: the notes are sealed, and open with the key.
    text = "".join(e.to_json_bytes().decode() for e in log if e.type != "ComplaintReceived")
    assert SECRET not in text and "theresia@contoh.id" not in text
    assert "Petugas dipanggil" not in text
    seal = NoteSeal(SecretStr(CONTACT_KEY))
    notes = [seal.open(s["sealed_note"]) for s in steps_taken if "sealed_note" in s]
    assert notes == [
        "Berkas lengkap, didisposisikan",
        "Petugas dipanggil",
        f"Saya {SECRET}, belum",
        "Terlalu umum",
    ]


async def test_without_a_key_a_note_is_refused_and_no_act_recorded(database_url: str):
    clock = TestClock.at(datetime(2026, 4, 6, 2, 0, tzinfo=UTC))
    async with feedback(database_url, clock, contact_key=None) as f:
        life = History(f)
        await life.deliver(complaint("LAP-N", f.clock()), "/agencies/lapor")
        officials = f"/api/v1/units/{UNIT}/complaint-officials"
        await life.call(f.admin, "PUT", officials, OFFICIALS)
        url = steps("LAP-N")
        body = {"action": "VERIFY_COMPLETE", "actor_nip": DESK, "note": "Berkas lengkap"}
        refused = await life.call(f.client, "POST", url, body, 503)
        assert "FEEDBACK_CONTACT_KEY" in refused["detail"]["message"]
        assert [e.type for e in life.log if e.type == "ComplaintStepTaken"] == []
        del body["note"]
        assert (await life.call(f.client, "POST", url, body))["status"] == "DISPOSED"
        assert [e.type for e in life.log if e.type == "ComplaintStepTaken"] == [
            "ComplaintStepTaken"
        ]
