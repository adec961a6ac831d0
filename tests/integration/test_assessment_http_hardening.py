"""The assessment service's HTTP hardening (issue 15, capability 5), through the app production
serves (`service_api`: the harness builds it) over a migrated database, SQLite and PostgreSQL.

- The 500 the issue reports (a SUPERVISOR assessment without its ratings) is a 422 in the shared
  shape, and no refusal the service makes by hand echoes what was sent.
- Values PostgreSQL would refuse with a 500 (an RHK id over 64 characters, a unit of measure
  over 50, Infinity) are refused with 422 at the door; the longest allowed are stored.
- Steps that happened are never dated in the future (document signature and hand-over `on`,
  objection `filed_on`), against the command's clock in Asia/Jakarta days.
- Times read back keep their instant and carry their offset, on both engines.
- Each operation declares exactly the statuses it answers; the body limit and request id.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from asn_assessment.adapters.evidence_repository import EvidenceRepository
from asn_assessment.api import ROUTERS
from asn_assessment.settings import AssessmentSettings
from asn_shared.persistence.tables import outbox_table
from asn_shared.runtime.http import service_api
from tests.identity import bearer
from tests.unit.assessment_harness import (
    ASN,
    EVALUATOR,
    HEAD,
    PEER,
    UNIT,
    assessment_harness,
    directory,
    expect,
    plan_body,
    rated_year,
)

SECRET = "Atasan saya meminta imbalan untuk nilai baik"  # text that must never come back
WIB = timezone(timedelta(hours=7))


def assert_no_echo(response: Any, *sent: str) -> None:
    for value in sent:
        assert value not in response.text, f"{value!r} came back: {response.text}"


async def test_a_supervisor_assessment_without_ratings_is_a_422_not_a_500(database_url):
    async with assessment_harness(database_url) as h:
        await directory(h)
        body = {
            "nip": ASN,
            "period": "2026-Q1",
            "assessor_role": "SUPERVISOR",
            "rating_hasil_kerja": None,
            "rating_perilaku_kerja": None,
            "notes": SECRET,
        }
        by_evaluator = bearer(EVALUATOR)
        refused = await h.client.post("/api/v1/assessments", json=body, headers=by_evaluator)
        assert refused.status_code == 422, refused.text
        [problem] = refused.json()["detail"]
        assert set(problem) == {"type", "loc", "msg"} and problem["loc"] == ["body"]
        assert "rating_hasil_kerja" in problem["msg"] and "SUPERVISOR" in problem["msg"]
        assert_no_echo(refused, SECRET)
        assert await h.rows(outbox_table) == []
        # one rating only is refused alike; both ratings are accepted as before
        half = {**body, "rating_hasil_kerja": "SESUAI_EKSPEKTASI"}
        await expect(h, 422, by_evaluator, "POST", "/api/v1/assessments", half)
        whole = {**half, "rating_perilaku_kerja": "SESUAI_EKSPEKTASI"}
        await expect(h, 202, by_evaluator, "POST", "/api/v1/assessments", whole)


async def test_refusals_made_by_the_service_name_the_field_and_never_the_value(database_url):
    async with assessment_harness(database_url, distribution_check="WARN") as h:
        await directory(h)
        unknown_rhk = "rhk-rahasia-9f1c"
        note = {"period": "2026-Q1", "text": SECRET, "rhk_id": unknown_rhk}
        feedback = await h.client.post(
            f"/api/v1/employees/{ASN}/feedback", json=note, headers=bearer(EVALUATOR)
        )
        assert feedback.status_code == 422
        assert feedback.json()["detail"]["field"] == "rhk_id"
        assert_no_echo(feedback, unknown_rhk, SECRET)

        plan = plan_body(ASN)
        plan["rhk"][0] |= {"supports_rhk_id": unknown_rhk}
        plan["rhk"][0]["indicators"][0] |= {"id": "iki-rahasia-77", "aspek": None}
        supports = await h.client.post("/api/v1/plans", json=plan)
        assert supports.status_code == 422
        assert supports.json()["detail"]["field"] == "rhk.0.supports_rhk_id"
        assert_no_echo(supports, unknown_rhk)
        del plan["rhk"][0]["supports_rhk_id"]
        no_aspek = await h.client.post("/api/v1/plans", json=plan)
        assert no_aspek.status_code == 422
        assert no_aspek.json()["detail"]["field"] == "rhk.0.indicators.0.aspek"
        assert_no_echo(no_aspek, "iki-rahasia-77")

        monthly = f"/api/v1/units/{UNIT}/periods/2026-07/close"
        refused = await h.client.post(monthly, json={}, headers=bearer(HEAD))
        assert refused.status_code == 422 and refused.json()["detail"]["field"] == "period"
        assert_no_echo(refused, "2026-07")


async def test_what_postgresql_cannot_store_is_refused_at_the_door(database_url):
    async with assessment_harness(database_url) as h:
        await directory(h)
        longest = plan_body(ASN)
        longest["rhk"][0] |= {"id": "r" * 64, "description": "d" * 4000}
        longest["rhk"][0]["indicators"][0] |= {"id": "i" * 100, "unit_of_measure": "u" * 50}
        stored = await expect(h, 201, ASN, "POST", "/api/v1/plans", longest)
        [rhk] = stored["rhk"]
        assert (len(rhk["id"]), len(rhk["indicators"][0]["unit_of_measure"])) == (64, 50)

        for change, where in [
            ({"id": "r" * 65}, ["body", "rhk", 0, "id"]),
            ({"supports_rhk_id": "s" * 65}, ["body", "rhk", 0, "supports_rhk_id"]),
        ]:
            body = plan_body(PEER)
            body["rhk"][0] |= change
            refused = await expect(h, 422, PEER, "POST", "/api/v1/plans", body)
            assert [p["loc"] for p in refused["detail"]] == [where]
        body = plan_body(PEER)
        body["rhk"][0]["indicators"][0] |= {"unit_of_measure": "u" * 51}
        refused = await expect(h, 422, PEER, "POST", "/api/v1/plans", body)
        assert refused["detail"][0]["loc"][-1] == "unit_of_measure"
        infinite = json.dumps(plan_body(PEER)).replace('"target": 90', '"target": Infinity')
        answer = await h.client.post(
            "/api/v1/plans", content=infinite, headers={"content-type": "application/json"}
        )
        assert answer.status_code == 422 and answer.json()["detail"][0]["type"] == "finite_number"
        blank = plan_body(PEER)
        blank["rhk"][0]["description"] = "   "
        assert (await h.client.post("/api/v1/plans", json=blank)).status_code == 422


@pytest.mark.clock
async def test_steps_that_happened_are_never_dated_in_the_future(database_url, clock):
    async with assessment_harness(database_url, clock, distribution_check="WARN") as h:
        await rated_year(h)
        tomorrow = (clock.today() + timedelta(days=1)).isoformat()  # Asia/Jakarta's tomorrow
        document = f"/api/v1/employees/{PEER}/periods/2026/document"
        for step in ("signatures", "delivery"):
            refused = await expect(
                h, 422, EVALUATOR, "POST", f"{document}/{step}", {"on": tomorrow}
            )
            assert refused["detail"]["field"] == "on"
        signed = await expect(h, 200, EVALUATOR, "POST", f"{document}/signatures", {})
        assert signed["evaluator_signed_on"] == clock.today().isoformat()

        objection = {
            "nip": PEER,
            "period": "2026",
            "reasons": "Belum dinilai",
            "filed_on": tomorrow,
        }
        refused = await expect(h, 422, PEER, "POST", "/api/v1/objections", objection)
        assert refused["detail"]["field"] == "filed_on"
        filed = await expect(
            h, 201, PEER, "POST", "/api/v1/objections", {**objection, "filed_on": None}
        )
        assert filed["superior_nip"] == HEAD


def aware(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    assert moment.utcoffset() is not None, f"{text} has no offset"
    return moment


async def test_times_read_back_are_aware_on_both_engines(database_url):
    async with assessment_harness(database_url, distribution_check="WARN") as h:
        world = await rated_year(h)
        [rating] = await expect(h, 200, HEAD, "GET", f"/api/v1/employees/{ASN}/ratings")
        assert abs(aware(rating["rated_at"]) - h.clock()) < timedelta(minutes=5)
        standing = await expect(h, 200, HEAD, "GET", f"/api/v1/units/{UNIT}/periods/2026")
        aware(standing["closed_at"])

        note = {"period": "2026", "text": "Laporan tepat waktu"}
        await expect(h, 201, EVALUATOR, "POST", f"/api/v1/employees/{ASN}/feedback", note)
        evidence = await expect(h, 200, ASN, "GET", f"/api/v1/employees/{ASN}/periods/2026")
        aware(evidence["feedback"][0]["created_at"])

        plan = f"/api/v1/plans/{world['plan_id']}"
        await expect(h, 200, ASN, "POST", f"{plan}/submit", {})
        await expect(h, 200, EVALUATOR, "POST", f"{plan}/approve", {})
        revised = await expect(
            h, 200, ASN, "POST", f"{plan}/revisions", {"reason": "PERUBAHAN_PRIORITAS"}
        )
        aware(revised["changes"][0]["changed_at"])


async def test_a_time_given_at_plus_seven_keeps_its_instant_and_its_order(database_url):
    """SQLite keeps no offset: a +07:00 time was stored as its wall clock, read back naive and
    taken for UTC, seven hours off; and the latest measurement was chosen by wall clock."""
    async with assessment_harness(database_url) as h:
        earlier = datetime(2026, 3, 2, 9, 0, tzinfo=WIB)  # 02:00 UTC
        later = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # an hour after it, an earlier wall clock
        async with h.sessions() as session, session.begin():
            repository = EvidenceRepository(session)
            for n, (moment, value) in enumerate([(later, 20.0), (earlier, 10.0)]):
                await repository.add_measurement(
                    source="/agencies/bkd",
                    event_id=f"m-{n}",
                    nip=ASN,
                    period="2026-03",
                    indicator_id="iki-1",
                    value=value,
                    unit_of_measure="persen",
                    measured_at=moment,
                    evidence_uri=None,
                    unmatched_reason=None,
                )
        async with h.sessions() as session:
            rows = await EvidenceRepository(session).measurements_in(ASN, ["2026-03"])
        assert [r.value for r in rows] == [10.0, 20.0]  # oldest first: the later one is latest
        assert [r.measured_at for r in rows] == [earlier, later]
        assert all(r.measured_at.utcoffset() == timedelta(0) for r in rows)


AUTH = {"400", "401", "403", "422", "503"}  # the guard's 400, the caller's, the schema's 422
DECLARED = {
    ("post", "/api/v1/plans"): {"201", "409", "413"},
    ("get", "/api/v1/plans/{plan_id}"): {"200", "404"},
    ("put", "/api/v1/plans/{plan_id}"): {"200", "404", "409", "413"},
    ("post", "/api/v1/plans/{plan_id}/submit"): {"200", "404", "409", "413"},
    ("post", "/api/v1/plans/{plan_id}/approve"): {"200", "404", "409", "413"},
    ("post", "/api/v1/plans/{plan_id}/return"): {"200", "404", "409", "413"},
    ("post", "/api/v1/plans/{plan_id}/revisions"): {"200", "404", "409", "413"},
    ("post", "/api/v1/assessments"): {"202", "413"},
    ("post", "/api/v1/employees/{nip}/feedback"): {"201", "404", "413"},
    ("get", "/api/v1/employees/{nip}/ratings"): {"200"},
    ("get", "/api/v1/employees/{nip}/periods/{period}"): {"200"},
    ("put", "/api/v1/units/{unit_id}/periods/{period}/organization-rating"): {
        "200",
        "404",
        "409",
        "413",
    },
    ("get", "/api/v1/units/{unit_id}/periods/{period}"): {"200"},
    ("post", "/api/v1/units/{unit_id}/periods/{period}/close"): {"200", "404", "409", "413"},
    ("post", "/api/v1/objections"): {"201", "404", "409", "413"},
    ("post", "/api/v1/objections/{objection_id}/decision"): {"200", "404", "409", "413"},
    ("get", "/api/v1/employees/{nip}/periods/{period}/document"): {"200", "404"},
    ("post", "/api/v1/employees/{nip}/periods/{period}/document/signatures"): {
        "200",
        "404",
        "409",
        "413",
    },
    ("post", "/api/v1/employees/{nip}/periods/{period}/document/delivery"): {
        "200",
        "404",
        "409",
        "413",
    },
    ("get", "/api/v1/units/{unit_id}/periods/{period}/documents"): {"200"},
}


def test_each_operation_declares_exactly_the_statuses_it_answers():
    """The use cases' NotFound and Conflict where they can happen, and nowhere else
    (schemathesis's status_code_conformance checks that nothing undeclared comes back)."""
    paths = service_api("assessment", ROUTERS, AssessmentSettings()).openapi()["paths"]
    declared = {
        (method, path): set(operation["responses"])
        for path, item in paths.items()
        for method, operation in item.items()
    }
    assert declared == {key: statuses | AUTH for key, statuses in DECLARED.items()}


async def test_a_body_over_the_limit_is_413_and_every_answer_names_its_request(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'assessment.db'}"
    async with assessment_harness(url, ASN_HTTP_MAX_BODY_BYTES=4096) as h:
        await directory(h)
        note = {"period": "2026-Q1", "text": "x" * 5000}
        big = await h.client.post(
            f"/api/v1/employees/{ASN}/feedback",
            json=note,
            headers={**bearer(EVALUATOR), "X-Request-ID": "req-1"},
        )
        assert big.status_code == 413 and big.headers["x-request-id"] == "req-1"
        small = await h.client.post(
            f"/api/v1/employees/{ASN}/feedback",
            json={**note, "text": "x" * 3000},
            headers=bearer(EVALUATOR),
        )
        assert small.status_code == 201 and len(small.headers["x-request-id"]) == 32
