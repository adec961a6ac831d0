"""PP 30/2019 Pasal 57-58 after the improvement window, through the sanctions consumer, HTTP API
and timer scheduler on SQLite and PostgreSQL, across restarts with timers due.

The re-test and the post found are recorded by an official in the ASN's line of superiors (the
superior's superior here) or, for a JPT whose superior the directory does not know, the PPK.
"""

from __future__ import annotations

from datetime import date

from tests.identity import bearer
from tests.unit.discipline_harness import DisciplineHarness, at, discipline_harness

ASN, SUPERIOR = "199001012015011001", "198001012005011002"
TIM = "197001011995031001"  # the superior's superior, who records the re-test


async def rate(h: DisciplineHarness, predikat: str, period: str, on: date) -> None:
    await h.rated(ASN, predikat, period, on, by=SUPERIOR)


def retest(on: date, meets: bool, placement: str | None) -> dict:
    return {
        "recorded_by_nip": TIM,
        "tested_on": on.isoformat(),
        "meets_standard": meets,
        "placement": placement,
    }


async def case_id(h: DisciplineHarness) -> str:
    [started] = await h.events("CoachingStarted")
    return started["data"]["case_id"]


async def test_pasal_58_window_retest_placement_and_dismissal_across_restarts(database_url):
    async with discipline_harness(database_url) as h:
        await h.profile(ASN, SUPERIOR, position="Analis Kebijakan Ahli Muda")
        await h.profile(SUPERIOR, TIM, position_type="ADMINISTRASI", position="Kepala Bidang")
        await rate(h, "SANGAT_KURANG", "2026", date(2027, 1, 15))
        case = await case_id(h)
        path = f"/coaching/cases/{case}"
        assert (await h.call("GET", path))["improvement_deadline"] == "2027-07-15"
        await rate(h, "KURANG_MISCONDUCT", "2027-Q1", date(2027, 4, 10))
        assert await h.events("CoachingStarted") == []  # the window already runs

        await h.restart()
        assert await h.advance_to(at(date(2027, 7, 15), 23)) == 0  # the last day is the ASN's
        assert await h.advance_to(at(date(2027, 7, 16), 1)) == 1
        [completed] = await h.events("CoachingCompleted")
        assert {
            k: completed["data"][k]
            for k in ("improved", "latest_predikat", "legal_basis", "completed_on")
        } == {
            "improved": False,
            "latest_predikat": "KURANG_MISCONDUCT",
            "legal_basis": ["PP 30/2019 Pasal 58"],
            "completed_on": "2027-07-16",
        }
        assert (await h.call("GET", path))["status"] == "UJI_KOMPETENSI"

        h.clock.now = at(date(2027, 7, 21))
        refused = await h.call(
            "POST",
            f"{path}/competency-test",
            422,
            json=retest(date(2027, 7, 22), False, "PENEMPATAN_SEMENTARA"),
        )
        [problem] = refused["detail"]  # a re-test cannot be dated tomorrow
        assert (problem["type"], problem["loc"]) == ("date_in_future", ["body", "tested_on"])
        answer = await h.call(
            "POST",
            f"{path}/competency-test",
            json=retest(date(2027, 7, 20), False, "PENEMPATAN_SEMENTARA"),
        )
        assert answer["status"] == "TEMPORARY_PLACEMENT"
        [rotation] = await h.events("RotationRecommended")
        assert {
            k: rotation["data"][k]
            for k in ("jenis_mutasi", "placement_until", "current_position", "uji_kompetensi_on")
        } == {
            "jenis_mutasi": "PENEMPATAN_SEMENTARA",
            "placement_until": "2028-07-20",
            "current_position": "Analis Kebijakan Ahli Muda",
            "uji_kompetensi_on": "2027-07-20",
        }
        assert rotation["data"]["case_id"] == case
        await h.call(
            "POST", f"{path}/competency-test", 409, json=retest(date(2027, 7, 20), True, None)
        )  # recorded once

        await h.restart()
        assert await h.advance_to(at(date(2028, 7, 20), 23)) == 0
        assert await h.advance_to(at(date(2028, 7, 21), 1)) == 1
        view = await h.call("GET", path)
        assert (view["status"], view["dismissal_recommended_on"]) == (
            "DISMISSAL_RECOMMENDED",
            "2028-07-21",
        )
        assert "PP 30/2019 Pasal 58 ayat (5)" in view["legal_basis"]
        assert view["deadlines"] == [] and len(view["rotations"]) == 1
        await h.restart()
        assert await h.advance_to(at(date(2028, 12, 1))) == 0  # fired once, never again
        assert await h.events() == []


