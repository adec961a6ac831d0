"""A rebuild from the log restores what the assessment service's officials did (issue 15,
capability 4), on SQLite and PostgreSQL.

A little year of one unit goes through the service's harness, each step by its rightful actor:
profiles from the national HR system, SKP drafted, edited, submitted, returned, approved and
revised (one cascading on the evaluator's), an indicator measured and a citizen summary, continuous
feedback, assessments, a quarter closed, the organisation predicate, the year closed, the annual
documents signed, handed over and (a signature late) set by the evaluator's superior, and two
objections filed and decided (one changing the rating). The log is what the audit stream would
hold, in order: the events delivered and the service's outbox in id order (`harness.log`).

Replayed record by record through the service's own consumer (`asn_shared.runtime.rebuild`) into
an empty migrated database, the rebuilt tables equal the live ones after every step, not only at
the end. Every table of the service is compared, every column: no column is filled from the wall
clock (times are the events' and the acts' own, ids the acts'), so none is left out.

A missing act would be caught: each act changes the live tables (so a log without it rebuilds,
at that step, the state before it), and the log without the acts rebuilds a different state.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from asn_assessment.adapters.tables import metadata
from asn_assessment.main import build
from asn_assessment.settings import AssessmentSettings
from asn_assessment.subscriptions import OWN_ACTS
from asn_shared.catalog import event_model
from asn_shared.catalog.agency_events import IndicatorMeasured
from asn_shared.catalog.feedback_events import CitizenFeedbackSummarized
from asn_shared.envelope import CloudEvent, new_event
from asn_shared.persistence.engine import Sessions
from tests.clock import TestClock
from tests.rebuilding import (
    Tables,
    different,
    empty_databases,
    engine_of,
    replay_record_by_record,
    table_rows,
)
from tests.unit.assessment_harness import (
    ASN,
    EVALUATOR,
    HEAD,
    LEADER,
    MIGRATIONS,
    PEER,
    STAFF,
    UNIT,
    AssessmentHarness,
    assessment_harness,
    directory,
    expect,
    plan_body,
    supervisor_assessment,
)

SETTINGS: dict[str, Any] = {"distribution_check": "WARN"}  # a unit of all BAIK breaks a quota
LATE = STAFF[2]  # whose evaluator never signs: the evaluator's superior sets the document
ATAS, SESUAI = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI"


# No column of this service is filled from the wall clock: every table is compared whole.
async def tables(sessions: Sessions) -> Tables:
    return await table_rows(sessions, metadata)


# --- the databases -----------------------------------------------------------------------------


@pytest.fixture
def spare_databases(database_url: str, tmp_path: Path) -> Iterator[list[str]]:
    """Two empty databases on the engine of `database_url` (the live one), to rebuild into."""
    with empty_databases(engine_of(database_url), tmp_path, ("rebuilt", "spare")) as urls:
        yield list(urls.values())


async def replay(
    url: str, log: list[CloudEvent], stops: Collection[int] = ()
) -> tuple[dict[int, Tables], Counter[str]]:
    """`assessment-service rebuild`'s path, one record at a time (tests/rebuilding.py)."""
    definition = build(AssessmentSettings(**SETTINGS))
    return await replay_record_by_record(definition, MIGRATIONS, url, log, tables, stops)


# --- the history -------------------------------------------------------------------------------


class History:
    """The live service driven step by step; after each step the harness pumps its outbox into
    the log (and its consumer), the clock moves on, and the live tables are kept."""

    def __init__(self, h: AssessmentHarness) -> None:
        self.h = h
        self.steps: list[tuple[int, Tables]] = []

    async def settle(self) -> None:
        await self.h.pump()
        self.steps.append((len(self.h.log), await tables(self.h.sessions)))
        self.h.clock.now = self.h.clock.now + timedelta(minutes=7)

    async def act(
        self, who: str, method: str, url: str, body: dict[str, Any] | None = None, status=200
    ) -> Any:
        answer = await expect(self.h, status, who, method, url, body)
        await self.settle()
        return answer

    async def delivered(self, event: CloudEvent) -> None:
        await self.h.deliver(event)
        await self.settle()

    def on(self, day: datetime) -> None:
        self.h.clock.now = day


def content(nip: str, target: float, **rhk: Any) -> dict[str, Any]:
    body = plan_body(nip)
    body["rhk"][0]["indicators"][0]["target"] = target
    body["rhk"][0] |= rhk
    return {k: v for k, v in body.items() if k not in ("nip", "period")}


