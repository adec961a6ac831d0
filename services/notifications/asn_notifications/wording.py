"""The regulation's enumerations and our dates in the Indonesian words a mail uses."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from asn_shared.catalog.sanctions_events import CoachingType, RewardType
from asn_shared.catalog.vocabulary import Predikat, RatingLevel

PREDIKAT = {
    Predikat.SANGAT_BAIK: "Sangat Baik",
    Predikat.BAIK: "Baik",
    Predikat.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    Predikat.KURANG_MISCONDUCT: "Kurang/Misconduct",
    Predikat.SANGAT_KURANG: "Sangat Kurang",
}

RATING = {
    RatingLevel.DI_ATAS_EKSPEKTASI: "Di Atas Ekspektasi",
    RatingLevel.SESUAI_EKSPEKTASI: "Sesuai Ekspektasi",
    RatingLevel.DI_BAWAH_EKSPEKTASI: "Di Bawah Ekspektasi",
}

COACHING = {
    CoachingType.BIMBINGAN_KINERJA: "Bimbingan Kinerja",
    CoachingType.KONSELING_KINERJA: "Konseling Kinerja",
}

REWARD = {
    RewardType.PENGHARGAAN: "Penghargaan",
    RewardType.TALENT_POOL_PRIORITY: "Prioritas Talent Pool",
    RewardType.DEVELOPMENT_PRIORITY: "Prioritas Pengembangan Kompetensi",
}

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def period(value: str) -> str:
    """`2026-Q3` -> `Triwulan III 2026`; `2026-S1` -> `Semester I 2026`; `2026-07` -> `Juli 2026`."""
    year, _, part = value.partition("-")
    if not part:
        return f"Tahun {year}"
    if part[0] == "Q":
        return f"Triwulan {_ROMAN[part[1]]} {year}"
    if part[0] == "S":
        return f"Semester {_ROMAN[part[1]]} {year}"
    return f"{MONTHS[int(part) - 1]} {year}"


def tanggal(day: date) -> str:
    """`2027-03-12` -> `12 Maret 2027`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    """The calendar date in the mail's time zone; a naive time is taken as already local."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(zone).date()


def label(table: dict, value: object) -> str:
    """The Indonesian words for an enumeration value; an unknown value shown as it came."""
    return table.get(value, str(value).replace("_", " ").title())
