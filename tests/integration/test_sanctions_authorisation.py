"""Who may take each step of a disciplinary case and of the coaching chain, and read their files,
through the sanctions HTTP API with real tokens (domain/permissions.py; README, "Who may call
each route"): for each rule the right caller and a wrong one.

The directory (profiles from EmployeeProfileUpdated): ASN (a JF) -> SUPERIOR (a pengawas post,
examines) -> ATASAN (an administrator post, the unit's head) -> nobody. COLLEAGUE answers to the
same SUPERIOR; STRANGER is in no relation to anything. The issue's two discipline acts by a
stranger (closing a case as not proven; a decision claiming imposed_by_level PENGAWAS,
line [PENGAWAS]) are refused and change nothing.
"""

from __future__ import annotations

from datetime import date

from asn_shared.catalog.agency_events import AbsenceRecorded
from asn_shared.catalog.assessment_events import PerformanceRated
from tests.identity import bearer
from tests.unit.discipline_harness import DisciplineHarness, at, discipline_harness
from tests.unit.sanctions_harness import RATINGS

ASN, SUPERIOR, ATASAN = "199001012015011001", "198001012005011002", "197001011995031001"
COLLEAGUE, STRANGER = "199201012017011004", "196501011990031009"
AUDITOR, PPK = "196801011992031006", "196301011988031007"
DAY = date(2026, 3, 16)


def sqlite(tmp_path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'sanctions.db'}"


async def office(h: DisciplineHarness, unit: str = "dinkes") -> str:
    """The directory above, three unexcused days of the ASN: one case (TEGURAN_LISAN), OPEN."""
    await h.profile(ATASAN, None, unit=unit, position_type="ADMINISTRASI", position="Kabid")
    await h.profile(SUPERIOR, ATASAN, unit=unit, position_type="ADMINISTRASI", position="Kasi")
    await h.profile(ASN, SUPERIOR, unit=unit)
    await h.profile(COLLEAGUE, SUPERIOR, unit=unit)
    for day in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)):
        await h.deliver(AbsenceRecorded(nip=ASN, date=day, excused=False), source="/agencies/a")
    [opened] = await h.events("DisciplinaryCaseOpened")
    h.clock.now = at(DAY)
    return opened["data"]["case_id"]


def summons() -> dict:
    return {
        "summoned_on": DAY.isoformat(),
        "scheduled_at": at(DAY).isoformat(),
        "mode": "TATAP_MUKA",
        "examiner_nips": [SUPERIOR],
    }


HEARD = {"attended": True, "held_on": DAY.isoformat(), "bap_number": "BAP-1"}


def decision(level: str = "PENGAWAS", line: tuple = ("PENGAWAS",), **extra) -> dict:
    return {
        "decision_number": "800/1/2026",
        "jenis": "TEGURAN_LISAN",
        "decided_on": DAY.isoformat(),
        "imposed_by_level": level,
        "asn_jabatan_level": "JF_LAINNYA",
        "line": list(line),
        **extra,
    }


def as_(nip: str, *roles: str) -> dict[str, str]:
    return bearer(nip, roles)


async def examined(h: DisciplineHarness, case: str) -> str:
    path = f"/discipline/cases/{case}"
    await h.call("POST", f"{path}/summons", 201, json=summons(), headers=as_(SUPERIOR))
    await h.call("POST", f"{path}/hearing", json=HEARD, headers=as_(SUPERIOR))
    return path


async def test_a_stranger_can_neither_close_nor_decide_a_case(database_url):
    """The issue's acts: `not-proven` closed a case (200); a decision with imposed_by_level
    PENGAWAS, line [PENGAWAS] decided one (201). Both are 403 now and change nothing."""
    async with discipline_harness(database_url) as h:
        path = await examined(h, await office(h))
        stranger = as_(STRANGER)
        closed = await h.call(
            "POST", f"{path}/not-proven", 403, json={"reason": "x"}, headers=stranger
        )
        assert "direct superior" in closed["detail"]["message"]
        claimed = await h.call("POST", f"{path}/decision", 403, json=decision(), headers=stranger)
        assert "line of superiors" in claimed["detail"]["message"]
        # Naming the real superior in the body does not help: the actor is the token.
        named = await h.call(
            "POST",
            f"{path}/decision",
            403,
            json=decision(imposed_by_nip=SUPERIOR),
            headers=stranger,
        )
        assert "imposed_by_nip" in named["detail"]["message"]
        assert (await h.call("GET", path))["status"] == "EXAMINED"
        assert await h.events("SanctionImposed") == []
        # The examining superior closes it, named by the token alone.
        await h.call("POST", f"{path}/not-proven", json={"reason": "x"}, headers=as_(SUPERIOR))
        view = await h.call("GET", path)
        assert view["status"] == "NOT_PROVEN"
        assert view["steps"][-1]["actor_nip"] == SUPERIOR


