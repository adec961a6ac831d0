"""The officials' acts on the audit log, and a rebuild from the log restoring what they did
(issue 15, capability 4), on SQLite and PostgreSQL.

A little history runs live through the sanctions service's harness (its consumer, HTTP API and
timer scheduler on one clock): the directory and ratings, absences that open disciplinary cases,
and every kind of official's step over HTTP, each by its rightful actor: summonses (a no-show and a
second summons among them), hearings held and missed, a case closed as not proven, a decision that
merges a second case, its delivery, the ASN's keberatan and its decision by the superior's
superior; a coaching case whose window the scheduler closes, its uji kompetensi kembali and a
post found during the temporary placement. What the audit stream would hold of it (every event
delivered, and the service's outbox in id order, interleaved as written) is then replayed through
the service's own consumer (asn_shared.runtime.rebuild) into an empty, migrated database, and
every table of the service must come back equal.

Left out of the comparison, as wall-clock bookkeeping: `timers.created_at` (the moment a row was
inserted) and `timers.fired_at` (when the scheduler got to a timer; whether it fired is compared);
`ratings_received.received_at` (when a rating arrived). The inbox and outbox are not the state.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from asn_sanctions.adapters.tables import metadata
from asn_sanctions.main import build
from asn_sanctions.subscriptions import OWN_ACTS
from asn_shared.catalog import event_model
from asn_shared.catalog.agency_events import AbsenceRecorded
from asn_shared.envelope import CloudEvent
from asn_shared.messaging.consumer import Outcome
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.persistence.tables import outbox_table
from asn_shared.runtime.rebuild import RebuildSummary, ensure_empty, rebuild
from tests.identity import bearer
from tests.rebuilding import audit_records, empty_databases
from tests.support import delivery, migrate
from tests.unit.discipline_harness import DisciplineHarness, at, discipline_harness
from tests.unit.sanctions_harness import MIGRATIONS

HEAD = "196801011990031001"  # the head of the unit
ATASAN = "197001011995031001"  # the superior's superior: decides the keberatan, records a re-test
SUPERIOR = "198001012005011002"  # the direct superior: summons, examines, decides, delivers
ASN = "199001012015011001"  # two cases decided as one, a keberatan
PEER = "199202022016012002"  # a case found not proven
LATE = "199303032017013003"  # a case summoned at the end: its hearing's timer still pending
COACHED = "198505052010011005"  # a coaching case to its re-test and a post found
STRANGER = "198909092012011009"

ACT_TYPES = {act.event_type for act in OWN_ACTS}
# Wall-clock bookkeeping, per table (module docstring).
VOLATILE = {"timers": {"created_at", "fired_at"}, "ratings_received": {"received_at"}}


# -- databases -----------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Empty databases on one engine: the live run, its rebuild, a replay without the acts."""
    with empty_databases(request.param, tmp_path, ("live", "rebuilt", "without_acts")) as urls:
        yield urls


