"""End to end: the audit stream as the system's memory (issue 7).

The four services run as processes on SQLite files and a fresh RabbitMQ vhost. Agencies publish a
realistic burst: profiles, a unit's annual assessments (every predikat), an attendance system's
absences, a complaint from SP4N-LAPOR! and survey responses. Then officials act over HTTP: the
absent ASN's superior summons, examines, decides and records the delivery
(docs/events-beyond-v1.md). Once the system is quiet and stopped:

- `asn-audit replay` exports the whole stream, which holds every event the exchange carried, in
  the order a watcher bound to the exchange saw them, the complainant's contact sealed by the
  audit writer, and `asn-audit verify` accepts the export;
- `asn-audit replay --actor NIP` shows what that official did, act by act, in order;
- each service's `rebuild` replays the stream into an empty database, and the rebuilt tables
  equal the live ones (but for wall-clock bookkeeping columns), the officials' steps included.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from asn_deploy.local.system import LocalSystem
from asn_deploy.rabbitmq.rabbitmqctl import list_queues, vhost_of
from asn_shared.catalog import event_model
from asn_shared.catalog.agency_events import (
    AbsenceRecorded,
    AssessmentSubmitted,
    EmployeeProfileUpdated,
)
from asn_shared.catalog.export import EXAMPLE_DIR

from .actors import Tokens, Unit
from .conftest import HTTP_PORTS, Watcher, watching

pytestmark = pytest.mark.e2e

UNIT = "dinkes-kotabumi"
HEAD, SUPERVISOR = "197001011995031001", "197501012000031002"
STAFF = [f"19880101201001{i:04d}" for i in range(1, 6)]
ATAS, SESUAI, BAWAH = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
# SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG_MISCONDUCT, SANGAT_KURANG (kuadran)
RATINGS = [(ATAS, ATAS), (SESUAI, SESUAI), (BAWAH, SESUAI), (SESUAI, BAWAH), (BAWAH, BAWAH)]
ABSENT = STAFF[4]
WORKING_DAYS = [date(2025, 3, d) for d in (3, 4, 5, 6, 7, 10)]
# Columns a handler fills from the wall clock (or a per-attempt count): they differ by design.
VOLATILE = {
    "received_at",
    "updated_at",
    "created_at",
    "applied_at",
    "processed_at",
    "attempts",
    "next_attempt_at",
    "claimed_at",
    "leased_until",
    "fired_at",
    "published_at",
    "recorded_at",
}
# The superior's acts on the absent ASN's case, in the order taken, each followed by the v1
# outcome it caused (which carries the same `actor` extension).
DISCIPLINE_ACTS = {
    "DisciplinarySummonsIssued": "HearingScheduled",
    "DisciplinaryHearingRecorded": None,
    "DisciplinaryDecisionTaken": "SanctionImposed",
    "DisciplinaryDecisionDelivered": None,
}
# References to such serial keys (see tables()).
SERIAL_REFS = {"assessment_id"}
SKIP_TABLES = {"alembic_version", "inbox", "outbox", "sqlite_sequence"}


def profile(nip: str, supervisor: str | None, name: str) -> EmployeeProfileUpdated:
    return EmployeeProfileUpdated(
        nip=nip,
        name=name,
        unit_id=UNIT,
        unit_name="Dinas Kesehatan Kotabumi",
        position="Perawat",
        position_type="FUNGSIONAL",
        supervisor_nip=supervisor,
        email=f"{name.split()[0].lower()}@kotabumi.example.go.id",
    )


def example(routing_key: str, **changes: Any) -> Any:
    raw = json.loads((EXAMPLE_DIR / f"{routing_key}.json").read_text())
    return event_model(raw["type"]).model_validate({**raw["data"], **changes})


@pytest.fixture(scope="module")
def quiet_system(e2e_amqp_url, mail, dev_issuer, tmp_path_factory):
    base: Path = tmp_path_factory.mktemp("e2e-rebuild")
    with LocalSystem(
        amqp_url=e2e_amqp_url,
        data_dir=base / "data",
        log_dir=base / "log",
        smtp_port=mail[1],
        http_ports={s: p + 40 for s, p in HTTP_PORTS.items()},
        extra_env={"ASSESSMENT_RATING_PUBLICATION": "SUBMISSION"},
        issuer=dev_issuer.url,
    ) as local:
        local.migrate()
        local.start()
        yield local


@pytest.fixture
async def watch(quiet_system, e2e_amqp_url):
    """Every event on the exchange, from before the first publish."""
    async with watching(e2e_amqp_url) as seen:
        yield seen


async def until_quiet(amqp_url: str, watcher: Watcher, settle: float = 3.0) -> None:
    """Every service queue empty and nothing new on the exchange for `settle` seconds."""
    seen, calm_since = -1, None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 120
    while loop.time() < deadline:
        await watcher.collect()
        depth = sum(
            n
            for q, n in list_queues(vhost_of(amqp_url)).items()
            if not q.endswith(".dlq") and q != "asn.audit"
        )
        if depth == 0 and len(watcher.events) == seen:
            calm_since = calm_since or loop.time()
            if loop.time() - calm_since >= settle:
                return
        else:
            seen, calm_since = len(watcher.events), None
        await asyncio.sleep(0.5)
    raise AssertionError("the system did not go quiet in 120 s")


def run(system: LocalSystem, command: list[str], **env: str) -> str:
    result = subprocess.run(
        command, env={**system.environment(), **env}, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{command}: {result.stdout}\n{result.stderr}"
    return result.stdout


def tables(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, wall-clock columns left out, in a stable order."""
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = {}
        for name in sorted(set(names) - SKIP_TABLES):
            # A serial key numbers rows in the order they were inserted: the live consumer runs
            # handlers concurrently, the rebuild one at a time, so only the order differs.
            serial = {
                c[1]
                for c in db.execute(f'PRAGMA table_info("{name}")')
                if c[5] == 1 and c[2].upper() == "INTEGER"
            }
            cursor = db.execute(f'SELECT * FROM "{name}"')
            columns = [d[0] for d in cursor.description]
            ignored = VOLATILE | serial | SERIAL_REFS
            keep = [i for i, c in enumerate(columns) if c not in ignored]
            rows = sorted((tuple(row[i] for i in keep) for row in cursor), key=repr)
            out[name] = [dict(zip([columns[i] for i in keep], row, strict=True)) for row in rows]
    return out