async def test_only_the_examiner_summons_and_records_the_hearing(tmp_path):
    async with discipline_harness(sqlite(tmp_path)) as h:
        path = f"/discipline/cases/{await office(h)}"
        for wrong in (ATASAN, ASN, STRANGER):
            await h.call("POST", f"{path}/summons", 403, json=summons(), headers=as_(wrong))
        await h.call(
            "POST", f"{path}/summons", 403, json=summons(), headers=as_(AUDITOR, "auditor")
        )
        await h.call("POST", f"{path}/summons", 201, json=summons(), headers=as_(SUPERIOR))
        [scheduled] = await h.events("HearingScheduled")
        assert scheduled["actor"] == SUPERIOR  # the CloudEvents extension: who commanded it
        await h.call("POST", f"{path}/hearing", 403, json=HEARD, headers=as_(ATASAN))
        assert (await h.call("POST", f"{path}/hearing", json=HEARD, headers=as_(SUPERIOR)))[
            "status"
        ] == "EXAMINED"


async def test_the_decision_follows_the_directory_not_the_claimed_levels(tmp_path):
    async with discipline_harness(sqlite(tmp_path)) as h:
        path = await examined(h, await office(h))
        refusals = [
            # The superior claims the administrator's place above them.
            (SUPERIOR, decision("ADMINISTRATOR", ("PENGAWAS", "ADMINISTRATOR")), "1 level"),
            # The superior's superior claims to be the direct superior.
            (ATASAN, decision("PENGAWAS", ("PENGAWAS",)), "2 level"),
            # A JPT level for an administrasi post.
            (ATASAN, decision("JPT_PRATAMA", ("PENGAWAS", "JPT_PRATAMA")), "type ADMINISTRASI"),
            # The ASN's post against their profile (a JF).
            (SUPERIOR, decision(asn_jabatan_level="PELAKSANA"), "type FUNGSIONAL"),
            # More superiors than the directory knows (ATASAN names nobody above).
            (
                PPK,
                decision("PPK", ("PENGAWAS", "ADMINISTRATOR", "JPT_PRATAMA")),
                "the directory knows 2",
            ),
            # The PPK is a role of the token, not a claim of the body.
            (ATASAN, decision("PPK", ("PENGAWAS", "ADMINISTRATOR")), "role 'ppk'"),
        ]
        for nip, body, reason in refusals:
            roles = ("ppk",) if nip == PPK else ()
            refused = await h.call(
                "POST", f"{path}/decision", 403, json=body, headers=as_(nip, *roles)
            )
            assert reason in refused["detail"]["message"], refused
        assert await h.events("SanctionImposed") == []
        # The superior's superior, at their place: competent (Pasal 22, a JF in the unit).
        await h.call(
            "POST",
            f"{path}/decision",
            201,
            json=decision("ADMINISTRATOR", ("PENGAWAS", "ADMINISTRATOR")),
            headers=as_(ATASAN),
        )
        [imposed] = await h.events("SanctionImposed")
        assert (imposed["data"]["imposed_by_nip"], imposed["actor"]) == (ATASAN, ATASAN)
        assert imposed["data"]["upaya_administratif"] == "KEBERATAN_PEJABAT"


async def test_delivery_objection_and_its_decision_each_by_their_person(tmp_path):
    async with discipline_harness(sqlite(tmp_path)) as h:
        case = await office(h)
        path = await examined(h, case)
        await h.call("POST", f"{path}/decision", 201, json=decision(), headers=as_(SUPERIOR))
        delivered = {"received_on": DAY.isoformat()}
        for wrong in (ASN, STRANGER):
            await h.call("POST", f"{path}/delivery", 403, json=delivered, headers=as_(wrong))
        await h.call("POST", f"{path}/delivery", json=delivered, headers=as_(SUPERIOR))

        filed_on = {"filed_on": DAY.isoformat()}
        for wrong in (SUPERIOR, COLLEAGUE, STRANGER):
            await h.call("POST", f"{path}/objections", 403, json=filed_on, headers=as_(wrong))
        filed = await h.call("POST", f"{path}/objections", 201, json=filed_on, headers=as_(ASN))
        decided = {"outcome": "MEMPERKUAT", "decided_on": DAY.isoformat()}
        objection = f"/discipline/objections/{filed['objection_id']}/decision"
        # A keberatan against the pengawas goes to the pengawas's superior (PP 79/2021 Pasal
        # 3(3)): not the official who decided, not the ASN, not the PPK.
        for nip, roles in ((SUPERIOR, ()), (ASN, ()), (STRANGER, ()), (PPK, ("ppk",))):
            await h.call("POST", objection, 403, json=decided, headers=as_(nip, *roles))
        await h.call("POST", objection, json=decided, headers=as_(ATASAN))
        [event] = await h.events("ObjectionDecided")
        assert (event["data"]["decided_by_nip"], event["actor"]) == (ATASAN, ATASAN)


