"""The sanctions API against bad input, through the app production serves (the harness's
`service_api`) over a migrated database, with real tokens.

- A step that has happened is not dated after today, a day in Asia/Jakarta on the command's
  clock: 422 naming the field (`date_in_future`), nothing written, nothing published.
- Times keep their offset: a summons given at +07:00 is the same instant when read back, with
  its offset, on SQLite and PostgreSQL; every date-time a read answers names its offset.
- What once ended in a 500 is a 422 that does not echo what was sent (the input in each test).
- The guard's 413 and request id reach this service's routes; the 0005 migration moves the
  summonses SQLite kept without their offset to UTC.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from asn_sanctions.adapters.tables import disciplinary_cases
from asn_shared.catalog.agency_events import AbsenceRecorded
from asn_shared.persistence.engine import create_engine
from asn_shared.runtime.migrations import upgrade
from tests.identity import bearer
from tests.support import date_times, without_offset
from tests.unit.discipline_harness import DisciplineHarness, at, discipline_harness
from tests.unit.sanctions_harness import MIGRATIONS

ASN, SUPERIOR, ATASAN = "199001012015011001", "198001012005011002", "197001011995031001"
DAY = date(2026, 3, 16)  # today, in Jakarta
TOMORROW = DAY + timedelta(days=1)


def sqlite(tmp_path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'sanctions.db'}"


async def office(h: DisciplineHarness) -> str:
    """ASN (a JF) -> SUPERIOR (examines, decides) -> ATASAN; three unexcused days: one case.
    The clock: 17:00 in Jakarta on DAY."""
    await h.profile(ATASAN, None, position_type="ADMINISTRASI", position="Kepala Bidang")
    await h.profile(SUPERIOR, ATASAN, position_type="ADMINISTRASI", position="Kepala Seksi")
    await h.profile(ASN, SUPERIOR, position="Analis Kebijakan Ahli Muda")
    for day in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)):
        await h.deliver(AbsenceRecorded(nip=ASN, date=day, excused=False), source="/agencies/a")
    [opened] = await h.events("DisciplinaryCaseOpened")
    h.clock.now = at(DAY, 17)
    return f"/discipline/cases/{opened['data']['case_id']}"


def summons(on: date = DAY, scheduled_at: str | None = None) -> dict[str, Any]:
    return {
        "summoned_on": on.isoformat(),
        "scheduled_at": scheduled_at or at(DAY + timedelta(days=1)).isoformat(),
        "mode": "TATAP_MUKA",
        "examiner_nips": [SUPERIOR],
    }


def decision(on: date = DAY, **extra: Any) -> dict[str, Any]:
    return {
        "decision_number": "800/1/2026",
        "jenis": "TEGURAN_LISAN",
        "decided_on": on.isoformat(),
        "imposed_by_level": "PENGAWAS",
        "asn_jabatan_level": "JF_LAINNYA",
        "line": ["PENGAWAS"],
        **extra,
    }


def held(on: date = DAY) -> dict[str, Any]:
    return {"attended": True, "held_on": on.isoformat(), "bap_number": "BAP-1"}


async def refused_in_future(
    h: DisciplineHarness, path: str, body: dict[str, Any], field: str, nip: str = SUPERIOR
) -> None:
    """`body` dated tomorrow: 422 naming `field`, the date sent not echoed, nothing changed."""
    before = await h.call("GET", path.rsplit("/", 1)[0]) if "/cases/" in path else None
    response = await h.client.post(f"/api/v1{path}", json=body, headers=bearer(nip))
    assert response.status_code == 422, response.text
    [problem] = response.json()["detail"]
    assert (problem["type"], problem["loc"]) == ("date_in_future", ["body", field])
    assert DAY.isoformat() in problem["msg"] and TOMORROW.isoformat() not in response.text
    assert await h.events() == []
    if before is not None:
        assert await h.call("GET", path.rsplit("/", 1)[0]) == before


async def test_each_past_step_dated_tomorrow_is_refused_naming_its_field(database_url):
    async with discipline_harness(database_url) as h:
        path = await office(h)
        await refused_in_future(h, f"{path}/summons", summons(TOMORROW), "summoned_on")
        await h.call("POST", f"{path}/summons", 201, json=summons(), headers=bearer(SUPERIOR))
        await h.events()
        h.clock.now = at(TOMORROW, 17)
        later = TOMORROW + timedelta(days=1)
        await refused_in_future_on(h, f"{path}/hearing", held(later), "held_on", later)
        await h.call("POST", f"{path}/hearing", json=held(TOMORROW), headers=bearer(SUPERIOR))
        await refused_in_future_on(h, f"{path}/decision", decision(later), "decided_on", later)
        await h.call(
            "POST", f"{path}/decision", 201, json=decision(TOMORROW), headers=bearer(SUPERIOR)
        )
        await h.events()
        delivered = {"received_on": later.isoformat()}
        await refused_in_future_on(h, f"{path}/delivery", delivered, "received_on", later)
        delivered = {"received_on": TOMORROW.isoformat()}
        await h.call("POST", f"{path}/delivery", json=delivered, headers=bearer(SUPERIOR))
        filed = {"filed_on": later.isoformat()}
        await refused_in_future_on(h, f"{path}/objections", filed, "filed_on", later, nip=ASN)
        filed = {"filed_on": TOMORROW.isoformat()}
        objection = await h.call("POST", f"{path}/objections", 201, json=filed, headers=bearer(ASN))
        decide = f"/discipline/objections/{objection['objection_id']}/decision"
        body = {"outcome": "MEMPERKUAT", "decided_on": later.isoformat()}
        await refused_in_future_on(h, decide, body, "decided_on", later, nip=ATASAN)
        body = {"outcome": "MEMPERKUAT", "decided_on": TOMORROW.isoformat()}
        await h.call("POST", decide, json=body, headers=bearer(ATASAN))
        assert [e["type"] for e in await h.events()] == [
            "DisciplinaryObjectionDecisionRecorded",
            "ObjectionDecided",
        ]


async def refused_in_future_on(
    h: DisciplineHarness, path: str, body: dict[str, Any], field: str, day: date, **who: str
) -> None:
    """As `refused_in_future`, with today = the day before `day`."""
    await h.events()  # the steps before it recorded their acts: this refusal records nothing
    response = await h.client.post(
        f"/api/v1{path}", json=body, headers=bearer(who.get("nip", SUPERIOR))
    )
    assert response.status_code == 422, response.text
    [problem] = response.json()["detail"]
    assert (problem["type"], problem["loc"]) == ("date_in_future", ["body", field])
    assert day.isoformat() not in response.text  # the date sent is not echoed
    assert await h.events() == []


async def test_today_is_a_day_in_jakarta_on_the_commands_clock(tmp_path):
    async with discipline_harness(sqlite(tmp_path)) as h:
        path = await office(h)
        # 23:30 in Jakarta on DAY (16:30 UTC): tomorrow's summons has not been given yet.
        h.clock.now = datetime(2026, 3, 16, 16, 30, tzinfo=UTC)
        early = summons(TOMORROW, at(TOMORROW + timedelta(days=1)).isoformat())
        await refused_in_future(h, f"{path}/summons", early, "summoned_on")
        # 00:30 in Jakarta on the next day, still 16 March in UTC: it has.
        h.clock.now = datetime(2026, 3, 16, 17, 30, tzinfo=UTC)
        await h.call("POST", f"{path}/summons", 201, json=early, headers=bearer(SUPERIOR))


async def test_a_competency_test_and_a_post_found_are_not_dated_after_today(tmp_path):
    async with discipline_harness(sqlite(tmp_path)) as h:
        await h.profile(ASN, SUPERIOR, position="Analis Kebijakan Ahli Muda")
        await h.profile(SUPERIOR, ATASAN, position_type="ADMINISTRASI", position="Kasi")
        for predikat, period, on in (
            ("SANGAT_KURANG", "2024", date(2025, 1, 15)),
            ("KURANG_MISCONDUCT", "2025-Q1", date(2025, 4, 10)),
        ):
            await rate(h, predikat, period, on)
        [started] = await h.events("CoachingStarted")
        path = f"/coaching/cases/{started['data']['case_id']}"
        await h.advance_to(at(date(2025, 7, 16), 1))
        await h.events()
        h.clock.now = at(date(2025, 7, 21))
        retest = {"tested_on": "2025-07-22", "meets_standard": False}
        retest["placement"] = "PENEMPATAN_SEMENTARA"
        await refused_in_future_on(
            h, f"{path}/competency-test", retest, "tested_on", date(2025, 7, 22)
        )
        retest["tested_on"] = "2025-07-21"
        await h.call("POST", f"{path}/competency-test", json=retest, headers=bearer(SUPERIOR))
        await h.events()
        found = {"found_on": "2025-07-22", "placement": "JABATAN_SESUAI"}
        await refused_in_future_on(h, f"{path}/post-found", found, "found_on", date(2025, 7, 22))
        found["found_on"] = "2025-07-21"
        await h.call("POST", f"{path}/post-found", json=found, headers=bearer(SUPERIOR))


async def rate(h: DisciplineHarness, predikat: str, period: str, on: date) -> None:
    await h.rated(ASN, predikat, period, on, by=SUPERIOR)


async def test_a_summons_at_plus_seven_reads_back_as_the_same_instant(database_url):
    """The issue's case: given at 09:00+07:00, it read back on SQLite as a bare 09:00."""
    async with discipline_harness(database_url) as h:
        path = await office(h)
        given = "2026-03-17T09:00:00+07:00"
        first = summons(scheduled_at=given)
        answer = await h.call("POST", f"{path}/summons", 201, json=first, headers=bearer(SUPERIOR))
        assert answer["scheduled_at"] == given  # the summons as given
        view = await h.call("GET", path)
        assert view["scheduled_at"] == "2026-03-17T02:00:00+00:00"
        assert datetime.fromisoformat(view["scheduled_at"]) == datetime.fromisoformat(given)
        assert view["steps"][-1]["details"]["scheduled_at"] == given
        assert without_offset(view) == [], without_offset(view)