async def the_superior_decides_the_absence_case(
    system: LocalSystem, watcher: Watcher, tokens: Tokens
) -> str:
    """Six unexcused days: the superior examines every case the absences opened and decides the
    first with a teguran tertulis (the 4-6 days row), which merges the rest; then the delivery."""
    await watcher.wait_until(lambda w: w.of_type("DisciplinaryCaseOpened", nip=ABSENT))
    cases = [o["data"]["case_id"] for o in watcher.of_type("DisciplinaryCaseOpened", nip=ABSENT)]
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()
    async with httpx.AsyncClient(
        base_url=system.url("sanctions"), timeout=30, auth=tokens.acting(SUPERVISOR)
    ) as http:
        office = Unit(UNIT, http, "")
        for case_id in cases:
            summons = {
                "summoned_by_nip": SUPERVISOR,
                "summoned_on": today,
                "scheduled_at": f"{today}T23:00:00+07:00",
                "mode": "VIRTUAL",
                "location": "https://rapat.example.go.id/bap",
                "examiner_nips": [SUPERVISOR],
            }
            await office.call("POST", f"/discipline/cases/{case_id}/summons", 201, json=summons)
            held = {"recorded_by_nip": SUPERVISOR, "attended": True, "held_on": today}
            held["bap_number"] = f"BAP/{case_id[:8]}"
            await office.call("POST", f"/discipline/cases/{case_id}/hearing", json=held)
        decision = {
            "decision_number": "862/TEGURAN_TERTULIS/2026",
            "jenis": "TEGURAN_TERTULIS",
            "decided_on": today,
            "imposed_by_nip": SUPERVISOR,
            "imposed_by_level": "PENGAWAS",
            "asn_jabatan_level": "JF_LAINNYA",
            "line": ["PENGAWAS", "JPT_PRATAMA"],
        }
        case = f"/discipline/cases/{cases[0]}"
        await office.call("POST", f"{case}/decision", 201, json=decision)
        delivered = {"recorded_by_nip": SUPERVISOR, "received_on": today}
        await office.call("POST", f"{case}/delivery", json=delivered)
    await watcher.wait_until(lambda w: w.of_type("SanctionImposed", nip=ABSENT))
    return cases[0]


