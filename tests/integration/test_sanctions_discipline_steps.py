"""A disciplinary case from summons to effect and objection, through the sanctions HTTP API,
consumer and timers on SQLite and PostgreSQL, across restarts (PP 94/2021, PP 79/2021).

Each official acts with their own bearer token (the harness's ActingAs: the NIP the body names);
the directory knows the ASN's superior and, where a test needs them, the superior's superior.
A step is recorded on or after the day it happened (`on`: the service refuses a past step dated
in the future, tests/unit/test_sanctions_past_steps.py).
"""

from __future__ import annotations

from datetime import date

from asn_shared.catalog.feedback_events import ComplaintResolved
from tests.identity import bearer
from tests.integration.test_sanctions_discipline_intake import (
    ASN,
    DESK,
    SUPERIOR,
    absent,
    holidays,  # noqa: F401 - the fixture
    working_days,
)
from tests.unit.discipline_harness import DisciplineHarness, at, discipline_harness

ATASAN = "197001011995031001"  # the superior's superior: decides a keberatan against them


def summons(on: date, hearing: date, by: str = SUPERIOR, **extra) -> dict:
    return {
        "summoned_by_nip": by,
        "summoned_on": on.isoformat(),
        "scheduled_at": at(hearing).isoformat(),
        "mode": "TATAP_MUKA",
        "examiner_nips": [SUPERIOR],
        **extra,
    }


def decision(
    jenis: str,
    level: str = "PENGAWAS",
    line: tuple = ("PENGAWAS",),
    on: date = date(2026, 3, 26),
    by: str = SUPERIOR,
) -> dict:
    return {
        "decision_number": f"800/{jenis}/2026",
        "jenis": jenis,
        "decided_on": on.isoformat(),
        "imposed_by_nip": by,
        "imposed_by_level": level,
        "asn_jabatan_level": "JF_LAINNYA",
        "line": list(line),
    }


def hearing(attended: bool, on: date) -> dict:
    return {
        "recorded_by_nip": SUPERIOR,
        "attended": attended,
        "held_on": on.isoformat(),
        "bap_number": "BAP-01" if attended else None,
    }


def on(h: DisciplineHarness, day: date) -> None:
    """The day an official records a step: the clock at 17:00 in Jakarta (no timer fires)."""
    h.clock.now = at(day, 17)


async def opened_cases(h: DisciplineHarness) -> list[str]:
    return [e["data"]["case_id"] for e in await h.events("DisciplinaryCaseOpened")]


