"""End to end: a unit of twelve ASN through a quarter and a year of PermenPANRB 6/2022.

The four services run as processes on their own PostgreSQL databases and a fresh RabbitMQ vhost.
Profiles, indicator data and some assessments come from other agencies over the broker; plans,
the rest of the assessments, the organisation predicate, the closes, the annual documents and one
objection go through the assessment service's HTTP API, as the people of the unit would use it:
each call with a bearer token of the person acting (the one its body names), reads as the unit's
head, who reads the unit's standing and every member's records (services/assessment/README.md).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

import aio_pika
import httpx
import pytest

from asn_deploy.local.system import LocalSystem
from asn_deploy.rabbitmq.rabbitmqctl import list_queues, vhost_of
from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import (
    AssessmentSubmitted,
    EmployeeProfileUpdated,
    IndicatorMeasured,
)
from asn_shared.messaging.topology import EVENTS_EXCHANGE

from .actors import Tokens, Unit, eventually
from .conftest import Watcher

pytestmark = pytest.mark.e2e

UNIT = "puskesmas-ujan-mas"
KADIS = "197001011995031001"  # head of the health office: rates the unit head, decides objections
HEAD = "197501012000031002"  # head of the puskesmas: every staff member's evaluator
STAFF = [f"19880101201001{i:04d}" for i in range(1, 12)]
ATAS, SESUAI, BAWAH = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
# The year's shape: three excellent, seven on target, one behind (and objecting).
STARS, STEADY, BEHIND = STAFF[:3], STAFF[3:10], STAFF[10]
REALISATION = {**dict.fromkeys(STARS, 118.0), **dict.fromkeys(STEADY, 100.0), BEHIND: 60.0}
RATING = {
    **dict.fromkeys(STARS, (ATAS, ATAS)),
    **dict.fromkeys(STEADY, (SESUAI, SESUAI)),
    BEHIND: (BAWAH, SESUAI),
}
SCORES = {"BERORIENTASI_PELAYANAN": 4, "AKUNTABEL": 4, "KOLABORATIF": 5}


def profile(nip: str, unit: str, supervisor: str | None, position_type: str) -> EventData:
    return EmployeeProfileUpdated(
        nip=nip,
        name=f"ASN {nip[-4:]}",
        unit_id=unit,
        unit_name="Puskesmas Ujan Mas",
        position="Perawat" if position_type == "FUNGSIONAL" else "Kepala",
        position_type=position_type,
        supervisor_nip=supervisor,
        email=f"asn{nip[-4:]}@example.go.id",
    )


def plan(nip: str) -> dict[str, Any]:
    return {
        "nip": nip,
        "period": "2026",
        "rhk": [
            {
                "id": f"rhk-{nip}",
                "jenis": "UTAMA",
                "description": "Cakupan imunisasi dasar",
                "indicators": [
                    {
                        "id": f"iki-{nip}",
                        "description": "Persentase cakupan",
                        "target": 100,
                        "unit_of_measure": "persen",
                        "aspek": "KUANTITAS",
                    }
                ],
            }
        ],
    }


def measured(nip: str, period: str) -> EventData:
    return IndicatorMeasured(
        nip=nip,
        period=period,
        indicator_id=f"iki-{nip}",
        value=REALISATION[nip],
        unit_of_measure="persen",
        measured_at=datetime(2026, 9, 30, tzinfo=UTC),
    )


async def test_a_unit_of_twelve_through_a_quarter_and_a_year(
    postgres_system, e2e_amqp_url, tokens: Tokens
):
    connection = await aio_pika.connect(e2e_amqp_url)
    channel = await connection.channel()
    queue = await channel.declare_queue(exclusive=True)
    await queue.bind(EVENTS_EXCHANGE, "#")
    watcher = Watcher(queue)
    base = postgres_system.url("assessment")
    auth = tokens.acting(default=HEAD)
    async with connection, httpx.AsyncClient(base_url=base, timeout=30, auth=auth) as http:
        unit = Unit(UNIT, http, e2e_amqp_url)
        await the_people_and_their_plans(unit, watcher)
        await the_quarter(unit, watcher)
        await the_year(unit, watcher)
        await the_documents_and_an_objection(unit, watcher)
        await the_follow_up_downstream(postgres_system, watcher, tokens)
    assert not postgres_system.database_path("assessment").exists()  # it ran on PostgreSQL
    assert postgres_system.exited() == {}
    queues = list_queues(vhost_of(e2e_amqp_url))
    assert {q: n for q, n in queues.items() if q.endswith(".dlq") and n} == {}


async def the_people_and_their_plans(unit: Unit, watcher: Watcher) -> None:
    await unit.publish(
        profile(KADIS, "dinkes-kepahiang", None, "JPT"),
        profile(HEAD, UNIT, KADIS, "ADMINISTRASI"),
        *(profile(nip, UNIT, HEAD, "FUNGSIONAL") for nip in STAFF),
        source="/agencies/bkn-siasn",
    )

    async def all_known() -> bool:
        # 403 while the directory does not single out the unit's head yet (profiles in flight)
        response = await unit.http.get(f"/api/v1/units/{UNIT}/periods/2026-Q3")
        return response.status_code == 200 and response.json()["members"] == 12

    await eventually(all_known, "the twelve profiles")
    for nip in STAFF:
        created = await unit.call("POST", "/plans", 201, json=plan(nip))
        url = f"/plans/{created['id']}"
        await unit.call("POST", f"{url}/submit", json={"actor_nip": nip})
        await unit.call("POST", f"{url}/approve", 403, json={"actor_nip": KADIS})
        await unit.call("POST", f"{url}/approve", json={"actor_nip": HEAD})
    await watcher.wait_until(lambda w: len(w.of_type("PerformancePlanApproved")) == len(STAFF))
    # The health office's immunisation register reports each nurse's coverage.
    await unit.publish(
        *(measured(nip, period) for nip in STAFF for period in ("2026-Q3", "2026")),
        source="/agencies/dinkes-kepahiang/imunisasi",
    )


async def evidence(unit: Unit, nip: str, period: str) -> dict[str, Any]:
    return await unit.call("GET", f"/employees/{nip}/periods/{period}")


async def the_quarter(unit: Unit, watcher: Watcher) -> None:
    async def measured_for_all() -> bool:
        views = [await evidence(unit, nip, "2026-Q3") for nip in STAFF]
        return all(v["indicators"] and v["indicators"][0]["realisasi"] for v in views)

    await eventually(measured_for_all, "the indicator data of the quarter")
    star = await evidence(unit, STARS[0], "2026-Q3")
    assert star["indicators"][0]["capaian"] == 118.0
    assert star["proposal"]["rating_hasil_kerja"] == ATAS

    for nip in STAFF:  # self-assessments through the API
        await unit.assess(nip, "2026-Q3", "SELF", nip, perilaku=SCORES)
    # three peers of the first nurse assess her through another agency's application
    await unit.publish(
        *(
            AssessmentSubmitted(
                nip=STARS[0],
                period="2026-Q3",
                assessor_nip=peer,
                assessor_role="PEER",
                perilaku=SCORES,
            )
            for peer in STEADY[:3]
        ),
        source="/agencies/ekinerja-kepahiang",
    )

    async def peers_counted() -> bool:
        peers = (await evidence(unit, STARS[0], "2026-Q3"))["peers"]
        return peers.get("KOLABORATIF", {}).get("assessors") == 3

    await eventually(peers_counted, "the peer assessments")
    peers = (await evidence(unit, STARS[0], "2026-Q3"))["peers"]
    assert peers["KOLABORATIF"] == {"mean": 5.0, "assessors": 3}  # a mean, never per assessor

    await rate_everyone(unit, "2026-Q3", head_rating=(SESUAI, SESUAI))
    closed = await unit.call(
        "POST", f"/units/{UNIT}/periods/2026-Q3/close", json={"actor_nip": KADIS}
    )
    assert closed["published"] == 12
    await watcher.wait_until(lambda w: len(w.of_type("PerformanceRated", period="2026-Q3")) == 12)
    rated = {
        e["data"]["nip"]: e["data"] for e in watcher.of_type("PerformanceRated", period="2026-Q3")
    }
    assert rated[STARS[0]]["predikat"] == "SANGAT_BAIK"
    assert rated[BEHIND]["predikat"] == "BUTUH_PERBAIKAN"
    assert all(r.get("consecutive_years") is None for r in rated.values())  # annual only
    await unit.call("POST", f"/units/{UNIT}/periods/2026-Q3/close", 409, json={"actor_nip": KADIS})


async def rate_everyone(unit: Unit, period: str, head_rating: tuple[str, str]) -> None:
    """The head rates the staff through the API; the head of the office rates the head through
    the office's own application (over AMQP)."""
    for nip in STAFF:
        hasil, perilaku = RATING[nip]
        await unit.assess(
            nip,
            period,
            "SUPERVISOR",
            HEAD,
            rating_hasil_kerja=hasil,
            rating_perilaku_kerja=perilaku,
            perilaku=SCORES,
        )
    await unit.publish(
        AssessmentSubmitted(
            nip=HEAD,
            period=period,
            assessor_nip=KADIS,
            assessor_role="SUPERVISOR",
            rating_hasil_kerja=head_rating[0],
            rating_perilaku_kerja=head_rating[1],
        ),
        source="/agencies/ekinerja-kepahiang",
    )

    async def nobody_missing() -> bool:
        standing = await unit.standing(period)
        return not standing["missing"] and len(standing["rated"]) == 12

    await eventually(nobody_missing, f"every rating of {period}")


