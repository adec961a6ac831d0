"""The performance cycle through the assessment service's HTTP API and consumer, on SQLite and
PostgreSQL: SKP approval and revision, indicator evidence, period close, quotas, objection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from asn_assessment.adapters.tables import measurements
from asn_shared.catalog.agency_events import IndicatorMeasured
from asn_shared.envelope import new_event
from tests.identity import bearer
from tests.unit.assessment_harness import UNIT, AssessmentHarness, assessment_harness, plan_body

HEAD = "197001011995031001"  # head of the unit, the evaluators' superior
HEAD_EVALUATOR = "196501011990031001"  # the head's superior, outside the unit: rates the head
EVALUATOR = "198001012005011002"
STAFF = [f"19900101201501{i:04d}" for i in range(1, 6)]
ATAS, SESUAI, BAWAH = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


async def unit(h: AssessmentHarness) -> None:
    await h.profile(HEAD, HEAD_EVALUATOR, position_type="JPT")
    await h.profile(EVALUATOR, HEAD)
    for nip in STAFF:
        await h.profile(nip, EVALUATOR)


async def assess(
    h: AssessmentHarness, nip: str, period: str, hasil: str, perilaku_kerja: str, **kw
) -> None:
    body = {
        "nip": nip,
        "period": period,
        "assessor_nip": kw.pop("assessor", EVALUATOR),
        "assessor_role": kw.pop("role", "SUPERVISOR"),
        "rating_hasil_kerja": hasil,
        "rating_perilaku_kerja": perilaku_kerja,
        **kw,
    }
    response = await h.client.post("/api/v1/assessments", json=body)
    assert response.status_code == 202, response.text
    await h.pump()


async def test_plan_is_approved_by_the_evaluator_and_changed_only_for_a_pasal_28_reason(
    database_url,
):
    async with assessment_harness(database_url) as h:
        await unit(h)
        nip = STAFF[0]
        created = await h.client.post("/api/v1/plans", json=plan_body(nip))
        assert created.status_code == 201, created.text
        plan = created.json()
        url = f"/api/v1/plans/{plan['id']}"
        assert (
            await h.client.post(f"{url}/approve", json={"actor_nip": EVALUATOR})
        ).status_code == 409
        assert (
            await h.client.post(f"{url}/submit", json={"actor_nip": EVALUATOR})
        ).status_code == 403
        assert (await h.client.post(f"{url}/submit", json={"actor_nip": nip})).status_code == 200
        assert (await h.client.post(f"{url}/approve", json={"actor_nip": HEAD})).status_code == 403
        approved = await h.client.post(f"{url}/approve", json={"actor_nip": EVALUATOR})
        assert approved.json()["status"] == "APPROVED"
        [event] = [e for e in await h.pump() if e["type"] == "PerformancePlanApproved"]
        assert event["type"] == "PerformancePlanApproved"
        assert event["data"]["indicator_ids"] == [f"iki-{nip}"] and event["data"]["revision"] == 0

        edit = {k: v for k, v in plan_body(nip).items() if k not in ("nip", "period")}
        as_asn = bearer(nip)  # the edit names nobody: the ASN edits their own SKP
        assert (await h.client.put(url, json=edit, headers=as_asn)).status_code == 409
        bad_reason = await h.client.post(
            f"{url}/revisions", json={"actor_nip": nip, "reason": "BOSAN"}
        )
        assert (
            bad_reason.status_code == 422 and bad_reason.json()["detail"][0]["loc"][-1] == "reason"
        )
        revised = await h.client.post(
            f"{url}/revisions",
            json={"actor_nip": nip, "reason": "PERUBAHAN_PRIORITAS", "note": "x"},
        )
        assert revised.json()["status"] == "DRAFT" and revised.json()["revision"] == 1
        assert revised.json()["changes"][0]["reason"] == "PERUBAHAN_PRIORITAS"
        edit["rhk"][0]["indicators"][0]["target"] = 95
        assert (await h.client.put(url, json=edit, headers=as_asn)).status_code == 200
        await h.client.post(f"{url}/submit", json={"actor_nip": nip})
        await h.client.post(f"{url}/approve", json={"actor_nip": EVALUATOR})
        [again] = [e for e in await h.pump() if e["type"] == "PerformancePlanApproved"]
        assert again["data"]["revision"] == 1


async def test_indicator_evidence_is_capped_and_mismatches_are_kept_aside(database_url):
    async with assessment_harness(database_url) as h:
        await unit(h)
        nip = STAFF[0]
        plan = (await h.client.post("/api/v1/plans", json=plan_body(nip))).json()
        await h.client.post(f"/api/v1/plans/{plan['id']}/submit", json={"actor_nip": nip})
        await h.client.post(f"/api/v1/plans/{plan['id']}/approve", json={"actor_nip": EVALUATOR})

        def measured(value: float, unit_of_measure: str = "persen") -> object:
            data = IndicatorMeasured(
                nip=nip,
                period="2026-Q1",
                indicator_id=f"iki-{nip}",
                value=value,
                unit_of_measure=unit_of_measure,
                measured_at=datetime(2026, 3, 31, tzinfo=UTC),
            )
            return new_event(data, source="/agencies/dinkes-kepahiang")

        await h.deliver(measured(130))  # 130/90 = 144% -> capped at 120
        await h.deliver(measured(50, "orang"))  # wrong unit: kept, not used
        view = (await h.client.get(f"/api/v1/employees/{nip}/periods/2026-Q1")).json()
        [iki] = view["indicators"]
        assert (iki["realisasi"], iki["capaian"]) == (130, 120.0)
        assert view["proposal"]["rating_hasil_kerja"] == ATAS
        reasons = {r.value: r.unmatched_reason for r in await h.rows(measurements)}
        assert reasons[130] is None and reasons[50].startswith("unit of measure 'orang'")


async def test_quarter_close_publishes_every_rating_and_records_departures(database_url):
    async with assessment_harness(database_url) as h:
        await unit(h)
        for peer in STAFF[1:4]:
            await assess(
                h,
                STAFF[0],
                "2026-Q1",
                None,
                None,
                role="PEER",
                assessor=peer,
                perilaku={"AKUNTABEL": 2},
            )
        for nip in STAFF:
            await assess(h, nip, "2026-Q1", SESUAI, SESUAI, perilaku={"AKUNTABEL": 5})
        summary = await h.client.get(f"/api/v1/units/{UNIT}/periods/2026-Q1")
        assert summary.json()["missing"] == sorted([HEAD, EVALUATOR])
        close = await h.client.post(
            f"/api/v1/units/{UNIT}/periods/2026-Q1/close", json={"actor_nip": HEAD}
        )
        assert close.status_code == 409 and close.json()["detail"]["missing"] == sorted(
            [HEAD, EVALUATOR]
        )
        await assess(h, EVALUATOR, "2026-Q1", ATAS, ATAS, assessor=HEAD)
        await assess(h, HEAD, "2026-Q1", SESUAI, SESUAI, assessor=HEAD_EVALUATOR)
        assert await h.pump() == []  # nothing is published before the close
        close = await h.client.post(
            f"/api/v1/units/{UNIT}/periods/2026-Q1/close", json={"actor_nip": HEAD}
        )
        assert close.status_code == 200, close.text
        assert close.json()["published"] == 7
        rated = [e for e in await h.pump() if e["type"] == "PerformanceRated"]
        assert len(rated) == 7 and {e["data"]["predikat"] for e in rated} == {"BAIK", "SANGAT_BAIK"}
        view = (await h.client.get(f"/api/v1/employees/{STAFF[0]}/periods/2026-Q1")).json()
        assert view["peers"]["AKUNTABEL"] == {"mean": 2.0, "assessors": 3}
        assert "assessor_nip" not in str(view["peers"])
        [history] = (await h.client.get(f"/api/v1/employees/{STAFF[0]}/ratings")).json()
        # 0.6 * 5 + 0.4 * 2 = 3.8: Sesuai, as the evaluator said: no departure.
        assert (
            history["proposed_perilaku_kerja"] == SESUAI
            and history["differs_from_proposal"] is False
        )
        again = await h.client.post(
            f"/api/v1/units/{UNIT}/periods/2026-Q1/close", json={"actor_nip": HEAD}
        )
        assert again.status_code == 409
        await assess(h, STAFF[0], "2026-Q1", BAWAH, BAWAH)  # after the close: stored, no effect
        assert await h.pump() == []
        refused = await h.client.post(
            f"/api/v1/units/{UNIT}/periods/2026-05/close", json={"actor_nip": HEAD}
        )
        assert refused.status_code == 422  # the instance evaluates quarterly, not monthly


async def annual_unit(h: AssessmentHarness, staff_ratings: list[tuple[str, str]]) -> None:
    await unit(h)
    await assess(h, HEAD, "2026", SESUAI, SESUAI, assessor=HEAD_EVALUATOR)
    await assess(h, EVALUATOR, "2026", SESUAI, SESUAI, assessor=HEAD)
    for nip, (hasil, perilaku) in zip(STAFF, staff_ratings, strict=True):
        await assess(h, nip, "2026", hasil, perilaku)


@pytest.mark.parametrize("mode", ["REFUSE", "WARN"])
async def test_annual_close_checks_the_distribution_against_the_organisation_predicate(
    database_url, mode
):
    async with assessment_harness(database_url, distribution_check=mode) as h:
        await annual_unit(h, [(SESUAI, SESUAI)] * 5)  # 7 of 7 BAIK
        url = f"/api/v1/units/{UNIT}/periods/2026"
        no_org = await h.client.post(f"{url}/close", json={"actor_nip": HEAD})
        assert (
            no_org.status_code == 409
            and "organisation predicate" in no_org.json()["detail"]["message"]
        )
        org = await h.client.put(
            f"{url}/organization-rating",
            json={"predikat_organisasi": "BAIK", "rated_by_nip": HEAD_EVALUATOR},
        )
        assert org.status_code == 200 and len(org.json()["distribution"]["violations"]) == 2
        [org_event] = await h.pump()
        assert (
            org_event["type"] == "OrganizationPerformanceRated"
            and org_event["data"]["head_nip"] == HEAD
        )
        close = await h.client.post(f"{url}/close", json={"actor_nip": HEAD})
        if mode == "REFUSE":
            assert close.status_code == 409
            assert close.json()["detail"]["distribution"]["counts"]["BAIK"] == 7
            assert await h.pump() == []
        else:
            rated = [e for e in await h.pump() if e["type"] == "PerformanceRated"]
            assert close.status_code == 200 and len(rated) == 7


@pytest.mark.clock
async def test_objection_in_time_changes_the_rating_and_supersedes_it(database_url, clock):
    async with assessment_harness(database_url, clock, distribution_check="WARN") as h:
        await annual_unit(h, [(BAWAH, SESUAI)] + [(SESUAI, SESUAI)] * 4)
        url = f"/api/v1/units/{UNIT}/periods/2026"
        await h.client.put(
            f"{url}/organization-rating",
            json={"predikat_organisasi": "BAIK", "rated_by_nip": HEAD_EVALUATOR},
        )
        await h.client.post(f"{url}/close", json={"actor_nip": HEAD})
        rated = {e["data"]["nip"]: e for e in await h.pump() if e["type"] == "PerformanceRated"}
        assert rated[STAFF[0]]["data"]["predikat"] == "BUTUH_PERBAIKAN"
        assert rated[STAFF[1]]["data"]["consecutive_years"] == 1
        today = clock.today()  # the day in Asia/Jakarta, where the service counts the 14 days
        objection = {"nip": STAFF[0], "period": "2026", "reasons": "Bukti dukung belum dinilai"}
        ahead = {**objection, "filed_on": (today + timedelta(days=1)).isoformat()}
        future = await h.client.post("/api/v1/objections", json=ahead)
        assert future.status_code == 422 and future.json()["detail"]["field"] == "filed_on"
        start = clock.now
        clock.now = start + timedelta(days=15)  # filed today, 15 days after receipt
        late = await h.client.post("/api/v1/objections", json=objection)
        assert (
            late.status_code == 422 and "objection period ended" in late.json()["detail"]["message"]
        )
        clock.now = start
        filed = await h.client.post(
            "/api/v1/objections",
            json={"nip": STAFF[0], "period": "2026", "reasons": "Bukti dukung belum dinilai"},
        )
        assert filed.status_code == 201 and filed.json()["superior_nip"] == HEAD
        decision = f"/api/v1/objections/{filed.json()['id']}/decision"
        change = {
            "outcome": "MENGUBAH",
            "rating_hasil_kerja": SESUAI,
            "rating_perilaku_kerja": SESUAI,
        }
        wrong = await h.client.post(decision, json={"decided_by_nip": EVALUATOR, **change})
        assert wrong.status_code == 403
        decided = await h.client.post(decision, json={"decided_by_nip": HEAD, **change})
        assert decided.status_code == 200 and decided.json()["predikat"] == "BAIK"
        objection_event, new_rating = [
            e for e in await h.pump() if e["type"] in ("RatingObjectionDecided", "PerformanceRated")
        ]
        assert objection_event["type"] == "RatingObjectionDecided"
        assert objection_event["data"]["previous_predikat"] == "BUTUH_PERBAIKAN"
        assert new_rating["type"] == "PerformanceRated"
        assert new_rating["data"]["supersedes"] == rated[STAFF[0]]["id"]
        final = await h.client.post(
            decision, json={"decided_by_nip": HEAD, "outcome": "MEMPERKUAT"}
        )
        assert final.status_code == 409
        history = (await h.client.get(f"/api/v1/employees/{STAFF[0]}/ratings")).json()
        assert [r["status"] for r in history] == ["SUPERSEDED", "PUBLISHED"]