async def test_two_no_shows_a_late_delivery_a_restart_and_an_annulled_punishment(
    database_url,
    holidays,  # noqa: F811
):
    async with discipline_harness(database_url, holidays) as h:
        await h.profile(ASN, SUPERIOR)
        await h.profile(SUPERIOR, ATASAN, position_type="ADMINISTRASI", position="Kepala Seksi")
        for day in working_days(date(2026, 3, 2), 3):
            await absent(h, day)
        [case] = await opened_cases(h)
        path = f"/discipline/cases/{case}"
        on(h, date(2026, 3, 9))
        await h.call(
            "POST",
            f"{path}/summons",
            403,
            json=summons(date(2026, 3, 9), date(2026, 3, 10), by=DESK),
        )
        refused = await h.call(
            "POST", f"{path}/summons", 409, json=summons(date(2026, 3, 9), date(2026, 3, 19))
        )
        assert "2026-03-18" in refused["detail"]["message"]  # 7 working days after the summons
        await h.call(
            "POST", f"{path}/summons", 201, json=summons(date(2026, 3, 9), date(2026, 3, 10))
        )
        [first] = await h.events("HearingScheduled")
        assert first["data"]["summons"] == 1 and first["subject"] == ASN
        await h.call("POST", f"{path}/decision", 409, json=decision("TEGURAN_LISAN"))
        on(h, date(2026, 3, 10))
        assert (await h.call("POST", f"{path}/hearing", json=hearing(False, date(2026, 3, 10))))[
            "status"
        ] == "NO_SHOW"
        # Second summons due 7 working days after 10 March, Nyepi skipped: 23 March.
        assert await h.advance_to(at(date(2026, 3, 23), 23)) == 0
        assert await h.advance_to(at(date(2026, 3, 24), 1)) == 1
        flags = (await h.call("GET", path))["duty_flags"]
        assert [(f["duty"], f["due_on"], f["official_nip"]) for f in flags] == [
            ("SECOND_SUMMONS", "2026-03-23", SUPERIOR)
        ]
        await h.call("POST", f"{path}/decision", 409, json=decision("TEGURAN_LISAN"))
        await h.call(
            "POST", f"{path}/summons", 201, json=summons(date(2026, 3, 24), date(2026, 3, 25))
        )
        await h.restart()
        on(h, date(2026, 3, 25))
        await h.call("POST", f"{path}/hearing", json=hearing(False, date(2026, 3, 25)))
        on(h, date(2026, 3, 26))
        await h.call("POST", f"{path}/decision", 201, json=decision("TEGURAN_LISAN"))
        [imposed] = [e["data"] for e in await h.events("SanctionImposed")]
        assert imposed["without_examination"] is True
        assert (imposed["delivery_due"], imposed["upaya_administratif"]) == (
            "2026-04-15",
            "KEBERATAN_PEJABAT",
        )
        await h.advance_to(at(date(2026, 4, 16), 1))  # not delivered within 14 working days
        on(h, date(2026, 4, 17))
        await h.call(
            "POST",
            f"{path}/delivery",
            json={"recorded_by_nip": SUPERIOR, "received_on": "2026-04-17"},
        )
        await h.restart()
        assert await h.advance_to(at(date(2026, 5, 1), 23)) == 0
        assert await h.advance_to(at(date(2026, 5, 2), 0)) == 1  # the 15th day after receipt
        view = await h.call("GET", path)
        assert (view["status"], view["effective_on"]) == ("IN_FORCE", "2026-05-02")
        assert [f["duty"] for f in view["duty_flags"]] == ["SECOND_SUMMONS", "DELIVERY"]
        the_asn = bearer(ASN)  # the punished ASN files
        await h.call(
            "POST", f"{path}/objections", 409, json={"filed_on": "2026-04-10"}, headers=the_asn
        )
        on(h, date(2026, 5, 4))
        filed = await h.call(
            "POST", f"{path}/objections", 201, json={"filed_on": "2026-05-04"}, headers=the_asn
        )
        assert (filed["upaya"], filed["filed_in_time"]) == ("KEBERATAN_PEJABAT", True)
        pending = (await h.call("GET", path))["deadlines"]
        assert [d["kind"] for d in pending] == ["discipline.objection_decision"]
        on(h, date(2026, 5, 20))
        await h.call(
            "POST",
            f"/discipline/objections/{filed['objection_id']}/decision",
            json={"outcome": "MEMBATALKAN", "decided_on": "2026-05-20", "decided_by_nip": ATASAN},
        )
        [decided] = [e["data"] for e in await h.events("ObjectionDecided")]
        assert (decided["outcome"], decided.get("resulting_jenis")) == ("MEMBATALKAN", None)
        assert (await h.call("GET", path))["status"] == "REVOKED"


async def examine(h: DisciplineHarness, case: str, day: date = date(2026, 3, 16)) -> None:
    on(h, day)
    await h.call("POST", f"/discipline/cases/{case}/summons", 201, json=summons(day, day))
    await h.call("POST", f"/discipline/cases/{case}/hearing", json=hearing(True, day))