async def the_year(unit: Unit, watcher: Watcher) -> None:
    # The head's evaluator finds him above expectation; the unit is only BAIK (SE 3/2023).
    await rate_everyone(unit, "2026", head_rating=(ATAS, SESUAI))
    url = f"/units/{UNIT}/periods/2026"
    refused = await unit.call("POST", f"{url}/close", 409, json={"actor_nip": KADIS})
    assert "organisation predicate" in refused["detail"]["message"]
    standing = await unit.call(
        "PUT",
        f"{url}/organization-rating",
        json={"predikat_organisasi": "BAIK", "rated_by_nip": KADIS},
    )
    assert standing["distribution"]["ok"], standing["distribution"]
    closed = await unit.call("POST", f"{url}/close", json={"actor_nip": KADIS})
    assert closed["published"] == 12
    await watcher.wait_until(lambda w: len(w.of_type("PerformanceRated", period="2026")) == 12)
    rated = {
        e["data"]["nip"]: e["data"] for e in watcher.of_type("PerformanceRated", period="2026")
    }
    assert (rated[HEAD]["rating_hasil_kerja"], rated[HEAD]["predikat"]) == (SESUAI, "BAIK")
    assert Counter(r["predikat"] for r in rated.values()) == {
        "SANGAT_BAIK": 3,
        "BAIK": 8,
        "BUTUH_PERBAIKAN": 1,
    }
    assert {r["consecutive_years"] for r in rated.values()} == {1}
    [org] = watcher.of_type("OrganizationPerformanceRated", unit_id=UNIT)
    assert org["data"]["head_nip"] == HEAD


