"""A unit's declining service (SKM falling, substantiated complaints rising) recommends rotating
its head (seed 000; PP 30/2019 Pasal 34(2)), through the consumer on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from asn_feedback.domain.skm import mutu_for_nik
from asn_shared.catalog.feedback_events import ComplaintResolved, ServiceSatisfactionMeasured
from tests.unit.discipline_harness import DisciplineHarness, discipline_harness

HEAD, STAFF, OUTSIDE = "197501012000031001", "199001012015011001", "196501011990031001"
FEEDBACK = "/asn-kinerja/feedback"
JAKARTA = ZoneInfo("Asia/Jakarta")


async def skm(h: DisciplineHarness, unit: str, period: str, nik: float, on: date) -> None:
    await h.deliver(
        ServiceSatisfactionMeasured(
            unit_id=unit,
            unit_name="Kecamatan Maulafa",
            service_name="KTP-el",
            period=period,
            respondents=120,
            required_sample=80,
            sample_sufficient=True,
            ikm=nik / 25,
            nik=nik,
            mutu=mutu_for_nik(nik),
            measured_at=datetime.combine(on, time(9), JAKARTA),
        ),
        source=FEEDBACK,
    )


async def substantiated(h: DisciplineHarness, unit: str, n: int, on: date, tag: str) -> None:
    for i in range(n):
        await h.deliver(
            ComplaintResolved(
                complaint_id=f"{tag}-{i}",
                channel="LAPOR",
                receipt_number=f"R-{tag}-{i}",
                unit_id=unit,
                category="Layanan KTP",
                outcome="TERBUKTI",
                decided_on=on,
                notify_due=on,
            ),
            source=FEEDBACK,
        )


async def declining_year(h: DisciplineHarness, unit: str) -> None:
    await substantiated(h, unit, 1, date(2025, 9, 1), "a")
    await substantiated(h, unit, 3, date(2026, 3, 1), "b")
    await skm(h, unit, "2025-S1", 90.0, date(2025, 7, 5))  # A
    await skm(h, unit, "2025-S2", 84.0, date(2026, 1, 5))  # B, 1 complaint
    await skm(h, unit, "2026-S1", 78.0, date(2026, 7, 5))  # B, 6 points down, 3 complaints


async def test_the_head_of_a_declining_unit_is_recommended_for_rotation_once(database_url):
    async with discipline_harness(database_url) as h:
        await h.profile(HEAD, OUTSIDE, unit="kec-maulafa", position="Camat Maulafa")
        await h.profile(STAFF, HEAD, unit="kec-maulafa")
        await declining_year(h, "kec-maulafa")

        [rotation] = await h.events("RotationRecommended")
        fields = (
            "nip",
            "period",
            "jenis_mutasi",
            "current_position",
            "recommended_on",
            "legal_basis",
            "case_id",
        )
        assert {k: rotation["data"].get(k) for k in fields} == {
            "nip": HEAD,
            "period": "2026-S1",
            "jenis_mutasi": "JABATAN_SESUAI",
            "current_position": "Camat Maulafa",
            "recommended_on": "2026-07-05",
            "legal_basis": ["PP 30/2019 Pasal 34 ayat (2)"],
            "case_id": None,
        }
        # The same result re-sent with a new id: the recommendation stands, nothing new.
        await skm(h, "kec-maulafa", "2026-S1", 78.0, date(2026, 7, 5))
        assert await h.events("RotationRecommended") == []
        [row] = (await h.call("GET", "/units/kec-maulafa/rotations"))["rotations"]
        assert [p["substantiated_complaints"] for p in row["details"]["history"]] == [0, 1, 3]


async def test_no_rotation_without_rising_complaints_or_a_second_fall(database_url):
    async with discipline_harness(database_url) as h:
        await h.profile(HEAD, OUTSIDE, unit="kec-alak")
        await skm(h, "kec-alak", "2025-S1", 90.0, date(2025, 7, 5))
        await skm(h, "kec-alak", "2025-S2", 84.0, date(2026, 1, 5))
        await skm(h, "kec-alak", "2026-S1", 78.0, date(2026, 7, 5))  # falls, complaints flat
        await substantiated(h, "kec-alak", 2, date(2026, 10, 1), "c")
        await skm(h, "kec-alak", "2026-S2", 79.0, date(2027, 1, 5))  # complaints up, no fall
        assert await h.events("RotationRecommended") == []
        assert (await h.call("GET", "/units/kec-alak/rotations"))["rotations"] == []


async def test_a_unit_without_a_known_head_is_recorded_but_not_published(database_url):
    async with discipline_harness(database_url) as h:
        await h.profile(STAFF, OUTSIDE, unit="kec-oebobo")
        await h.profile(HEAD, OUTSIDE, unit="kec-oebobo")  # two members answer outside: no head
        await declining_year(h, "kec-oebobo")
        assert await h.events("RotationRecommended") == []
        [row] = (await h.call("GET", "/units/kec-oebobo/rotations"))["rotations"]
        assert (row["nip"], row["reason"]) == (None, "UNIT_SERVICE_DECLINE")