async def snapshot(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every table of the service (inbox and outbox aside), the wall-clock columns left out and
    whether a timer fired put in, rows in a stable order."""
    engine = create_engine(url)
    tables: dict[str, list[dict[str, Any]]] = {}
    try:
        async with engine.connect() as connection:
            for table in metadata.sorted_tables:
                rows = (await connection.execute(sa.select(table))).mappings().all()
                left_out = VOLATILE.get(table.name, set())
                kept = []
                for row in rows:
                    values = {k: v for k, v in row.items() if k not in left_out}
                    if table.name == "timers":
                        values["fired"] = row["fired_at"] is not None
                    kept.append(values)
                tables[table.name] = sorted(kept, key=lambda r: json.dumps(r, default=str))
    finally:
        await engine.dispose()
    return tables


async def replay(h: DisciplineHarness, url: str, stream: list[CloudEvent]) -> RebuildSummary:
    """`sanctions-service rebuild` of `stream` into the empty database at `url`."""
    await migrate(MIGRATIONS, url)
    engine = create_engine(url)
    sessions = session_factory(engine)

    async def each() -> Any:
        for record in audit_records(stream):
            yield record

    try:
        await ensure_empty(sessions)
        return await rebuild(build(h.settings), sessions, each())
    finally:
        await engine.dispose()


async def outbox_ids(url: str) -> dict[str, str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            query = sa.select(outbox_table.c.event_id, outbox_table.c.event_type)
            return {r.event_id: r.event_type for r in await connection.execute(query)}
    finally:
        await engine.dispose()


# -- the history ---------------------------------------------------------------------------------


class Officials:
    """Each step by its rightful actor, with the token of that actor; remembers every act taken
    (its type, who, when) to hold the log to it."""

    def __init__(self, h: DisciplineHarness) -> None:
        self.h = h
        self.taken: list[tuple[str, str, datetime]] = []

    async def act(
        self,
        kind: str,
        actor: str,
        day: date,
        path: str,
        body: dict[str, Any],
        expected: int = 200,
        roles: tuple[str, ...] = (),
    ) -> Any:
        self.h.clock.now = at(day, 17)  # the day it is recorded, after office hours
        answer = await self.h.call(
            "POST", path, expected, json=body, headers=bearer(actor, list(roles))
        )
        self.taken.append((kind, actor, self.h.clock.now))
        return answer

    async def summon(self, case: str, on: date, hearing: date) -> Any:
        body = {
            "summoned_on": on.isoformat(),
            "scheduled_at": at(hearing).isoformat(),
            "mode": "TATAP_MUKA",
            "examiner_nips": [SUPERIOR],
            "location": "Ruang rapat Sekretariat Dinas Kesehatan",
        }
        summons = f"/discipline/cases/{case}/summons"
        return await self.act("DisciplinarySummonsIssued", SUPERIOR, on, summons, body, 201)

    async def hearing(self, case: str, on: date, attended: bool) -> Any:
        body = {
            "attended": attended,
            "held_on": on.isoformat(),
            "bap_number": f"BAP/800/{on:%m%d}/2026" if attended else None,
        }
        path = f"/discipline/cases/{case}/hearing"
        return await self.act("DisciplinaryHearingRecorded", SUPERIOR, on, path, body)


async def rate(h: DisciplineHarness, predikat: str, period: str, on: date) -> None:
    await h.rated(COACHED, predikat, period, on, by=SUPERIOR)


async def absences(h: DisciplineHarness, nip: str, first: date, days: int) -> list[str]:
    """Unexcused working days from `first`; the ids of the cases they open."""
    day, counted = first, 0
    while counted < days:
        if day.weekday() < 5:
            h.clock.now = at(day, 8)
            await h.deliver(
                AbsenceRecorded(nip=nip, date=day, excused=False), source="/agencies/absensi"
            )
            counted += 1
        day += timedelta(days=1)
    return [e["data"]["case_id"] for e in await h.events("DisciplinaryCaseOpened")]


async def history(h: DisciplineHarness) -> tuple[Officials, dict[str, str]]:
    """The live run (module docstring); the cases by name."""
    officials = Officials(h)
    await h.profile(HEAD, None, position_type="JPT", position="Kepala Dinas Kesehatan")
    await h.profile(ATASAN, HEAD, position_type="ADMINISTRASI", position="Sekretaris Dinas")
    await h.profile(SUPERIOR, ATASAN, position_type="ADMINISTRASI", position="Kepala Seksi")
    for nip in (ASN, PEER, LATE):
        await h.profile(nip, SUPERIOR)
    await h.profile(COACHED, SUPERIOR, position="Analis Kebijakan Ahli Muda")
    await h.events()

    # Coaching: Sangat Kurang, the window closed by the scheduler on a later Kurang, the
    # uji kompetensi kembali with no vacancy, then a post found within the year.
    await rate(h, "SANGAT_KURANG", "2025", date(2026, 3, 2))
    [started] = await h.events("CoachingStarted")
    coaching = started["data"]["case_id"]
    await rate(h, "KURANG_MISCONDUCT", "2026-S1", date(2026, 7, 10))
    assert await h.advance_to(at(date(2026, 9, 3), 1)) == 1  # the window ended on 2 September
    retest = {
        "tested_on": "2026-09-07",
        "meets_standard": False,
        "placement": "PENEMPATAN_SEMENTARA",
    }
    path = f"/coaching/cases/{coaching}"
    await officials.act(
        "CoachingRetestRecorded", ATASAN, date(2026, 9, 8), f"{path}/competency-test", retest
    )
    found = {"found_on": "2026-11-02", "placement": "JABATAN_LEBIH_RENDAH"}
    await officials.act("CoachingPostFound", ATASAN, date(2026, 11, 3), f"{path}/post-found", found)

    # Discipline: four days open two cases for the ASN (teguran lisan, then tertulis), three a
    # case for the peer and for the late one.
    lisan, tertulis = await absences(h, ASN, date(2026, 9, 14), 4)
    [peer] = await absences(h, PEER, date(2026, 9, 14), 3)
    [late] = await absences(h, LATE, date(2026, 9, 14), 3)
    await officials.summon(lisan, date(2026, 9, 21), date(2026, 9, 22))
    await officials.summon(tertulis, date(2026, 9, 21), date(2026, 9, 22))
    await officials.summon(peer, date(2026, 9, 21), date(2026, 9, 22))
    assert (await officials.hearing(lisan, date(2026, 9, 22), False))["status"] == "NO_SHOW"
    await officials.hearing(tertulis, date(2026, 9, 22), True)
    await officials.hearing(peer, date(2026, 9, 22), True)
    reason = {"reason": "Ketidakhadiran ternyata tugas dinas luar dengan surat tugas yang sah"}
    await officials.act(
        "DisciplinaryCaseNotProven",
        SUPERIOR,
        date(2026, 9, 23),
        f"/discipline/cases/{peer}/not-proven",
        reason,
    )
    await officials.summon(lisan, date(2026, 9, 23), date(2026, 9, 24))
    await officials.hearing(lisan, date(2026, 9, 24), True)
    decision = {
        "decision_number": "800/117/Dinkes/2026",
        "jenis": "TEGURAN_TERTULIS",  # the heavier case's, for both (Pasal 33(1))
        "decided_on": "2026-09-25",
        "imposed_by_level": "PENGAWAS",
        "asn_jabatan_level": "JF_LAINNYA",
        "line": ["PENGAWAS"],
    }
    case = f"/discipline/cases/{lisan}"
    await officials.act(
        "DisciplinaryDecisionTaken", SUPERIOR, date(2026, 9, 25), f"{case}/decision", decision, 201
    )
    delivered = {"received_on": "2026-09-28"}
    await officials.act(
        "DisciplinaryDecisionDelivered", SUPERIOR, date(2026, 9, 28), f"{case}/delivery", delivered
    )
    # The second summons' deadline (1 October) passed meanwhile, the summons long issued: the
    # keberatan's step fires its timer first (nothing to flag), live as in the rebuild.
    filed = await officials.act(
        "DisciplinaryObjectionFiled",
        ASN,
        date(2026, 10, 5),
        f"{case}/objections",
        {"filed_on": "2026-10-05"},
        201,
    )
    await officials.act(
        "DisciplinaryObjectionDecisionRecorded",
        ATASAN,
        date(2026, 10, 20),
        f"/discipline/objections/{filed['objection_id']}/decision",
        {"outcome": "MEMPERKUAT", "decided_on": "2026-10-20"},
    )
    await officials.summon(late, date(2026, 10, 26), date(2026, 10, 28))
    cases = {"lisan": lisan, "tertulis": tertulis, "peer": peer, "late": late}
    return officials, {**cases, "coaching": coaching}


# -- the tests -----------------------------------------------------------------------------------


async def test_a_rebuild_from_the_log_restores_every_official_act(databases: dict[str, str]):
    async with discipline_harness(databases["live"]) as h:
        officials, cases = await history(h)
        stream = await h.audit_stream()
        # Live, the consumer binds its own acts and finds each already applied by its command.
        act = next(e for e in stream if e.type in ACT_TYPES)
        routing_key = event_model(act.type).routing_key()
        assert await h.consumer.process(delivery(act, routing_key)) is Outcome.DUPLICATE
        assert (await h.call("GET", f"/discipline/cases/{cases['lisan']}"))["status"] == "IN_FORCE"

    acts = [e for e in stream if e.type in ACT_TYPES]
    assert [(e.type, e.model_extra["actor"], e.time) for e in acts] == officials.taken
    assert {e.type for e in acts} == ACT_TYPES  # every kind of act is in the history
    summary = await replay(h, databases["rebuilt"], stream)
    bound = [
        e for e in stream if event_model(e.type).routing_key() in build().consumer.routing_keys
    ]
    assert summary.outcomes == {Outcome.APPLIED.value: len(bound)}, summary.describe()
    assert summary.not_ours == len(stream) - len(bound)

    live, rebuilt = await snapshot(databases["live"]), await snapshot(databases["rebuilt"])
    counts = {name: len(rows) for name, rows in live.items()}
    # Not a vacuous comparison: the history wrote its steps, timers and the keberatan.
    assert (
        counts["case_steps"] >= len(acts) and counts["timers"] >= 10 and counts["objections"] == 1
    )
    for name in live:
        assert rebuilt[name] == live[name], f"{name} differs after the rebuild"
    # The timers the acts set come back with their kind, key, due time and fate: pending (the
    # late case's hearing), cancelled at the step's time, fired (the window, by the scheduler
    # live and by the re-test's step in the rebuild; the second summons', by the keberatan's).
    fates = {(t["kind"], t["fired"], t["cancelled_at"] is not None) for t in live["timers"]}
    assert ("discipline.hearing_unrecorded", False, False) in fates
    assert ("discipline.objection_decision", False, True) in fates
    assert {("coaching.window", True, False), ("discipline.second_summons", True, False)} <= fates

    # What the acts caused comes back under the ids the log holds (derived from the act).
    caused = {"HearingScheduled", "SanctionImposed", "ObjectionDecided", "RotationRecommended"}
    published = {i: t for i, t in (await outbox_ids(databases["live"])).items() if t in caused}
    again = await outbox_ids(databases["rebuilt"])
    assert len(published) == 9 and all(again.get(i) == t for i, t in published.items())


async def test_a_replay_without_the_acts_leaves_the_tables_different(databases: dict[str, str]):
    """The comparison above would catch a missing act: without them the cases stay as opened."""
    async with discipline_harness(databases["live"]) as h:
        _, cases = await history(h)
        stream = await h.audit_stream()
    without = [e for e in stream if e.type not in ACT_TYPES]
    await replay(h, databases["without_acts"], without)
    live, partial = await snapshot(databases["live"]), await snapshot(databases["without_acts"])
    different = sorted(name for name in live if partial[name] != live[name])
    assert different == [
        "case_steps",
        "coaching_cases",
        "disciplinary_cases",
        "objections",
        "rotation_recommendations",
        "timers",
    ]
    status = {row["case_id"]: row["status"] for row in partial["disciplinary_cases"]}
    assert {status[uuid.UUID(cases[name])] for name in ("lisan", "peer", "late")} == {"OPEN"}


async def test_each_act_names_its_actor_basis_and_time_and_a_refusal_records_none(
    databases: dict[str, str],
):
    async with discipline_harness(databases["live"]) as h:
        officials, cases = await history(h)
        stream = await h.audit_stream()
        acts = [e for e in stream if e.type in ACT_TYPES]
        for event, (kind, actor, time) in zip(acts, officials.taken, strict=True):
            data = event_model(event.type).model_validate(event.data)
            assert (event.type, event.model_extra["actor"], data.actor_nip) == (kind, actor, actor)
            assert event.time == time and data.legal_basis, event.type
            assert event.source == "/asn-kinerja/sanctions"
        # The summons, hearing, decision and delivery of the case, with their actors, in order.
        lisan = [
            (e.type, e.model_extra["actor"]) for e in acts if e.data["case_id"] == cases["lisan"]
        ]
        assert lisan == [
            ("DisciplinarySummonsIssued", SUPERIOR),
            ("DisciplinaryHearingRecorded", SUPERIOR),
            ("DisciplinarySummonsIssued", SUPERIOR),
            ("DisciplinaryHearingRecorded", SUPERIOR),
            ("DisciplinaryDecisionTaken", SUPERIOR),
            ("DisciplinaryDecisionDelivered", SUPERIOR),
            ("DisciplinaryObjectionFiled", ASN),
            ("DisciplinaryObjectionDecisionRecorded", ATASAN),
        ]
        taken = next(e for e in acts if e.type == "DisciplinaryDecisionTaken")
        assert taken.data["merged_case_ids"] == [cases["tertulis"]]
        imposed = next(e for e in stream if e.type == "SanctionImposed")
        assert (imposed.causationid, imposed.model_extra["actor"]) == (taken.id, SUPERIOR)

        # Refused: by a stranger (403), too early (409), dated tomorrow (422); nothing recorded.
        late = f"/discipline/cases/{cases['late']}"
        h.clock.now = at(date(2026, 10, 27), 17)
        tomorrow = date(2026, 10, 28).isoformat()
        refusals = [
            (f"{late}/hearing", STRANGER, {"attended": False, "held_on": "2026-10-27"}, 403),
            (f"{late}/delivery", SUPERIOR, {"received_on": "2026-10-27"}, 409),
            (f"{late}/hearing", SUPERIOR, {"attended": False, "held_on": tomorrow}, 422),
            (f"/coaching/cases/{cases['coaching']}/post-found", ATASAN, {
                "found_on": "2026-10-27", "placement": "JABATAN_SESUAI"
            }, 409),
        ]  # fmt: skip
        before = len(await h.audit_stream())
        for path, who, body, status in refusals:
            await h.call("POST", path, status, json=body, headers=bearer(who))
        assert len(await h.audit_stream()) == before