async def a_year(life: History) -> None:
    h = life.h
    life.on(datetime(2026, 1, 5, 2, 0, tzinfo=UTC))  # Monday 09:00 in Jakarta
    await directory(h)
    await life.settle()

    # The evaluator's SKP, then the staff's cascading on it.
    mine = await life.act(EVALUATOR, "POST", "/api/v1/plans", plan_body(EVALUATOR), 201)
    await life.act(EVALUATOR, "POST", f"/api/v1/plans/{mine['id']}/submit", {})
    await life.act(HEAD, "POST", f"/api/v1/plans/{mine['id']}/approve", {})
    skp = await life.act(ASN, "POST", "/api/v1/plans", plan_body(ASN), 201)
    url = f"/api/v1/plans/{skp['id']}"
    await life.act(ASN, "PUT", url, content(ASN, 85, supports_rhk_id=f"rhk-{EVALUATOR}"))
    await life.act(ASN, "POST", f"{url}/submit", {})
    await life.act(EVALUATOR, "POST", f"{url}/return", {"note": "Target minimal 95 persen"})
    await life.act(ASN, "PUT", url, content(ASN, 95, supports_rhk_id=f"rhk-{EVALUATOR}"))
    await life.act(ASN, "POST", f"{url}/submit", {})
    await life.act(EVALUATOR, "POST", f"{url}/approve", {})
    peer = await life.act(PEER, "POST", "/api/v1/plans", plan_body(PEER), 201)
    await life.act(PEER, "POST", f"/api/v1/plans/{peer['id']}/submit", {})
    await life.act(EVALUATOR, "POST", f"/api/v1/plans/{peer['id']}/approve", {})

    # The first quarter: evidence, feedback, assessments, the close.
    life.on(datetime(2026, 3, 31, 3, 0, tzinfo=UTC))
    measured = IndicatorMeasured(
        nip=ASN,
        period="2026-Q1",
        indicator_id=f"iki-{ASN}",
        value=104,
        unit_of_measure="persen",
        measured_at=datetime(2026, 3, 31, tzinfo=UTC),
    )
    await life.delivered(new_event(measured, source="/agencies/dinkes-kepahiang", time=h.clock()))
    summary = CitizenFeedbackSummarized(
        nip=ASN,
        unit_id=UNIT,
        period="2026-Q1",
        ratings_count=12,
        average_score=4.5,
        complaints_received=1,
        complaints_substantiated=0,
        summarized_at=h.clock(),
    )
    await life.delivered(new_event(summary, source="/asn-kinerja/feedback", time=h.clock()))
    feedback = f"/api/v1/employees/{ASN}/feedback"
    note = {
        "period": "2026-Q1",
        "text": "Cakupan naik; laporan tepat waktu",
        "rhk_id": f"rhk-{ASN}",
    }
    await life.act(EVALUATOR, "POST", feedback, note, 201)
    note = {"period": "2026-Q1", "text": "Sigap melayani warga", "nilai": "BERORIENTASI_PELAYANAN"}
    await life.act(EVALUATOR, "POST", f"/api/v1/employees/{PEER}/feedback", note, 201)
    peer_view = {"nip": ASN, "period": "2026-Q1", "assessor_role": "PEER", "perilaku": {"LOYAL": 4}}
    await life.act(PEER, "POST", "/api/v1/assessments", peer_view, 202)
    for nip, by in [(HEAD, LEADER), (EVALUATOR, HEAD)] + [(s, EVALUATOR) for s in STAFF]:
        rating = supervisor_assessment(nip, "2026-Q1", perilaku={"AKUNTABEL": 4})
        await life.act(by, "POST", "/api/v1/assessments", rating, 202)
    life.on(datetime(2026, 4, 2, 2, 0, tzinfo=UTC))
    await life.act(LEADER, "POST", f"/api/v1/units/{UNIT}/periods/2026-Q1/close", {})

    # Mid-year the priorities change: the SKP is revised, edited and approved again.
    life.on(datetime(2026, 7, 1, 2, 0, tzinfo=UTC))
    revision = {"reason": "PERUBAHAN_PRIORITAS", "note": "Program BIAN di semester II"}
    await life.act(EVALUATOR, "POST", f"{url}/revisions", revision)
    revised = content(ASN, 95, supports_rhk_id=f"rhk-{EVALUATOR}")
    revised["rhk"].append(
        {
            "id": f"rhk-{ASN}-bian",
            "jenis": "TAMBAHAN",
            "description": "Bulan imunisasi anak nasional",
            "indicators": [
                {
                    "id": f"iki-{ASN}-bian",
                    "description": "Desa terjangkau BIAN",
                    "target": 6,
                    "unit_of_measure": "desa",
                    "aspek": "KUANTITAS",
                }
            ],
        }
    )
    await life.act(ASN, "PUT", url, revised)
    await life.act(ASN, "POST", f"{url}/submit", {})
    await life.act(EVALUATOR, "POST", f"{url}/approve", {})

    # The year: assessments, the organisation predicate, the close (by the unit's head).
    life.on(datetime(2026, 12, 28, 2, 0, tzinfo=UTC))
    year = [(HEAD, LEADER, SESUAI), (EVALUATOR, HEAD, ATAS), (ASN, EVALUATOR, SESUAI)]
    year += [(s, EVALUATOR, SESUAI) for s in STAFF[1:]]
    for nip, by, hasil in year:
        rating = supervisor_assessment(nip, "2026", rating_hasil_kerja=hasil)
        await life.act(by, "POST", "/api/v1/assessments", rating, 202)
    life.on(datetime(2027, 1, 4, 2, 0, tzinfo=UTC))
    standing = f"/api/v1/units/{UNIT}/periods/2026"
    await life.act(
        LEADER, "PUT", f"{standing}/organization-rating", {"predikat_organisasi": "BAIK"}
    )
    await life.act(HEAD, "POST", f"{standing}/close", {})

    # The annual documents, and two objections.
    document = "/api/v1/employees/{}/periods/2026/document"
    for nip in (PEER, ASN):
        await life.act(EVALUATOR, "POST", f"{document.format(nip)}/signatures", {})
        await life.act(EVALUATOR, "POST", f"{document.format(nip)}/delivery", {})
    await life.act(PEER, "POST", f"{document.format(PEER)}/signatures", {})
    life.on(datetime(2027, 1, 5, 2, 0, tzinfo=UTC))
    reasons = {"period": "2026", "reasons": "Capaian triwulan IV belum dinilai"}
    mine = await life.act(ASN, "POST", "/api/v1/objections", {"nip": ASN, **reasons}, 201)
    theirs = await life.act(PEER, "POST", "/api/v1/objections", {"nip": PEER, **reasons}, 201)
    life.on(datetime(2027, 1, 6, 2, 0, tzinfo=UTC))
    changed = {"outcome": "MENGUBAH", "rating_hasil_kerja": ATAS, "rating_perilaku_kerja": ATAS}
    changed["note"] = "Capaian triwulan IV terverifikasi"
    await life.act(HEAD, "POST", f"/api/v1/objections/{mine['id']}/decision", changed)
    confirmed = {"outcome": "MEMPERKUAT"}
    await life.act(HEAD, "POST", f"/api/v1/objections/{theirs['id']}/decision", confirmed)
    life.on(datetime(2027, 1, 20, 2, 0, tzinfo=UTC))  # the evaluator's 14 days have passed
    await life.act(HEAD, "POST", f"{document.format(LATE)}/signatures", {})


