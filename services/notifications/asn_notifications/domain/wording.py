"""The regulation's enumerations and our dates in the Indonesian words a mail uses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from asn_shared.catalog.assessment_events import KeputusanKeberatanPenilaian, PendekatanSkp
from asn_shared.catalog.feedback_events import TenggatPengaduan
from asn_shared.catalog.sanctions_events import CoachingType, JenisMutasi, RewardType
from asn_shared.catalog.vocabulary import Predikat, RatingLevel

K = TypeVar("K")

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

PENDEKATAN = {
    PendekatanSkp.KUANTITATIF: "Kuantitatif",
    PendekatanSkp.KUALITATIF: "Kualitatif",
}

# PP 30/2019 Pasal 59: the superior of the Pejabat Penilai Kinerja confirms, or changes and sets.
KEPUTUSAN_KEBERATAN = {
    KeputusanKeberatanPenilaian.MEMPERKUAT: "Memperkuat hasil penilaian kinerja",
    KeputusanKeberatanPenilaian.MENGUBAH: "Mengubah dan menetapkan hasil penilaian kinerja",
}

# PP 30/2019 Pasal 58(3)-(4).
JENIS_MUTASI = {
    JenisMutasi.JABATAN_SESUAI: "Pemindahan ke jabatan yang sesuai dengan kompetensi",
    JenisMutasi.JABATAN_LEBIH_RENDAH: "Pemindahan ke jabatan yang lebih rendah",
    JenisMutasi.PENEMPATAN_SEMENTARA: "Penempatan sementara pada jabatan tertentu",
}

# The complaint-handling deadlines (docs/regulation.md section 7), with their time limit.
TENGGAT_PENGADUAN = {
    TenggatPengaduan.RESPON_KELENGKAPAN: "Tanggapan kelengkapan pengaduan (14 hari sejak diterima)",
    TenggatPengaduan.KEPUTUSAN: "Keputusan atas pengaduan (60 hari sejak berkas lengkap)",
    TenggatPengaduan.PEMBERITAHUAN_KEPUTUSAN: (
        "Pemberitahuan keputusan kepada pengadu (14 hari sejak diputus)"
    ),
    TenggatPengaduan.VERIFIKASI_LAPOR: "Verifikasi dan disposisi SP4N-LAPOR! (3 hari kerja)",
    TenggatPengaduan.TINDAK_LANJUT_LAPOR: "Tindak lanjut laporan SP4N-LAPOR! (5 hari kerja)",
}

# UU 25/2009 Pasal 54, the sanctions a complaint-handling breach carries, by the article cited.
SANKSI_PELAYANAN = {
    "UU 25/2009 Pasal 54(2)": (
        "teguran tertulis, dan pembebasan dari jabatan apabila dalam 3 (tiga) bulan tidak "
        "melaksanakan kewajibannya"
    ),
    "UU 25/2009 Pasal 54(4)": (
        "teguran tertulis, dan pembebasan dari jabatan apabila dalam 3 (tiga) bulan tidak "
        "melaksanakan kewajibannya"
    ),
    "UU 25/2009 Pasal 54(5)": (
        "pengurangan gaji sebesar satu kali kenaikan gaji berkala untuk paling lama 1 (satu) tahun"
    ),
    "UU 25/2009 Pasal 54(7)": "pembebasan dari jabatan",
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
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def period(value: str) -> str:
    """`2026-Q3` -> `Triwulan III 2026`, `2026-S1` -> `Semester I 2026`, `2026-07` -> `Juli 2026`.

    A bare year is `Tahun 2026`.
    """
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


def hari(day: date) -> str:
    """`2026-04-24` -> `Jumat`."""
    return DAYS[day.weekday()]


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    """The calendar date in the mail's time zone; a naive time is taken as already local."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(zone).date()


def pukul(moment: datetime, zone: ZoneInfo) -> str:
    """`2026-04-24T02:00Z` in Asia/Jakarta -> `pukul 09.00 WIB` (WITA, WIT in the other zones).

    A naive time is taken as already local, like `local_date`.
    """
    local = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
    return f"pukul {local:%H.%M} {local.tzname()}"


def label(table: Mapping[K, str], value: K) -> str:
    """The Indonesian words for an enumeration value; an unknown value shown as it came."""
    return table.get(value, str(value).replace("_", " ").title())