async def test_concurrent_cases_get_one_heaviest_punishment_from_a_competent_official(
    database_url,
    holidays,  # noqa: F811
):
    async with discipline_harness(database_url, holidays) as h:
        await h.profile(ASN, SUPERIOR)
        await h.profile(SUPERIOR, ATASAN, position_type="ADMINISTRASI", position="Kepala Seksi")
        for day in working_days(date(2026, 3, 2), 7):
            await absent(h, day)
        lisan, tertulis, tidak_puas = await opened_cases(h)
        for case in (lisan, tertulis, tidak_puas):
            await examine(h, case)
        on(h, date(2026, 3, 26))
        refused = await h.call(
            "POST", f"/discipline/cases/{lisan}/decision", 409, json=decision("TEGURAN_TERTULIS")
        )
        assert "PERNYATAAN_TIDAK_PUAS" in refused["detail"]["message"]
        await h.call(
            "POST",
            f"/discipline/cases/{lisan}/decision",
            201,
            json=decision("PERNYATAAN_TIDAK_PUAS"),
        )
        assert len(await h.events("SanctionImposed")) == 1
        for merged in (tertulis, tidak_puas):
            view = await h.call("GET", f"/discipline/cases/{merged}")
            assert (view["status"], view["decided_with"]) == ("MERGED", lisan)
        for day in working_days(date(2026, 4, 6), 4):  # 11 days: sedang
            await absent(h, day)
        [sedang] = await opened_cases(h)
        await examine(h, sedang, date(2026, 4, 14))
        path = f"/discipline/cases/{sedang}/decision"
        # PP 94/2021 Pasal 42: the PP 53/2010 catalogue is in force by default.
        await h.call("POST", path, 409, json=decision("POTONG_TUKIN_25_6B"))
        await h.call("POST", path, 403, json=decision("PENUNDAAN_KGB_1T"))  # a pengawas: ringan
        administrator = ("PENGAWAS", "ADMINISTRATOR")
        # The superior cannot claim the level of the place above them (the directory's line).
        await h.call(
            "POST", path, 403, json=decision("PENUNDAAN_KGB_1T", "ADMINISTRATOR", administrator)
        )
        await h.call(
            "POST",
            path,
            201,
            json=decision("PENUNDAAN_KGB_1T", "ADMINISTRATOR", administrator, by=ATASAN),
        )


def terbukti(complaint_id: str) -> ComplaintResolved:
    return ComplaintResolved(
        complaint_id=complaint_id,
        channel="SP4N_LAPOR",
        receipt_number=f"TT-{complaint_id}",
        unit_id="dinkes",
        subject_nip=ASN,
        category="Pungutan",
        outcome="TERBUKTI",
        decided_on=date(2026, 3, 10),
        notify_due=date(2026, 3, 24),
    )


async def test_a_repeat_gets_a_heavier_punishment_than_the_last(database_url):
    async with discipline_harness(database_url) as h:
        await h.profile(ASN, SUPERIOR)
        await h.deliver(terbukti("L-1"), source="/asn-kinerja/feedback")
        [first] = await opened_cases(h)
        await examine(h, first)
        on(h, date(2026, 3, 26))
        await h.call(
            "POST", f"/discipline/cases/{first}/decision", 201, json=decision("TEGURAN_LISAN")
        )
        await h.deliver(terbukti("L-2"), source="/asn-kinerja/feedback")
        [second] = await opened_cases(h)
        await examine(h, second, date(2026, 4, 6))
        refused = await h.call(
            "POST", f"/discipline/cases/{second}/decision", 409, json=decision("TEGURAN_LISAN")
        )
        assert "TEGURAN_TERTULIS" in refused["detail"]["message"]
        await h.call(
            "POST", f"/discipline/cases/{second}/decision", 201, json=decision("TEGURAN_TERTULIS")
        )


async def test_a_case_that_may_end_in_dismissal_is_examined_by_a_tim(database_url, holidays):  # noqa: F811
    async with discipline_harness(database_url, holidays) as h:
        await h.profile(ASN, SUPERIOR)
        for day in working_days(date(2026, 3, 11), 10):
            await absent(h, day)
        run = (await opened_cases(h))[-1]
        day = date(2026, 3, 27)
        on(h, day)
        await h.call("POST", f"/discipline/cases/{run}/summons", 409, json=summons(day, day))
        tim = summons(
            day,
            day,
            tim_pemeriksa=True,
            examiner_nips=[SUPERIOR, "197801012003121001", "198201012008012001"],
        )
        event = await h.call("POST", f"/discipline/cases/{run}/summons", 201, json=tim)
        assert event["tim_pemeriksa"] is True