async def the_documents_and_an_objection(unit: Unit, watcher: Watcher) -> None:
    report = await unit.call("GET", f"/units/{UNIT}/periods/2026/documents")
    assert report["by_step"] == {"TANDA_TANGAN_PENILAI": 12} and report["overdue"] == 0
    document = f"/employees/{BEHIND}/periods/2026/document"
    await unit.call("POST", f"{document}/signatures", json={"actor_nip": HEAD})
    handed = await unit.call("POST", f"{document}/delivery", json={"actor_nip": HEAD})
    assert (handed["step"], handed["responsible_nip"]) == ("TANDA_TANGAN_PEGAWAI", BEHIND)

    old = watcher.of_type("PerformanceRated", period="2026", nip=BEHIND)[0]
    filed = await unit.call(
        "POST",
        "/objections",
        201,
        json={
            "nip": BEHIND,
            "period": "2026",
            "reasons": "Data imunisasi bulan Desember belum masuk",
        },
    )
    assert filed["superior_nip"] == KADIS  # the evaluator's superior (PP 30/2019 Pasal 59)
    decision = f"/objections/{filed['id']}/decision"
    change = {"outcome": "MENGUBAH", "rating_hasil_kerja": SESUAI, "rating_perilaku_kerja": SESUAI}
    await unit.call("POST", decision, 403, json={"decided_by_nip": HEAD, **change})
    await unit.call("POST", decision, json={"decided_by_nip": KADIS, **change})
    await watcher.wait_until(
        lambda w: len(w.of_type("PerformanceRated", period="2026", nip=BEHIND)) == 2
    )
    [decided] = watcher.of_type("RatingObjectionDecided", nip=BEHIND)
    assert (decided["data"]["previous_predikat"], decided["data"]["predikat"]) == (
        "BUTUH_PERBAIKAN",
        "BAIK",
    )
    new = watcher.of_type("PerformanceRated", period="2026", nip=BEHIND)[1]
    assert new["data"]["supersedes"] == old["id"] and new["data"]["predikat"] == "BAIK"
    history = await unit.call("GET", f"/employees/{BEHIND}/ratings")
    assert [(r["period"], r["status"]) for r in history] == [
        ("2026", "SUPERSEDED"),
        ("2026", "PUBLISHED"),
        ("2026-Q3", "PUBLISHED"),
    ]
    signed = await unit.call("POST", f"{document}/signatures", json={"actor_nip": BEHIND})
    assert signed["step"] == "SELESAI"


