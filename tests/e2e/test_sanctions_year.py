"""End to end: what follows ratings, absences and complaints in one office (PP 30/2019 Pasal
53-58, PP 94/2021, PP 79/2021).

The four services run as processes on their own PostgreSQL databases and a fresh RabbitMQ vhost.
An attendance system reports a year of absences of one ASN; a citizen's complaint against another
is decided TERBUKTI through the feedback service; a third is rated KURANG_MISCONDUCT and a fourth
SANGAT_BAIK through the assessment service. The superior then summons, examines and decides
through the sanctions API, and the ASN's objection is decided by the superior's superior.

Every HTTP call carries a bearer token of the session's development issuer for the person acting
(the one its body names; the superior otherwise): the punished ASN files the objection, the head
of the office reads the unit's cases, the agency's complaint administrator (role `unit-admin`)
names the complaint officials and an inspectorate auditor (role `auditor`) reads the delivery log.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import aio_pika
import httpx
import pytest

from asn_deploy.rabbitmq.rabbitmqctl import list_queues, vhost_of
from asn_shared.catalog.agency_events import (
    AbsenceRecorded,
    AssessmentSubmitted,
    EmployeeProfileUpdated,
)
from asn_shared.messaging.topology import EVENTS_EXCHANGE

from .actors import Tokens, Unit, eventually
from .conftest import Watcher

pytestmark = pytest.mark.e2e

JAKARTA = ZoneInfo("Asia/Jakarta")
UNIT = "dpmptsp-kepahiang"
KADIS = "197001011995031001"  # head of the office: decides the keberatan against the superior
SUPERIOR = "197501012000031002"  # a pengawas: every ASN below is theirs to examine
ABSENT, COMPLAINED, KURANG, STAR = (f"19900101201501{i:04d}" for i in range(1, 5))
DESK = "198001012005011005"
ADMIN = "198502022010012003"  # the agency's complaint-handling administrator: role unit-admin
AUDITOR = "196805151990031001"  # an inspectorate auditor: role auditor, related to nobody here
# 2025: eight unexcused working days, two excused, one Saturday (not a working day).
UNEXCUSED = [
    date(2025, m, d) for m, d in [(1, 6), (2, 3), (3, 4), (4, 8), (5, 6), (6, 10), (7, 8), (8, 5)]
]
EXCUSED, SATURDAY = [date(2025, 9, 9), date(2025, 10, 7)], date(2025, 11, 8)
TODAY = datetime.now(JAKARTA).date()


@pytest.fixture(scope="module")
def service_env() -> dict[str, str]:
    return {"ASSESSMENT_RATING_PUBLICATION": "SUBMISSION", "SANCTIONS_TIMER_POLL_SECONDS": "1"}


def profile(nip: str, supervisor: str | None) -> EmployeeProfileUpdated:
    return EmployeeProfileUpdated(
        nip=nip,
        name=f"ASN {nip[-4:]}",
        unit_id=UNIT,
        unit_name="DPMPTSP Kepahiang",
        position="Analis Perizinan",
        position_type="FUNGSIONAL",
        supervisor_nip=supervisor,
        email=f"asn{nip[-4:]}@example.go.id",
    )


async def test_absences_a_complaint_two_ratings_and_an_objection(
    postgres_system, e2e_amqp_url, mail, tokens: Tokens
):
    connection = await aio_pika.connect(e2e_amqp_url)
    queue = await (await connection.channel()).declare_queue(exclusive=True)
    await queue.bind(EVENTS_EXCHANGE, "#")
    watcher = Watcher(queue)
    async with (
        connection,
        httpx.AsyncClient(
            base_url=postgres_system.url("sanctions"), timeout=30, auth=tokens.acting(SUPERIOR)
        ) as sanctions,
        httpx.AsyncClient(
            base_url=postgres_system.url("feedback"), timeout=30, auth=tokens.acting()
        ) as feedback,
    ):
        office = Unit(UNIT, sanctions, e2e_amqp_url)
        await office.publish(profile(KADIS, None), profile(SUPERIOR, KADIS), source="/agencies/bkn")
        await office.publish(
            *(profile(n, SUPERIOR) for n in (ABSENT, COMPLAINED, KURANG, STAR)),
            profile(DESK, SUPERIOR),
            source="/agencies/bkn",
        )
        await a_year_of_absences(office, watcher)
        await a_complaint_is_decided_terbukti(Unit(UNIT, feedback, e2e_amqp_url), watcher, tokens)
        await two_annual_ratings(office, watcher, mail[0])
        absence_case = await the_superior_examines_and_decides(office, watcher, tokens)
        await the_asn_objects_and_the_kadis_lightens(office, watcher, absence_case, tokens)
    await the_absent_asn_was_told_each_step(postgres_system, mail[0], tokens)
    dead = {q: n for q, n in list_queues(vhost_of(e2e_amqp_url)).items() if q.endswith(".dlq")}
    assert {q: n for q, n in dead.items() if n} == {}


async def a_year_of_absences(office: Unit, watcher: Watcher) -> None:
    await office.publish(
        *(AbsenceRecorded(nip=ABSENT, date=d, excused=False) for d in UNEXCUSED),
        *(AbsenceRecorded(nip=ABSENT, date=d, excused=True, reason="sakit") for d in EXCUSED),
        AbsenceRecorded(nip=ABSENT, date=SATURDAY, excused=False),
        source="/agencies/absensi-kepahiang",
    )
    # Rows 3, 4-6 and 7-10 of PP 94/2021 Pasal 9: three cases, all ringan.
    await watcher.wait_until(lambda w: len(w.of_type("DisciplinaryCaseOpened", nip=ABSENT)) == 3)
    opened = watcher.of_type("DisciplinaryCaseOpened", nip=ABSENT)
    assert {o["data"]["examiner_nip"] for o in opened} == {SUPERIOR}
    assert {o["data"]["estimated_tingkat"] for o in opened} == {"RINGAN"}


async def a_complaint_is_decided_terbukti(desk: Unit, watcher: Watcher, tokens: Tokens) -> None:
    await desk.call(
        "PUT",
        f"/units/{UNIT}/complaint-officials",
        json={
            "desk_nip": DESK,
            "desk_position": "Pengelola Pengaduan",
            "head_nip": KADIS,
            "head_position": "Kepala Dinas",
        },
        headers=tokens.bearer(ADMIN, "unit-admin"),
    )
    filed = await desk.call(
        "POST",
        "/complaints",
        202,
        auth=None,  # a citizen's complaint: public, no token
        json={
            "unit_id": UNIT,
            "service_date": TODAY.isoformat(),
            "subject_nip": COMPLAINED,
            "category": "pungli",
            "description": "Diminta biaya di luar tarif resmi izin",
            "complainant": {"privacy": "ANONIM"},
        },
    )
    steps = f"/api/v1/complaints/ASN-KINERJA/{filed['complaint_id']}/steps"

    async def verified() -> bool:
        response = await desk.http.post(
            steps, json={"action": "VERIFY_COMPLETE", "actor_nip": DESK}
        )
        return response.status_code == 200

    await eventually(verified, "the complaint applied and verified")
    await desk.http.post(
        steps, json={"action": "DECIDE", "actor_nip": KADIS, "decision": "TERBUKTI"}
    )
    await watcher.wait_until(lambda w: w.of_type("DisciplinaryCaseOpened", nip=COMPLAINED))
    [opened] = watcher.of_type("DisciplinaryCaseOpened", nip=COMPLAINED)
    assert opened["data"]["origin"] == "PENGADUAN"


async def two_annual_ratings(office: Unit, watcher: Watcher, collector) -> None:
    ratings = {
        KURANG: ("SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"),
        STAR: ("DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"),
    }
    await office.publish(
        *(
            AssessmentSubmitted(
                nip=nip,
                period="2025",
                assessor_nip=SUPERIOR,
                assessor_role="SUPERVISOR",
                rating_hasil_kerja=hasil,
                rating_perilaku_kerja=perilaku,
            )
            for nip, (hasil, perilaku) in ratings.items()
        ),
        source="/agencies/ekinerja-kepahiang",
    )
    await watcher.wait_until(
        lambda w: w.of_type("CoachingStarted", nip=KURANG) and w.of_type("RewardGranted", nip=STAR)
    )
    [coaching] = watcher.of_type("CoachingStarted", nip=KURANG)
    assert (coaching["data"]["predikat"], coaching["data"]["coaching_type"]) == (
        "KURANG_MISCONDUCT",
        "KONSELING_KINERJA",
    )

    async def both_told() -> bool:
        to = {address for m in collector.messages for address in m["to"]}
        return {f"asn{KURANG[-4:]}@example.go.id", f"asn{STAR[-4:]}@example.go.id"} <= to

    await eventually(both_told, "the coached and the rewarded ASN told by mail")


def summons(case_id: str) -> dict:
    return {
        "summoned_by_nip": SUPERIOR,
        "summoned_on": TODAY.isoformat(),
        "scheduled_at": datetime.combine(TODAY, time(23), JAKARTA).isoformat(),
        "mode": "VIRTUAL",
        "location": "https://rapat.example.go.id/bap",
        "examiner_nips": [SUPERIOR],
    }


async def examine(office: Unit, case_id: str) -> None:
    await office.call("POST", f"/discipline/cases/{case_id}/summons", 201, json=summons(case_id))
    await office.call(
        "POST",
        f"/discipline/cases/{case_id}/hearing",
        json={
            "recorded_by_nip": SUPERIOR,
            "attended": True,
            "held_on": TODAY.isoformat(),
            "bap_number": f"BAP/{case_id[:8]}",
        },
    )


def decision(jenis: str) -> dict:
    return {
        "decision_number": f"862/{jenis}/2026",
        "jenis": jenis,
        "decided_on": TODAY.isoformat(),
        "imposed_by_nip": SUPERIOR,
        "imposed_by_level": "PENGAWAS",
        "asn_jabatan_level": "JF_LAINNYA",
        "line": ["PENGAWAS", "JPT_PRATAMA"],
    }


async def the_superior_examines_and_decides(office: Unit, watcher: Watcher, tokens: Tokens) -> str:
    absence_cases = [
        o["data"]["case_id"] for o in watcher.of_type("DisciplinaryCaseOpened", nip=ABSENT)
    ]
    [complaint_case] = [
        o["data"]["case_id"] for o in watcher.of_type("DisciplinaryCaseOpened", nip=COMPLAINED)
    ]
    for case_id in [*absence_cases, complaint_case]:
        await examine(office, case_id)
    first = absence_cases[0]
    await office.call(
        "POST", f"/discipline/cases/{first}/decision", 409, json=decision("TEGURAN_LISAN")
    )  # 8 days: at least the 7-10 row
    await office.call(
        "POST", f"/discipline/cases/{first}/decision", 201, json=decision("PERNYATAAN_TIDAK_PUAS")
    )
    await office.call(
        "POST", f"/discipline/cases/{complaint_case}/decision", 201, json=decision("TEGURAN_LISAN")
    )
    await watcher.wait_until(lambda w: len(w.of_type("SanctionImposed")) == 2)
    [absence] = watcher.of_type("SanctionImposed", nip=ABSENT)
    assert (absence["data"]["jenis"], absence["data"]["upaya_administratif"]) == (
        "PERNYATAAN_TIDAK_PUAS",
        "KEBERATAN_PEJABAT",
    )
    unit = await office.call("GET", f"/units/{UNIT}/discipline", headers=tokens.bearer(KADIS))
    statuses = {c["case_id"]: c["status"] for c in unit["cases"]}
    assert sorted(statuses.values()) == ["DECIDED", "DECIDED", "MERGED", "MERGED"]
    return first


async def the_asn_objects_and_the_kadis_lightens(
    office: Unit, watcher: Watcher, case_id: str, tokens: Tokens
) -> None:
    path = f"/discipline/cases/{case_id}"
    await office.call(
        "POST",
        f"{path}/delivery",
        json={"recorded_by_nip": SUPERIOR, "received_on": TODAY.isoformat()},
    )
    filed = await office.call(
        "POST",
        f"{path}/objections",
        201,
        json={"filed_on": TODAY.isoformat()},
        headers=tokens.bearer(ABSENT),  # the punished ASN objects
    )
    assert filed["filed_in_time"] is True
    await office.call(
        "POST",
        f"/discipline/objections/{filed['objection_id']}/decision",
        json={
            "outcome": "MEMPERINGAN",
            "changed_to": "TEGURAN_TERTULIS",
            "decided_on": TODAY.isoformat(),
            "decided_by_nip": KADIS,
        },
    )
    await watcher.wait_until(lambda w: w.of_type("ObjectionDecided"))
    [decided] = watcher.of_type("ObjectionDecided")
    assert (decided["data"]["original_jenis"], decided["data"]["resulting_jenis"]) == (
        "PERNYATAAN_TIDAK_PUAS",
        "TEGURAN_TERTULIS",
    )
    view = await office.call("GET", path)
    assert (view["status"], view["jenis"]) == ("IN_FORCE", "TEGURAN_TERTULIS")
    # EXAMINER_KNOWN too when the absences overtook the profile (the consumer is concurrent).
    assert [s["step"] for s in view["steps"] if s["step"] != "EXAMINER_KNOWN"] == [
        "OPEN",
        "SUMMON",
        "HEARING_HELD",
        "DECIDE",
        "DELIVER",
        "FILE_OBJECTION",
        "OBJECTION_DECIDED",
    ]


async def the_absent_asn_was_told_each_step(system, collector, tokens: Tokens) -> None:
    """Every disciplinary step reached the ASN by mail and in their inbox (notifications): the
    ASN reads their inbox, an auditor the delivery log."""
    steps = {
        "kasus_disiplin",
        "panggilan_pemeriksaan",
        "hukuman_disiplin",
        "keputusan_upaya_administratif",
    }
    async with httpx.AsyncClient(
        base_url=system.url("notifications"), timeout=30, auth=tokens.acting()
    ) as notices:

        async def inbox() -> list[dict] | None:
            items = (await notices.get(f"/api/v1/people/{ABSENT}/inbox")).json()
            return items if steps <= {i["template"] for i in items} else None

        items = await eventually(inbox, "the disciplinary notices in the ASN's inbox")
        log = (
            await notices.get(
                "/api/v1/notifications",
                params={"recipient_nip": ABSENT, "channel": "EMAIL"},
                headers=tokens.bearer(AUDITOR, "auditor"),
            )
        ).json()
    [sanction] = [i for i in items if i["template"] == "hukuman_disiplin"]
    assert sanction["priority"] == "CRITICAL" and "Pasal 38" in sanction["body"]
    assert steps <= {row["template"] for row in log}

    async def mailed() -> bool:
        to_absent = [m for m in collector.messages if f"asn{ABSENT[-4:]}@example.go.id" in m["to"]]
        return len(to_absent) >= len(steps)

    await eventually(mailed, "the disciplinary notices mailed to the ASN")
