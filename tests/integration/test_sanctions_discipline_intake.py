"""Cases opened from absences, substantiated complaints and missed complaint deadlines, through
the sanctions consumer on SQLite and PostgreSQL (PP 94/2021 Pasal 9-11, 26; UU 25/2009)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from asn_sanctions.adapters.tables import employees
from asn_shared.catalog.agency_events import AbsenceRecorded
from asn_shared.catalog.feedback_events import ComplaintDeadlineMissed, ComplaintResolved
from tests.unit.discipline_harness import DisciplineHarness, discipline_harness

ASN, SUPERIOR, DESK = "199001012015011001", "198001012005011002", "198501012010011003"
# Nyepi and the day after, a Thursday and Friday (test data, not the official 2026 dates).
HOLIDAYS = [{"day": "2026-03-19", "name": "Nyepi"}, {"day": "2026-03-20", "name": "Cuti"}]


@pytest.fixture
def holidays(tmp_path: Path) -> Path:
    path = tmp_path / "holidays.json"
    path.write_text(json.dumps(HOLIDAYS))
    return path


def working_days(start: date, count: int, skip: set[date] = frozenset()) -> list[date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5 and day.isoformat() not in {h["day"] for h in HOLIDAYS} | {
            d.isoformat() for d in skip
        }:
            days.append(day)
        day += timedelta(days=1)
    return days


async def absent(h: DisciplineHarness, day: date, *, excused: bool = False, nip: str = ASN):
    return await h.deliver(
        AbsenceRecorded(nip=nip, date=day, excused=excused), source="/agencies/absensi"
    )


async def test_each_row_of_the_absence_table_opens_one_case(database_url, holidays):
    async with discipline_harness(database_url, holidays) as h:
        await h.profile(ASN, SUPERIOR)
        await absent(h, date(2026, 3, 2))
        await absent(h, date(2026, 3, 3))
        await absent(h, date(2026, 3, 4), excused=True)  # sick note: not counted
        await absent(h, date(2026, 3, 7))  # a Saturday: not a working day
        await absent(h, date(2026, 3, 19))  # Nyepi
        assert await h.events("DisciplinaryCaseOpened") == []
        third = await absent(h, date(2026, 3, 5))
        [opened] = await h.events("DisciplinaryCaseOpened")
        data = opened["data"]
        assert (data["nip"], data["examiner_nip"], data["origin"]) == (ASN, SUPERIOR, "KEHADIRAN")
        assert data["estimated_tingkat"] == "RINGAN" and data["origin_event_id"] == third.id
        assert "PP 94/2021 Pasal 9 ayat (2) huruf b angka 1" in data["legal_basis"]
        assert opened["correlationid"] == third.correlation_id
        await absent(h, date(2026, 3, 5))  # the attendance system reports the day again
        assert await h.events("DisciplinaryCaseOpened") == []
        await absent(h, date(2026, 3, 6))  # 4 days: teguran tertulis
        [second] = await h.events("DisciplinaryCaseOpened")
        case = await h.call("GET", f"/discipline/cases/{second['data']['case_id']}")
        assert (case["required_jenis"], case["status"]) == ("TEGURAN_TERTULIS", "OPEN")


async def test_ten_working_days_in_a_row_across_a_holiday_is_dismissal(database_url, holidays):
    async with discipline_harness(database_url, holidays) as h:
        await h.profile(ASN, SUPERIOR)
        days = working_days(date(2026, 3, 11), 10)  # 11 March .. 26 March, over 19-20 March
        assert date(2026, 3, 19) not in days and days[-1] == date(2026, 3, 26)
        for day in days:
            await absent(h, day)
        opened = [e["data"] for e in await h.events("DisciplinaryCaseOpened")]
        # Rows 3, 4-6 and 7-10 of the cumulative table, then the consecutive rule.
        assert [o["estimated_tingkat"] for o in opened] == ["RINGAN"] * 3 + ["BERAT"]
        run = opened[-1]
        assert "PP 94/2021 Pasal 11 ayat (2) huruf d angka 4" in run["legal_basis"]
        assert "10 hari kerja berturut-turut" in run["pelanggaran"]


async def test_a_break_in_the_run_keeps_it_below_ten(database_url, holidays):
    async with discipline_harness(database_url, holidays) as h:
        await h.profile(ASN, SUPERIOR)
        days = working_days(date(2026, 3, 11), 10)
        for day in days[:5] + days[6:]:
            await absent(h, day)
        await absent(h, days[5], excused=True)
        tingkat = [e["data"]["estimated_tingkat"] for e in await h.events("DisciplinaryCaseOpened")]
        assert tingkat == ["RINGAN"] * 3  # 9 unexcused days: rows 3, 4-6, 7-10; no dismissal


async def test_a_case_waits_for_the_profile_that_names_the_examiner(database_url, holidays):
    async with discipline_harness(database_url, holidays) as h:
        for day in working_days(date(2026, 3, 2), 3):
            await absent(h, day)
        assert await h.events("DisciplinaryCaseOpened") == []
        waiting = await h.call("GET", "/units/dinkes/discipline")
        assert waiting["cases"] == []  # no unit known yet either
        await h.profile(ASN, SUPERIOR)
        [opened] = await h.events("DisciplinaryCaseOpened")
        assert opened["data"]["examiner_nip"] == SUPERIOR
        unit = await h.call("GET", "/units/dinkes/discipline")
        assert [c["status"] for c in unit["cases"]] == ["OPEN"]


def resolved(outcome: str, complaint_id: str = "LAPOR-77") -> ComplaintResolved:
    return ComplaintResolved(
        complaint_id=complaint_id,
        channel="SP4N_LAPOR",
        receipt_number="TT-2026-0077",
        unit_id="dinkes",
        subject_nip=ASN,
        category="Pelayanan",
        outcome=outcome,
        decided_on=date(2026, 3, 10),
        notify_due=date(2026, 3, 24),
    )


async def test_a_substantiated_complaint_opens_a_case_for_the_officers_superior(database_url):
    async with discipline_harness(database_url) as h:
        await h.profile(ASN, SUPERIOR)
        await h.deliver(resolved("TIDAK_TERBUKTI", "LAPOR-76"), source="/asn-kinerja/feedback")
        assert await h.events("DisciplinaryCaseOpened") == []
        cause = await h.deliver(resolved("TERBUKTI"), source="/asn-kinerja/feedback")
        await h.deliver(resolved("TERBUKTI"), source="/asn-kinerja/feedback")  # a new event id
        [opened] = await h.events("DisciplinaryCaseOpened")
        data = opened["data"]
        assert (data["origin"], data["examiner_nip"], data["origin_event_id"]) == (
            "PENGADUAN",
            SUPERIOR,
            cause.id,
        )
        assert "estimated_tingkat" not in data  # the level follows the impact: examined first
        assert "UU 25/2009 Pasal 41 ayat (2)" in data["legal_basis"]


async def test_a_missed_complaint_deadline_opens_a_case_against_the_responsible(database_url):
    async with discipline_harness(database_url) as h:
        await h.profile(DESK, SUPERIOR)
        missed = ComplaintDeadlineMissed(
            complaint_id="LAPOR-78",
            channel="SP4N_LAPOR",
            receipt_number="TT-2026-0078",
            unit_id="dinkes",
            deadline="VERIFIKASI_LAPOR",
            due_date=date(2026, 3, 5),
            responsible_nip=DESK,
            responsible_position="Pengelola Pengaduan",
            article_breached="SP4N-LAPOR! verifikasi 3 hari kerja",
            sanction_basis="UU 25/2009 Pasal 54 ayat (7)",
            detected_at=datetime(2026, 3, 6, 1, tzinfo=UTC),
        )
        await h.deliver(missed, source="/asn-kinerja/feedback")
        [opened] = await h.events("DisciplinaryCaseOpened")
        assert (opened["data"]["nip"], opened["data"]["origin"]) == (DESK, "LAINNYA")
        assert "UU 25/2009 Pasal 54 ayat (7)" in opened["data"]["legal_basis"]


async def test_a_profile_applied_alongside_the_case_is_found_by_a_later_look(database_url):
    """The consumer applies messages concurrently: the profile's transaction may see no case
    while the case's sees no profile. A timer looks again after both have committed."""
    async with discipline_harness(database_url) as h:
        await h.deliver(resolved("TERBUKTI"), source="/asn-kinerja/feedback")
        async with h.sessions.begin() as session:  # the profile, as if applied concurrently
            await session.execute(
                employees.insert().values(
                    nip=ASN,
                    unit_id="dinkes",
                    position_type="FUNGSIONAL",
                    supervisor_nip=SUPERIOR,
                    profile_time=datetime.now(UTC),
                    profile_event_id="concurrent-profile",
                )
            )
        assert await h.events("DisciplinaryCaseOpened") == []
        assert await h.advance_to(datetime.now(UTC) + timedelta(seconds=11)) == 1
        [opened] = await h.events("DisciplinaryCaseOpened")
        assert opened["data"]["examiner_nip"] == SUPERIOR