async def test_the_log_replays_in_order_and_rebuilds_every_service(
    quiet_system: LocalSystem, e2e_amqp_url, watch: Watcher, tokens: Tokens, tmp_path: Path
):
    watcher = watch
    agencies = Unit(UNIT, None, e2e_amqp_url)  # type: ignore[arg-type]
    await agencies.publish(
        profile(HEAD, None, "Hendra Wijaya"),
        profile(SUPERVISOR, HEAD, "Sri Lestari"),
        *(profile(nip, SUPERVISOR, f"Staf {nip[-2:]}") for nip in STAFF),
        source="/agencies/bkn-siasn",
    )
    await asyncio.sleep(1.0)  # profiles first, as the national HR system sends them
    await agencies.publish(
        *(
            AssessmentSubmitted(
                nip=nip,
                period="2026",
                assessor_nip=SUPERVISOR,
                assessor_role="SUPERVISOR",
                rating_hasil_kerja=hasil,
                rating_perilaku_kerja=perilaku,
            )
            for nip, (hasil, perilaku) in zip(STAFF, RATINGS, strict=True)
        ),
        source="/agencies/ekinerja-kotabumi",
    )
    for day in WORKING_DAYS:  # day by day, as an attendance system reports them
        await agencies.publish(
            AbsenceRecorded(nip=ABSENT, date=day, excused=False),
            source="/agencies/absensi-kotabumi",
        )
        await asyncio.sleep(1.0)
    await agencies.publish(
        example("complaint.received.v1", unit_id=UNIT, subject_nip=STAFF[1]),
        source="/agencies/lapor",
    )
    await agencies.publish(
        *(example("survey.response.submitted.v1", unit_id=UNIT) for _ in range(3)),
        source="/agencies/skm-kotabumi",
    )
    await until_quiet(e2e_amqp_url, watcher)
    decided = await the_superior_decides_the_absence_case(quiet_system, watcher, tokens)
    await until_quiet(e2e_amqp_url, watcher)
    quiet_system.stop()
    seen = [e["id"] for e in watcher.events]
    assert {e["type"] for e in watcher.events} >= {
        "PerformanceRated",
        "RewardGranted",
        "CoachingStarted",
        "DisciplinaryCaseOpened",
        "NotificationSent",
    }

    export = tmp_path / "audit.jsonl"
    audit = str(Path(sys.executable).parent / "asn-audit")
    run(quiet_system, [audit, "replay", "--amqp-url", e2e_amqp_url, "--output", str(export)])
    run(quiet_system, [audit, "verify", str(export)])
    replayed = [json.loads(line)["event"]["id"] for line in export.read_text().splitlines()]
    complainant = example("complaint.received.v1").complainant
    assert complainant.email and str(complainant.email) not in export.read_text()  # sealed
    assert sorted(replayed) == sorted(seen) and len(replayed) == len(set(replayed))
    for source in {e["source"] for e in watcher.events}:  # one publisher's events keep its order
        ids = {e["id"] for e in watcher.events if e["source"] == source}
        assert [i for i in replayed if i in ids] == [i for i in seen if i in ids], source

    # Who did what: the superior's acts on the decided case, in order, each naming its actor.
    by_superior = tmp_path / "superior.jsonl"
    command = [audit, "replay", "--amqp-url", e2e_amqp_url, "--actor", SUPERVISOR]
    run(quiet_system, [*command, "--output", str(by_superior)])
    acts = [json.loads(line)["event"] for line in by_superior.read_text().splitlines()]
    on_case = [a for a in acts if a["data"].get("case_id") == decided]
    expected = [t for pair in DISCIPLINE_ACTS.items() for t in pair if t]
    assert [a["type"] for a in on_case] == expected
    assert {a.get("actor") for a in acts} == {SUPERVISOR}
    for act, caused in zip(on_case, on_case[1:], strict=False):
        if act["type"] in DISCIPLINE_ACTS:
            assert act["data"]["actor_nip"] == SUPERVISOR and act["data"]["legal_basis"]
            if DISCIPLINE_ACTS[act["type"]]:
                assert caused["causationid"] == act["id"], caused["type"]

    for name in quiet_system.services_with_database:
        script = str(Path(sys.executable).parent / f"{name}-service")
        rebuilt = tmp_path / f"rebuilt-{name}.db"
        env = {f"{name.upper()}_DATABASE_URL": f"sqlite+aiosqlite:///{rebuilt}"}
        run(quiet_system, [script, "migrate"], **env)
        summary = run(quiet_system, [script, "rebuild"], **env)
        assert "failed 0" in summary, summary
        live, again = tables(quiet_system.database_path(name)), tables(rebuilt)
        assert any(live.values()), f"{name} holds nothing: the scenario did not reach it"
        for table in live:
            assert again[table] == live[table], f"{name}.{table} differs after the rebuild"