async def test_the_second_summons_counts_from_the_jakarta_day_of_the_first(database_url):
    """20:00 UTC on 17 March is 18 March in Jakarta: the day the hearing was missed and the
    second summons's 7 working days count from (Pasal 26(3)). SQLite read the stored time
    back as a bare 20:00, taken as Jakarta time: 17 March, a day early."""
    async with discipline_harness(database_url) as h:
        path = await office(h)
        first = summons(scheduled_at="2026-03-17T20:00:00Z")
        await h.call("POST", f"{path}/summons", 201, json=first, headers=bearer(SUPERIOR))
        h.clock.now = at(date(2026, 3, 18), 17)
        missed = {"attended": False, "held_on": "2026-03-18"}
        await h.call("POST", f"{path}/hearing", json=missed, headers=bearer(SUPERIOR))
        view = await h.call("GET", path)
        [second] = [d for d in view["deadlines"] if d["kind"] == "discipline.second_summons"]
        # 7 working days after Wednesday 18 March: Friday 27 March, passed at its midnight.
        assert second["due_at"] == "2026-03-27T17:00:00+00:00"


async def test_every_date_time_a_read_answers_names_its_offset(database_url):
    async with discipline_harness(database_url) as h:
        path = await office(h)
        await rate(h, "SANGAT_KURANG", "2025", date(2026, 3, 10))
        [started] = await h.events("CoachingStarted")
        h.clock.now = at(DAY, 17)
        await h.call("POST", f"{path}/summons", 201, json=summons(), headers=bearer(SUPERIOR))
        await h.call("POST", f"{path}/hearing", json=held(), headers=bearer(SUPERIOR))
        await h.call("POST", f"{path}/decision", 201, json=decision(), headers=bearer(SUPERIOR))
        reads = [
            path,
            "/units/dinkes/discipline",
            "/units/dinkes/rotations",
            f"/coaching/cases/{started['data']['case_id']}",
            f"/employees/{ASN}/follow-ups",
        ]
        seen = 0
        for read in reads:
            answer = await h.call("GET", read, headers=bearer(ATASAN, ["auditor"]))
            assert without_offset(answer) == [], (read, without_offset(answer))
            seen += len(list(date_times(answer)))
        assert seen >= 8  # rated_at, scheduled_at, taken_at, due_at, updated_at...


