"""The annual document's timetable (PP 30/2019 Pasal 49-50) and the unit head rated on the
unit's achievement (SE MenPANRB 3/2023), through the HTTP API on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.integration.test_assessment_cycle import (
    BAWAH,
    EVALUATOR,
    HEAD,
    SESUAI,
    STAFF,
    annual_unit,
)
from tests.unit.assessment_harness import UNIT, assessment_harness

HEAD_EVALUATOR = "196501011990031001"  # rates the head; outside the unit
HEAD_EVALUATOR_SUPERIOR = "196001011985031001"
STRANGER = "199501012020011001"


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T09:00:00+07:00").astimezone(UTC)


def doc_url(nip: str, what: str = "") -> str:
    return f"/api/v1/employees/{nip}/periods/2026/document{what}"


async def test_head_rating_follows_the_organisation_and_documents_follow_the_timetable(
    database_url,
):
    async with assessment_harness(database_url, distribution_check="WARN") as h:
        await annual_unit(h, [(SESUAI, SESUAI)] * 5)
        await h.profile(HEAD_EVALUATOR, HEAD_EVALUATOR_SUPERIOR, unit="setda", position_type="JPT")
        url = f"/api/v1/units/{UNIT}/periods/2026"
        h.clock.now = at("2027-01-11")  # a Monday
        await h.client.put(
            f"{url}/organization-rating",
            json={"predikat_organisasi": "BUTUH_PERBAIKAN", "rated_by_nip": HEAD_EVALUATOR},
        )
        assert (await h.client.post(f"{url}/close", json={"actor_nip": HEAD})).status_code == 200
        rated = {
            e["data"]["nip"]: e["data"] for e in await h.pump() if e["type"] == "PerformanceRated"
        }
        # the head was rated SESUAI/SESUAI by his evaluator; his Hasil Kerja is the unit's
        assert (rated[HEAD]["rating_hasil_kerja"], rated[HEAD]["predikat"]) == (
            BAWAH,
            "BUTUH_PERBAIKAN",
        )
        [head_rating] = (await h.client.get(f"/api/v1/employees/{HEAD}/ratings")).json()
        assert head_rating["hasil_kerja_basis"] == "ORGANISASI"
        assert rated[STAFF[0]]["rating_hasil_kerja"] == SESUAI

        report = (await h.client.get(f"{url}/documents")).json()
        assert report["by_step"] == {"TANDA_TANGAN_PENILAI": 7} and report["overdue"] == 0
        for nip in STAFF:
            signed = await h.client.post(doc_url(nip, "/signatures"), json={"actor_nip": EVALUATOR})
            assert signed.status_code == 200 and signed.json()["step"] == "PENYERAHAN"
        h.clock.now = at("2027-01-12")
        for nip in STAFF[:2]:
            delivered = await h.client.post(
                doc_url(nip, "/delivery"), json={"actor_nip": EVALUATOR}
            )
            assert delivered.json()["due"] == "2027-01-26"  # the ASN's 14 days, Pasal 49(3)
        stranger = await h.client.post(
            doc_url(STAFF[0], "/signatures"), json={"actor_nip": STRANGER}
        )
        assert stranger.status_code == 403
        h.clock.now = at("2027-01-13")
        done = await h.client.post(doc_url(STAFF[0], "/signatures"), json={"actor_nip": STAFF[0]})
        assert done.json()["step"] == "SELESAI"

        h.clock.now = at("2027-01-27")
        late = await h.client.post(doc_url(STAFF[1], "/signatures"), json={"actor_nip": STAFF[1]})
        assert late.status_code == 409 and "Pasal 50" in late.json()["detail"]["message"]
        head_doc = (await h.client.get(doc_url(HEAD))).json()
        assert head_doc["step"] == "PENETAPAN_ATASAN" and head_doc["escalated_on"] == "2027-01-25"
        assert (head_doc["responsible_nip"], head_doc["due"]) == (
            HEAD_EVALUATOR_SUPERIOR,
            "2027-02-03",
        )
        overdue = (await h.client.get(f"{url}/documents", params={"overdue": "true"})).json()
        assert overdue["overdue"] == 3  # three hand-overs due on 25 January
        assert {(d["nip"], d["step"], d["days_overdue"]) for d in overdue["documents"]} == {
            (nip, "PENYERAHAN", 2) for nip in STAFF[2:]
        }

        by_superior = await h.client.post(
            doc_url(STAFF[1], "/signatures"), json={"actor_nip": HEAD}
        )
        assert by_superior.status_code == 200
        assert (by_superior.json()["step"], by_superior.json()["set_by_superior_nip"]) == (
            "SELESAI",
            HEAD,
        )

        # Pasal 59 counts from receipt: STAFF[0] received the document on 12 January
        objection = {"nip": STAFF[0], "period": "2026", "reasons": "Bukti dukung belum dinilai"}
        on_time = await h.client.post(
            "/api/v1/objections", json={**objection, "filed_on": "2027-01-26"}
        )
        assert on_time.status_code == 201, on_time.text
        assert on_time.json()["deadline"] == "2027-01-26"


async def test_documents_belong_to_annual_ratings_only(database_url):
    async with assessment_harness(database_url) as h:
        annual = await h.client.get(f"/api/v1/units/{UNIT}/periods/2026-Q1/documents")
        assert annual.status_code == 422 and annual.json()["detail"]["field"] == "period"
        missing = await h.client.get(doc_url(STAFF[0]))
        assert missing.status_code == 404