# --- the test ----------------------------------------------------------------------------------


async def test_a_rebuild_restores_the_officials_acts_after_every_step(
    database_url: str, spare_databases: list[str]
):
    clock = TestClock.at(datetime(2026, 1, 5, 2, 0, tzinfo=UTC))
    async with assessment_harness(database_url, clock, **SETTINGS) as h:
        life = History(h)
        await a_year(life)
    log, steps = h.log, life.steps
    live = steps[-1][1]
    acts = [e for e in log if event_model(e.type) in OWN_ACTS]
    # Every kind of act is in the history, each naming its actor as the token did.
    assert {e.type for e in acts} == {m.event_type for m in OWN_ACTS}
    for e in acts:
        data = e.data or {}
        named = data.get("actor_nip") or data.get("approver_nip") or data.get("rated_by_nip")
        assert e.model_extra and e.model_extra["actor"] == named, e.type

    rebuilt, spare = spare_databases
    seen, outcomes = await replay(rebuilt, log, {n for n, _ in steps})
    assert different(seen[len(log)], live) == []
    for table in live:  # equal, and not because the scenario left a table empty
        assert seen[len(log)][table] == live[table] and live[table], table
    for n, state in steps:  # and after every step of the way
        assert different(seen[n], state) == [], f"after {n} events of the log"
    assert outcomes.get("failed", 0) == 0 and not [k for k in outcomes if "refused" in k]
    assert outcomes["applied"] == len(log) - outcomes["not ours"]

    # Each act changes the live tables: a log without it rebuilds, at that step, the state before
    # it, which the comparison above would refuse.
    for (before, state_before), (after, state_after) in zip(steps, steps[1:], strict=False):
        taken = [e.type for e in log[before:after] if event_model(e.type) in OWN_ACTS]
        if taken:
            assert different(state_before, state_after), f"{taken} changed nothing"

    # And the log without the acts rebuilds another state.
    without = [e for e in log if event_model(e.type) not in OWN_ACTS]
    partial, _ = await replay(spare, without)
    missed = different(partial[len(without)], live)
    assert {"plans", "rhk", "indicators", "plan_changes", "feedback_notes"} <= set(missed)
    assert {"organization_ratings", "period_closes", "objections", "annual_documents"} <= set(
        missed
    )
    print(
        f"log: {len(log)} events, {len(acts)} acts of {len(OWN_ACTS)} kinds; "
        f"{len(steps)} steps compared; rows: {sum(len(r) for r in live.values())} in "
        f"{len(live)} tables; without the acts: {missed} differ"
    )