@pytest.mark.parametrize(
    ("step", "body", "field"),
    [
        # OverflowError: the moment's Jakarta (or UTC) day is outside years 1-9999.
        ("summons", summons(scheduled_at="0001-01-01T00:00:00+14:00"), "scheduled_at"),
        ("summons", summons(scheduled_at="9999-12-31T23:00:00-12:00"), "scheduled_at"),
        # A time without an offset names no moment (and read back without one).
        ("summons", summons(scheduled_at="2026-03-17T09:00:00"), "scheduled_at"),
        # SanctionImposed strips and refuses a blank decision number or violation: it was a
        # ValidationError while building the event.
        ("decision", decision(decision_number="   "), "decision_number"),
        ("decision", decision(pelanggaran=" \t "), "pelanggaran"),
        # 0 and "0" were 1 January 1970 (a Unix time), "yes" was true.
        ("decision", decision(decided_on=0), "decided_on"),
        ("hearing", {**held(), "held_on": "0"}, "held_on"),
        ("hearing", {**held(), "held_on": "2026-03-16T00:00:00"}, "held_on"),
        ("hearing", {**held(), "attended": "yes"}, "attended"),
        ("hearing", {**held(), "bap_number": "  "}, "bap_number"),
    ],
)
async def test_what_ended_in_a_500_or_was_taken_wrongly_is_a_422_without_echo(
    tmp_path, step, body, field
):
    async with discipline_harness(sqlite(tmp_path)) as h:
        path = await office(h)
        if step == "decision":
            await h.call("POST", f"{path}/summons", 201, json=summons(), headers=bearer(SUPERIOR))
            await h.call("POST", f"{path}/hearing", json=held(), headers=bearer(SUPERIOR))
        if step == "hearing":
            await h.call("POST", f"{path}/summons", 201, json=summons(), headers=bearer(SUPERIOR))
        await h.events()
        response = await h.client.post(f"/api/v1{path}/{step}", json=body, headers=bearer(SUPERIOR))
        assert response.status_code == 422, response.text
        assert [p["loc"] for p in response.json()["detail"]] == [["body", field]]
        sent = body[field]
        if isinstance(sent, str) and sent.strip():
            assert sent not in response.text
        assert await h.events() == []