async def the_follow_up_downstream(system: LocalSystem, watcher: Watcher, tokens: Tokens) -> None:
    """Sanctions rewards the year's Sangat Baik; the quarter's coaching window, still running,
    absorbs the year's poor rating and will be judged by the objection's corrected one."""

    def settled(w: Watcher) -> bool:
        rewarded = {e["data"]["nip"] for e in w.of_type("RewardGranted", period="2026")}
        return rewarded >= set(STARS) and bool(w.of_type("CoachingStarted", nip=BEHIND))

    await watcher.wait_until(settled, timeout=60)
    original, superseding = watcher.of_type("PerformanceRated", period="2026", nip=BEHIND)
    async with httpx.AsyncClient(
        base_url=system.url("sanctions"), timeout=30, auth=tokens.acting(default=HEAD)
    ) as sanctions:  # the ASN's superior reads their follow-ups

        async def corrected() -> dict[str, Any] | None:
            response = await sanctions.get(f"/api/v1/employees/{BEHIND}/follow-ups")
            body = response.json()
            received = {r["rated_event_id"]: r for r in body["ratings"]}
            return body if superseding["id"] in received else None

        body = await eventually(corrected, "the corrected rating in sanctions")
    in_force = {r["rated_event_id"]: r["in_force"] for r in body["ratings"]}
    assert (in_force[original["id"]], in_force[superseding["id"]]) == (False, True)
    # One coaching plan at a time: the year's BUTUH_PERBAIKAN opened no second case while the
    # quarter's six-month window runs, so the keberatan had no case of its own to withdraw.
    [case] = body["coaching_cases"]
    assert (case["period"], case["status"]) == ("2026-Q3", "OPEN")
    assert len(watcher.of_type("CoachingStarted", nip=BEHIND)) == 1
    assert watcher.of_type("NotificationSent"), "nobody was told"