async def test_the_ppk_decides_by_role_and_hears_the_keberatan_against_itself(tmp_path):
    async with discipline_harness(sqlite(tmp_path)) as h:
        path = await examined(h, await office(h))
        berat = decision("PPK", ("PENGAWAS", "ADMINISTRATOR"), jenis="PENURUNAN_JABATAN_12B")
        await h.call("POST", f"{path}/decision", 403, json=berat, headers=as_(ATASAN))
        await h.call("POST", f"{path}/decision", 201, json=berat, headers=as_(PPK, "ppk"))
        [imposed] = await h.events("SanctionImposed")
        assert imposed["data"]["upaya_administratif"] == "KEBERATAN_PPK"
        await h.call(
            "POST",
            f"{path}/delivery",
            json={"received_on": DAY.isoformat()},
            headers=as_(PPK, "ppk"),
        )
        filed = await h.call(
            "POST", f"{path}/objections", 201, json={"filed_on": DAY.isoformat()}, headers=as_(ASN)
        )
        decided = {"outcome": "MEMPERKUAT", "decided_on": DAY.isoformat()}
        objection = f"/discipline/objections/{filed['objection_id']}/decision"
        await h.call("POST", objection, 403, json=decided, headers=as_(ATASAN))
        await h.call("POST", objection, json=decided, headers=as_(PPK, "ppk"))


async def test_who_reads_a_case_a_unit_and_follow_ups(tmp_path):
    async with discipline_harness(sqlite(tmp_path)) as h:
        case = await office(h)
        path = f"/discipline/cases/{case}"
        readers = [ASN, SUPERIOR, ATASAN]
        for nip in readers:
            assert (await h.call("GET", path, headers=as_(nip)))["case_id"] == case
        await h.call("GET", path, headers=as_(AUDITOR, "auditor"))
        await h.call("GET", path, headers=as_(PPK, "ppk"))
        for nip, roles in ((COLLEAGUE, ()), (STRANGER, ()), (STRANGER, ("unit-admin",))):
            refused = await h.call("GET", path, 403, headers=as_(nip, *roles))
            assert "auditor" in refused["detail"]["message"]

        unit = "/units/dinkes/discipline"
        await h.call("GET", unit, headers=as_(ATASAN))  # the unit's head
        await h.call("GET", unit, headers=as_(AUDITOR, "auditor"))
        for nip in (SUPERIOR, ASN, STRANGER):
            await h.call("GET", unit, 403, headers=as_(nip))
        await h.call("GET", "/units/dinkes/rotations", headers=as_(ATASAN))
        await h.call("GET", "/units/dinkes/rotations", 403, headers=as_(SUPERIOR))

        follow_ups = f"/employees/{ASN}/follow-ups"
        for nip in (ASN, SUPERIOR, ATASAN):
            assert (await h.call("GET", follow_ups, headers=as_(nip)))["nip"] == ASN
        for nip in (COLLEAGUE, STRANGER):
            await h.call("GET", follow_ups, 403, headers=as_(nip))
        # Without a token nothing is answered at all.
        response = await h.client.get(f"/api/v1{follow_ups}", auth=None)
        assert response.status_code == 401


async def test_coaching_steps_by_the_asns_superiors_or_the_ppk(tmp_path):
    async with discipline_harness(sqlite(tmp_path)) as h:
        await office(h)
        hasil, perilaku = RATINGS["SANGAT_KURANG"]
        await h.deliver(
            PerformanceRated(
                nip=ASN,
                period="2025",
                rating_hasil_kerja=hasil,
                rating_perilaku_kerja=perilaku,
                predikat="SANGAT_KURANG",
                assessor_nip=SUPERIOR,
                rated_at=at(DAY),
            ),
            source="/asn-kinerja/assessment",
        )
        [started] = await h.events("CoachingStarted")
        path = f"/coaching/cases/{started['data']['case_id']}"
        retest = {"tested_on": DAY.isoformat(), "meets_standard": True}
        for nip, roles in ((ASN, ()), (COLLEAGUE, ()), (STRANGER, ()), (AUDITOR, ("auditor",))):
            await h.call(
                "POST", f"{path}/competency-test", 403, json=retest, headers=as_(nip, *roles)
            )
        # The right officials pass the rule; the window still runs (409, Pasal 58).
        for nip, roles in ((SUPERIOR, ()), (ATASAN, ()), (PPK, ("ppk",))):
            refused = await h.call(
                "POST", f"{path}/competency-test", 409, json=retest, headers=as_(nip, *roles)
            )
            assert "UJI_KOMPETENSI" in refused["detail"]["message"]
        found = {"found_on": DAY.isoformat(), "placement": "JABATAN_SESUAI"}
        await h.call("POST", f"{path}/post-found", 403, json=found, headers=as_(STRANGER))
        await h.call("POST", f"{path}/post-found", 409, json=found, headers=as_(SUPERIOR))
        # Another official named in the body is refused: the actor is the token.
        named = {**retest, "recorded_by_nip": ATASAN}
        await h.call("POST", f"{path}/competency-test", 403, json=named, headers=as_(SUPERIOR))
        for nip in (ASN, SUPERIOR):
            assert (await h.call("GET", path, headers=as_(nip)))["nip"] == ASN
        await h.call("GET", path, 403, headers=as_(COLLEAGUE))
