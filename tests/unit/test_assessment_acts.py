"""The assessment service's HTTP commands record their acts on the log (issue 15, capability 4).

- Every accepted command that changes state records exactly one act (PerformancePlanDrafted, ...;
  PerformancePlanApproved and OrganizationPerformanceRated are themselves the acts): naming the
  caller (`actor_nip`, or the v1 field that names them, and the CloudEvents extension `actor`),
  its legal basis, and the command's time as the CloudEvents `time`.
- What the act causes comes after it, caused by it (`causationid`), with the ids a handler
  replaying the act derives.
- A refused command (403, 409, 422) records no act and writes nothing: outbox and inbox unchanged.

A rebuild from these acts is tested in tests/integration/test_assessment_acts_rebuild.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from asn_shared.envelope import CloudEvent, caused_event_id
from asn_shared.persistence.tables import inbox_table, outbox_table
from tests.clock import TestClock
from tests.unit.assessment_harness import (
    ASN,
    EVALUATOR,
    HEAD,
    LEADER,
    PEER,
    STAFF,
    STRANGER,
    UNIT,
    AssessmentHarness,
    assessment_harness,
    directory,
    expect,
    plan_body,
    supervisor_assessment,
)

PLANNING = ["PermenPANRB 6/2022 Pasal 5"]
LEGAL_BASIS = {
    "PerformancePlanDrafted": PLANNING,
    "PerformancePlanEdited": PLANNING,
    "PerformancePlanSubmitted": PLANNING,
    "PerformancePlanReturned": PLANNING,
    "PerformancePlanRevised": ["PP 30/2019 Pasal 28"],
    "PerformanceFeedbackGiven": PLANNING,
    "OrganizationPerformanceRated": ["SE MenPANRB 3/2023"],
    "PerformancePeriodClosed": [
        "PermenPANRB 6/2022 Pasal 24",
        "PermenPANRB 6/2022 Pasal 25",
        "SE MenPANRB 3/2023",
    ],
    "RatingObjectionFiled": ["PP 30/2019 Pasal 59"],
    "RatingObjectionDecisionTaken": ["PP 30/2019 Pasal 59"],
    "PerformanceDocumentHandedOver": ["PP 30/2019 Pasal 49(2)"],
}
SIGNED = {
    "PENILAI": ["PP 30/2019 Pasal 49"],
    "PEGAWAI": ["PP 30/2019 Pasal 49(3)"],
    "ATASAN_PENILAI": ["PP 30/2019 Pasal 50"],
}
# The v1 events that are themselves acts name the actor in a field of their own, and have no
# legal_basis field (PerformancePlanApproved) or their own (OrganizationPerformanceRated).
ACTOR_FIELD = {
    "PerformancePlanApproved": "approver_nip",
    "OrganizationPerformanceRated": "rated_by_nip",
}
DOCUMENT = "/api/v1/employees/{}/periods/2026/document"


async def rows(h: AssessmentHarness) -> tuple[int, int]:
    return len(await h.rows(outbox_table)), len(await h.rows(inbox_table))


async def acted(
    h: AssessmentHarness,
    who: str,
    method: str,
    url: str,
    body: dict[str, Any] | None,
    act: str,
    status: int = 200,
) -> tuple[Any, dict[str, Any], list[dict[str, Any]]]:
    """The command, its one act and what followed it; the act checked for actor, basis, time."""
    h.clock.now = h.clock.now + timedelta(minutes=3)
    answer = await expect(h, status, who, method, url, body)
    events = await h.pump()
    recorded, *caused = events
    assert recorded["type"] == act, [e["type"] for e in events]
    data = recorded["data"]
    assert data[ACTOR_FIELD.get(act, "actor_nip")] == who and recorded["actor"] == who
    if act == "PerformanceDocumentSigned":
        assert data["legal_basis"] == SIGNED[data["party"]]
    elif act != "PerformancePlanApproved":
        assert data["legal_basis"] == LEGAL_BASIS[act]
    assert datetime.fromisoformat(recorded["time"]) == h.clock.now  # the command's "now"
    # What the command emits after its act is caused by it, with the ids its handler derives.
    event = CloudEvent.model_validate(recorded)
    for index, effect in enumerate(caused):
        assert effect["causationid"] == event.id and effect["actor"] == who
        assert effect["id"] == caused_event_id(event, index, effect["type"])
    return answer, data, caused


async def test_every_command_records_its_act_with_actor_basis_and_time(tmp_path: Path):
    clock = TestClock.at(datetime(2027, 1, 4, 2, 0, tzinfo=UTC))
    url = f"sqlite+aiosqlite:///{tmp_path / 'assessment.db'}"
    async with assessment_harness(url, clock, distribution_check="WARN") as h:
        await directory(h)
        created, drafted, _ = await acted(
            h, ASN, "POST", "/api/v1/plans", plan_body(ASN), "PerformancePlanDrafted", 201
        )
        assert drafted["skp_id"] == created["id"] and drafted["rhk"][0]["id"] == f"rhk-{ASN}"
        plan = f"/api/v1/plans/{created['id']}"
        content = {k: v for k, v in plan_body(ASN).items() if k not in ("nip", "period")}
        await acted(h, ASN, "PUT", plan, content, "PerformancePlanEdited")
        await acted(h, ASN, "POST", f"{plan}/submit", {}, "PerformancePlanSubmitted")
        note = {"note": "Target minimal 95 persen"}
        _, returned, _ = await acted(
            h, EVALUATOR, "POST", f"{plan}/return", note, "PerformancePlanReturned"
        )
        assert returned["note"] == note["note"]
        await acted(h, ASN, "POST", f"{plan}/submit", {}, "PerformancePlanSubmitted")
        _, approved, _ = await acted(
            h, EVALUATOR, "POST", f"{plan}/approve", {}, "PerformancePlanApproved"
        )
        assert datetime.fromisoformat(approved["approved_at"]) == h.clock.now
        reason = {"reason": "PERUBAHAN_PRIORITAS"}
        _, revised, _ = await acted(
            h, ASN, "POST", f"{plan}/revisions", reason, "PerformancePlanRevised"
        )
        assert (revised["revision"], revised["reason"]) == (1, "PERUBAHAN_PRIORITAS")
        feedback = {"period": "2026", "text": "Laporan tepat waktu", "nilai": "AKUNTABEL"}
        note_id, given, _ = await acted(
            h,
            EVALUATOR,
            "POST",
            f"/api/v1/employees/{ASN}/feedback",
            feedback,
            "PerformanceFeedbackGiven",
            201,
        )
        assert note_id["id"] and given["nilai"] == "AKUNTABEL"

        for nip, by in [(HEAD, LEADER), (EVALUATOR, HEAD)] + [(s, EVALUATOR) for s in STAFF]:
            await expect(h, 202, by, "POST", "/api/v1/assessments", supervisor_assessment(nip))
        await h.pump()
        standing = f"/api/v1/units/{UNIT}/periods/2026"
        predicate = {"predikat_organisasi": "BAIK"}
        _, organisation, _ = await acted(
            h,
            LEADER,
            "PUT",
            f"{standing}/organization-rating",
            predicate,
            "OrganizationPerformanceRated",
        )
        assert organisation["predikat_organisasi"] == "BAIK"
        _, _, published = await acted(
            h, HEAD, "POST", f"{standing}/close", {}, "PerformancePeriodClosed"
        )
        assert sorted(e["data"]["nip"] for e in published) == sorted([HEAD, EVALUATOR, *STAFF])
        assert {e["type"] for e in published} == {"PerformanceRated"}

        steps = [("signatures", "PerformanceDocumentSigned")]
        steps += [("delivery", "PerformanceDocumentHandedOver")]
        for step, kind in steps:
            await acted(h, EVALUATOR, "POST", f"{DOCUMENT.format(ASN)}/{step}", {}, kind)
        _, signed, _ = await acted(
            h, ASN, "POST", f"{DOCUMENT.format(ASN)}/signatures", {}, "PerformanceDocumentSigned"
        )
        assert (signed["party"], signed["signed_on"]) == ("PEGAWAI", "2027-01-04")
        objection = {"nip": ASN, "period": "2026", "reasons": "Capaian belum dinilai"}
        filed, recorded, _ = await acted(
            h, ASN, "POST", "/api/v1/objections", objection, "RatingObjectionFiled", 201
        )
        assert (recorded["objection_id"], recorded["superior_nip"]) == (filed["id"], HEAD)
        change = {
            "outcome": "MENGUBAH",
            "rating_hasil_kerja": "DI_ATAS_EKSPEKTASI",
            "rating_perilaku_kerja": "SESUAI_EKSPEKTASI",
            "note": "Capaian terverifikasi",
        }
        _, decision, outcome = await acted(
            h,
            HEAD,
            "POST",
            f"/api/v1/objections/{filed['id']}/decision",
            change,
            "RatingObjectionDecisionTaken",
        )
        assert decision["note"] == change["note"] and decision["decided_on"] == "2027-01-04"
        assert [e["type"] for e in outcome] == ["RatingObjectionDecided", "PerformanceRated"]

        h.clock.now = h.clock.now + timedelta(days=16)  # the evaluator's 14 days are over
        _, late, _ = await acted(
            h,
            HEAD,
            "POST",
            f"{DOCUMENT.format(PEER)}/signatures",
            {},
            "PerformanceDocumentSigned",
        )
        assert late["party"] == "ATASAN_PENILAI"


@pytest.fixture
async def year(tmp_path: Path):
    """A unit whose year is rated and closed, an SKP approved, documents opened, an objection
    decided: where every command has a refusal to give."""
    clock = TestClock.at(datetime(2027, 1, 4, 2, 0, tzinfo=UTC))
    url = f"sqlite+aiosqlite:///{tmp_path / 'assessment.db'}"
    async with assessment_harness(url, clock, distribution_check="WARN") as h:
        await directory(h)
        plan = await expect(h, 201, ASN, "POST", "/api/v1/plans", plan_body(ASN))
        await expect(h, 200, ASN, "POST", f"/api/v1/plans/{plan['id']}/submit", {})
        await expect(h, 200, EVALUATOR, "POST", f"/api/v1/plans/{plan['id']}/approve", {})
        for nip, by in [(HEAD, LEADER), (EVALUATOR, HEAD)] + [(s, EVALUATOR) for s in STAFF]:
            await expect(h, 202, by, "POST", "/api/v1/assessments", supervisor_assessment(nip))
        await h.pump()
        standing = f"/api/v1/units/{UNIT}/periods/2026"
        predicate = {"predikat_organisasi": "BAIK"}
        await expect(h, 200, LEADER, "PUT", f"{standing}/organization-rating", predicate)
        await expect(h, 200, HEAD, "POST", f"{standing}/close", {})
        objection = {"nip": PEER, "period": "2026", "reasons": "Capaian belum dinilai"}
        filed = await expect(h, 201, PEER, "POST", "/api/v1/objections", objection)
        decision = f"/api/v1/objections/{filed['id']}/decision"
        await expect(h, 200, HEAD, "POST", decision, {"outcome": "MEMPERKUAT"})
        await h.pump()
        yield h, plan["id"], filed["id"]


async def test_a_refused_command_records_no_act(year):
    h, plan_id, objection_id = year
    plan = f"/api/v1/plans/{plan_id}"
    standing = f"/api/v1/units/{UNIT}/periods/2026"
    content = {k: v for k, v in plan_body(ASN).items() if k not in ("nip", "period")}
    refused = [
        (403, STRANGER, "POST", "/api/v1/plans", plan_body(STAFF[2])),
        (409, ASN, "POST", "/api/v1/plans", plan_body(ASN)),  # one SKP a year
        (409, ASN, "PUT", plan, content),  # approved: not a draft
        (409, ASN, "POST", f"{plan}/submit", {}),
        (403, HEAD, "POST", f"{plan}/approve", {}),
        (409, EVALUATOR, "POST", f"{plan}/return", {"note": "Ulangi"}),
        (403, PEER, "POST", f"{plan}/revisions", {"reason": "PERUBAHAN_PRIORITAS"}),
        (422, ASN, "POST", f"{plan}/revisions", {"reason": "BOSAN"}),
        (403, HEAD, "POST", f"/api/v1/employees/{ASN}/feedback", {"period": "2026", "text": "x"}),
        (409, LEADER, "PUT", f"{standing}/organization-rating", {"predikat_organisasi": "BAIK"}),
        (409, HEAD, "POST", f"{standing}/close", {}),
        (403, EVALUATOR, "POST", f"{standing}/close", {}),
        (403, EVALUATOR, "POST", "/api/v1/objections", {"nip": ASN, "period": "2026",
                                                       "reasons": "Belum dinilai"}),
        (409, HEAD, "POST", f"/api/v1/objections/{objection_id}/decision",
         {"outcome": "MEMPERKUAT"}),
        (403, LEADER, "POST", f"{DOCUMENT.format(ASN)}/signatures", {}),
        (409, EVALUATOR, "POST", f"{DOCUMENT.format(ASN)}/delivery", {}),  # not signed yet
        (422, EVALUATOR, "POST", f"{DOCUMENT.format(ASN)}/signatures", {"on": "2099-01-01"}),
    ]  # fmt: skip
    before = await rows(h)
    for status, who, method, url, body in refused:
        await expect(h, status, who, method, url, body)
        assert await rows(h) == before, f"{method} {url} by {who} ({status}) wrote something"
    assert await h.pump() == []