async def test_a_window_waits_for_the_next_rating_and_a_post_found_ends_a_placement(database_url):
    async with discipline_harness(database_url) as h:
        await h.profile(ASN, SUPERIOR)
        await h.profile(SUPERIOR, TIM, position_type="ADMINISTRASI", position="Kepala Bidang")
        await rate(h, "KURANG_MISCONDUCT", "2026", date(2027, 1, 15))
        case = await case_id(h)
        path = f"/coaching/cases/{case}"
        assert await h.advance_to(at(date(2027, 7, 16))) == 1
        assert (await h.call("GET", path))["status"] == "AWAITING_RATING"
        assert await h.events() == []

        await h.restart()
        await rate(h, "SANGAT_KURANG", "2027-S1", date(2027, 7, 30))
        [completed] = await h.events("CoachingCompleted")
        assert (completed["data"]["improved"], completed["data"]["completed_on"]) == (
            False,
            "2027-07-30",
        )
        assert await h.events("CoachingStarted") == []  # the chain continues: no second case

        h.clock.now = at(date(2027, 8, 5))
        await h.call(
            "POST",
            f"{path}/competency-test",
            json=retest(date(2027, 8, 2), False, "PENEMPATAN_SEMENTARA"),
        )
        h.clock.now = at(date(2028, 1, 10))
        found = {"recorded_by_nip": TIM, "found_on": "2028-01-09", "placement": "JABATAN_SESUAI"}
        answer = await h.call("POST", f"{path}/post-found", json=found)
        assert answer["rotation"]["jenis_mutasi"] == "JABATAN_SESUAI"
        assert [r["data"]["jenis_mutasi"] for r in await h.events("RotationRecommended")] == [
            "PENEMPATAN_SEMENTARA",
            "JABATAN_SESUAI",
        ]
        await h.restart()
        assert await h.advance_to(at(date(2028, 9, 1))) == 0  # the placement timer was cancelled
        assert (await h.call("GET", path))["status"] == "ROTATION_RECOMMENDED"


async def test_pasal_57_a_jpt_improves_or_moves_but_is_never_placed_temporarily(database_url):
    async with discipline_harness(database_url) as h:
        await h.profile(ASN, None, position_type="JPT", position="Kepala Dinas Kesehatan")
        await rate(h, "KURANG_MISCONDUCT", "2026", date(2027, 1, 15))
        case = await case_id(h)
        path = f"/coaching/cases/{case}"
        ppk = bearer(TIM, ["ppk"])  # no superior in the directory: the PPK records
        await h.call(
            "POST",
            f"{path}/competency-test",
            409,
            json=retest(date(2027, 1, 15), False, "JABATAN_SESUAI"),
            headers=ppk,
        )  # window runs
        await rate(h, "BUTUH_PERBAIKAN", "2027-S1", date(2027, 7, 10))
        await h.advance_to(at(date(2027, 7, 16)))
        [completed] = await h.events("CoachingCompleted")
        # Cukup is itself a Pasal 57 predikat: not improved.
        assert (completed["data"]["improved"], completed["data"]["legal_basis"]) == (
            False,
            ["PP 30/2019 Pasal 57"],
        )
        refused = await h.call(
            "POST",
            f"{path}/competency-test",
            409,
            json=retest(date(2027, 7, 16), False, "PENEMPATAN_SEMENTARA"),
            headers=ppk,
        )
        assert "Pasal 58 ayat (4)" in refused["detail"]["message"]
        answer = await h.call(
            "POST",
            f"{path}/competency-test",
            json=retest(date(2027, 7, 16), False, "JABATAN_LEBIH_RENDAH"),
            headers=ppk,
        )
        assert answer["rotation"]["current_position"] == "Kepala Dinas Kesehatan"
        assert answer["rotation"]["legal_basis"] == ["PP 30/2019 Pasal 57 ayat (3)"]
        await h.call("GET", "/coaching/cases/00000000-0000-0000-0000-000000000000", 404)