async def test_a_competency_test_with_a_blank_jabatan_is_a_422(tmp_path):
    async with discipline_harness(sqlite(tmp_path)) as h:
        response = await h.client.post(
            f"/api/v1/coaching/cases/{uuid.uuid4()}/competency-test",
            json={"tested_on": "2026-03-02", "meets_standard": False, "current_position": " "},
            headers=bearer(SUPERIOR),
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "current_position"]


async def test_the_guards_limit_and_request_id_reach_the_routes(tmp_path):
    async with discipline_harness(sqlite(tmp_path), ASN_HTTP_MAX_BODY_BYTES=2000) as h:
        path = await office(h)
        big = {**summons(), "location": "x" * 5000}
        response = await h.client.post(
            f"/api/v1{path}/summons",
            json=big,
            headers={**bearer(SUPERIOR), "X-Request-ID": "sanctions-413"},
        )
        assert response.status_code == 413
        assert response.headers["x-request-id"] == "sanctions-413"
        assert (await h.call("GET", path))["status"] == "OPEN"


def test_the_0005_migration_moves_stored_summonses_to_utc(tmp_path):
    """A summons SQLite kept as 09:00 (given at +07:00) becomes 02:00 UTC, read back aware."""
    url = sqlite(tmp_path)
    upgrade(MIGRATIONS, url, "0004")
    case_id = uuid.uuid4()
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'sanctions.db'}")
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO disciplinary_cases (case_id, trigger_key, nip, origin, pelanggaran,"
                " legal_basis, status, opened_on, summons, scheduled_at, without_examination,"
                " updated_at) VALUES (:id, 'k', :nip, 'KEHADIRAN', 'x', '[]', 'SUMMONED',"
                " '2026-03-02', 1, '2026-03-17 09:00:00.000000', 0,"
                " '2026-03-16 10:00:00.000000')"
            ),
            {"id": case_id.hex, "nip": ASN},
        )
        details = {"summons": 1, "scheduled_at": "2026-03-17T09:00:00+07:00", "mode": "VIRTUAL"}
        conn.execute(
            sa.text(
                "INSERT INTO case_steps (case_id, step, status, actor_nip, details, taken_at)"
                " VALUES (:id, 'SUMMON', 'SUMMONED', :nip, :details, '2026-03-16 10:00:00')"
            ),
            {"id": case_id.hex, "nip": SUPERIOR, "details": json.dumps(details)},
        )
    engine.dispose()
    upgrade(MIGRATIONS, url)

    async def read() -> datetime:
        async_engine = create_engine(url)
        try:
            async with async_engine.connect() as conn:
                query = sa.select(disciplinary_cases.c.scheduled_at).where(
                    disciplinary_cases.c.case_id == case_id
                )
                return (await conn.execute(query)).scalar_one()
        finally:
            await async_engine.dispose()

    moment = asyncio.run(read())
    assert moment == datetime(2026, 3, 17, 2, tzinfo=UTC) and moment.tzinfo is not None
