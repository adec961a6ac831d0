"""The demo's cast: four units from the seed articles (shared/seeds/), their supervisors, eight ASN
with the supervisor's ratings covering every predikat, and what the system should do with each.
Data only; asn_deploy.local.demo publishes it.

- Kotabumi:  Dinas Pendidikan Kotabumi (Lampung Utara), teachers of SMP Negeri 1 Kotabumi;
- Surakarta: Dinas Kependudukan dan Pencatatan Sipil Kota Surakarta, the KTP-el counter and its
             online queue app;
- Kepahiang: Dinas Kesehatan Kabupaten Kepahiang, the immunisation programme;
- Maulafa:   Kecamatan Maulafa (Kota Kupang), the PATEN service desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

PERIOD = "2026-Q3"
HR_SOURCE = "/agencies/bkn-siasn"

ATAS, SESUAI, BAWAH = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
# PermenPANRB 6/2022 kuadran (docs/regulation.md 1.5): (hasil kerja, perilaku kerja) -> predikat.
KUADRAN = {
    (ATAS, ATAS): "SANGAT_BAIK",
    (ATAS, SESUAI): "BAIK",
    (ATAS, BAWAH): "KURANG_MISCONDUCT",
    (SESUAI, ATAS): "BAIK",
    (SESUAI, SESUAI): "BAIK",
    (SESUAI, BAWAH): "KURANG_MISCONDUCT",
    (BAWAH, ATAS): "BUTUH_PERBAIKAN",
    (BAWAH, SESUAI): "BUTUH_PERBAIKAN",
    (BAWAH, BAWAH): "SANGAT_KURANG",
}
COACHING = {"BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG"}
REWARD = {"SANGAT_BAIK"}

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")


@dataclass(frozen=True)
class Unit:
    place: str
    unit_id: str
    unit_name: str
    assessment_source: str  # the unit's e-Kinerja application
    tz: timezone


UNITS = {
    "kotabumi": Unit(
        "Kotabumi",
        "disdik-kotabumi",
        "Dinas Pendidikan Kotabumi",
        "/agencies/ekinerja-lampungutara",
        WIB,
    ),
    "surakarta": Unit(
        "Surakarta",
        "disdukcapil-surakarta",
        "Dinas Kependudukan dan Pencatatan Sipil Kota Surakarta",
        "/agencies/ekinerja-surakarta",
        WIB,
    ),
    "kepahiang": Unit(
        "Kepahiang",
        "dinkes-kepahiang",
        "Dinas Kesehatan Kabupaten Kepahiang",
        "/agencies/ekinerja-kepahiang",
        WIB,
    ),
    "maulafa": Unit(
        "Maulafa",
        "kec-maulafa",
        "Kecamatan Maulafa, Kota Kupang",
        "/agencies/ekinerja-kupang",
        WITA,
    ),
}


@dataclass(frozen=True)
class Person:
    nip: str  # 18 digits: birth date, TMT CPNS (yyyymm), sex (1/2), sequence
    name: str
    unit: str  # key of UNITS
    position: str
    position_type: str
    email: str
    phone: str | None = None
    supervisor_nip: str | None = None


SUPERVISORS = [
    Person(
        "196805141994031005",
        "Drs. Suparman Hadi, M.Pd.",
        "kotabumi",
        "Guru Ahli Madya (Kepala SMP Negeri 1 Kotabumi)",
        "FUNGSIONAL",
        "suparman.hadi@lampungutarakab.go.id",
        "081279004512",
    ),
    Person(
        "197206101998031009",
        "Ir. Joko Santoso, M.M.",
        "surakarta",
        "Kepala Bidang Pelayanan Pendaftaran Penduduk",
        "ADMINISTRASI",
        "joko.santoso@surakarta.go.id",
        "081329110276",
    ),
    Person(
        "197810032005012011",
        "dr. Yuliarti Saputri, M.Kes.",
        "kepahiang",
        "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
        "ADMINISTRASI",
        "yuliarti.saputri@kepahiangkab.go.id",
        "082177650931",
    ),
    Person(
        "197409152000121003",
        "Ferdinand Nenobais, S.Sos.",
        "maulafa",
        "Sekretaris Kecamatan Maulafa",
        "ADMINISTRASI",
        "ferdinand.nenobais@kupangkota.go.id",
        "081339421807",
    ),
]
_SUP = {p.unit: p.nip for p in SUPERVISORS}


@dataclass(frozen=True)
class Rating:
    hasil: str
    perilaku: str
    notes: str

    @property
    def predikat(self) -> str:
        return KUADRAN[(self.hasil, self.perilaku)]


STAFF: list[tuple[Person, Rating]] = [
    (
        Person(
            "198503222010012014",
            "Rina Marlina, S.Pd.",
            "kotabumi",
            "Guru Ahli Muda Matematika",
            "FUNGSIONAL",
            "rina.marlina@lampungutarakab.go.id",
            supervisor_nip=_SUP["kotabumi"],
        ),
        Rating(
            ATAS,
            ATAS,
            "Rata-rata nilai matematika kelas IX naik 12 poin; membina tim OSN tingkat "
            "kabupaten dan berbagi modul ajar dengan guru lain.",
        ),
    ),
    (
        Person(
            "199109172019031007",
            "Ahmad Fauzi, S.Pd.",
            "kotabumi",
            "Guru Ahli Pertama Bahasa Indonesia",
            "FUNGSIONAL",
            "ahmad.fauzi@lampungutarakab.go.id",
            supervisor_nip=_SUP["kotabumi"],
        ),
        Rating(
            SESUAI,
            SESUAI,
            "Perangkat ajar lengkap dan tepat waktu; program literasi pagi berjalan.",
        ),
    ),
    (
        Person(
            "198811052011011003",
            "Bambang Sutrisno",
            "surakarta",
            "Pengadministrasi Pelayanan Kependudukan",
            "ADMINISTRASI",
            "bambang.sutrisno@surakarta.go.id",
            supervisor_nip=_SUP["surakarta"],
        ),
        Rating(
            SESUAI,
            BAWAH,
            "Target perekaman KTP-el tercapai, tetapi berulang kali bersikap tidak ramah "
            "kepada pemohon di loket dan mengabaikan antrean daring.",
        ),
    ),
    (
        Person(
            "198907262014022002",
            "Dwi Lestari Handayani, S.Kom.",
            "surakarta",
            "Pranata Komputer Ahli Muda",
            "FUNGSIONAL",
            "dwi.lestari@surakarta.go.id",
            supervisor_nip=_SUP["surakarta"],
        ),
        Rating(
            ATAS,
            SESUAI,
            "Aplikasi antrean daring Disdukcapil stabil; waktu tunggu rata-rata turun "
            "dari 95 menjadi 40 menit.",
        ),
    ),
    (
        Person(
            "199204112020122006",
            "Desi Ratnasari, S.K.M.",
            "kepahiang",
            "Epidemiolog Kesehatan Ahli Pertama",
            "FUNGSIONAL",
            "desi.ratnasari@kepahiangkab.go.id",
            supervisor_nip=_SUP["kepahiang"],
        ),
        Rating(
            BAWAH,
            SESUAI,
            "Cakupan imunisasi dasar lengkap triwulan III 71%, target 85%; "
            "pelaporan dari 4 puskesmas terlambat.",
        ),
    ),
    (
        Person(
            "198612302009031004",
            "Rudi Hartono, A.Md.Kep.",
            "kepahiang",
            "Perawat Mahir (Puskesmas Kepahiang)",
            "FUNGSIONAL",
            "rudi.hartono@kepahiangkab.go.id",
            supervisor_nip=_SUP["kepahiang"],
        ),
        Rating(
            ATAS,
            ATAS,
            "Sweeping imunisasi di 12 desa; cakupan wilayah kerja 96%, tertinggi di kabupaten.",
        ),
    ),
    (
        Person(
            "198401082008011006",
            "Agustinus Tefa",
            "maulafa",
            "Pengadministrasi Umum (Meja Layanan PATEN)",
            "ADMINISTRASI",
            "agustinus.tefa@kupangkota.go.id",
            supervisor_nip=_SUP["maulafa"],
        ),
        Rating(
            BAWAH,
            BAWAH,
            "Sering tidak berada di meja layanan pada jam pelayanan; 23 berkas surat "
            "pengantar tertunda lebih dari 5 hari kerja.",
        ),
    ),
    (
        Person(
            "199306212019032012",
            "Yuliana Sabu, S.AP.",
            "maulafa",
            "Analis Pelayanan",
            "ADMINISTRASI",
            "yuliana.sabu@kupangkota.go.id",
            supervisor_nip=_SUP["maulafa"],
        ),
        Rating(
            SESUAI, ATAS, "Menata alur berkas PATEN dan membantu warga lansia mengisi formulir."
        ),
    ),
]
SELF_ASSESSOR = "199204112020122006"  # Desi Ratnasari assesses herself too
# Her SELF assessment: stored by assessment, no predikat (only the supervisor's counts).
SELF_ASSESSMENT: dict[str, Any] = {
    "rating_hasil_kerja": SESUAI,
    "rating_perilaku_kerja": SESUAI,
    "perilaku": {
        "BERORIENTASI_PELAYANAN": 4,
        "AKUNTABEL": 4,
        "KOMPETEN": 3,
        "HARMONIS": 5,
        "LOYAL": 4,
        "ADAPTIF": 3,
        "KOLABORATIF": 4,
    },
    "notes": "Distribusi vaksin ke puskesmas terhambat rantai dingin; sweeping imunisasi "
    "dijadwalkan ulang pada Oktober.",
}


@dataclass(frozen=True)
class Complaint:
    """A citizen's complaint as an agency's complaint channel sends it (ComplaintReceived data)."""

    source: str
    subject: str
    tz: timezone
    data: dict[str, Any]


def complaints(now: datetime) -> list[Complaint]:
    """A PUBLIK complaint (with an e-mail address) from Surakarta's complaint app about a
    Disdukcapil officer, and a RAHASIA one through SP4N-LAPOR! about the Maulafa service desk."""
    bambang = STAFF[2][0]
    surakarta = Complaint(
        source="/agencies/ulas-surakarta",
        subject=bambang.nip,
        tz=WIB,
        data={
            "complaint_id": "ULAS-2026-11-0917",
            "channel": "ULAS (Unit Layanan Aduan Surakarta)",
            "received_at": _local(now - timedelta(hours=20), WIB),
            "service_date": (now - timedelta(days=2)).astimezone(WIB).date().isoformat(),
            "unit_id": UNITS["surakarta"].unit_id,
            "subject_nip": bambang.nip,
            "category": "Sikap petugas",
            "description": "Saat perekaman KTP-el di loket Disdukcapil, petugas berbicara kasar "
            "dan menyuruh saya datang lagi besok padahal jadwal antrean daring saya sudah "
            "terkonfirmasi.",
            "complainant": {
                "name": "Sri Wahyuni",
                "email": "sri.wahyuni@example.com",
                "phone": "085642118830",
                "privacy": "PUBLIK",
            },
        },
    )
    maulafa = Complaint(
        source="/agencies/sp4n-lapor",
        subject=UNITS["maulafa"].unit_id,
        tz=WITA,
        data={
            "complaint_id": "LAPOR-2026-5571203",
            "channel": "SP4N-LAPOR",
            "received_at": _local(now - timedelta(hours=30), WITA),
            "service_date": (now - timedelta(days=16)).astimezone(WITA).date().isoformat(),
            "unit_id": UNITS["maulafa"].unit_id,
            "subject_nip": None,
            "category": "Pelayanan administrasi kependudukan",
            "description": "Surat keterangan pindah yang saya ajukan di meja layanan Kantor Camat "
            "Maulafa sudah dua minggu belum selesai, dan tidak ada kabar kapan bisa diambil.",
            "complainant": {
                "name": "Marthen Lay",
                "email": "marthen.lay@example.net",
                "phone": "081246730155",
                "privacy": "RAHASIA",
            },
        },
    )
    return [surakarta, maulafa]


def _local(moment: datetime, tz: timezone) -> str:
    return moment.astimezone(tz).isoformat(timespec="seconds")
