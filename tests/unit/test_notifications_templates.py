"""Notifications: every mail template about a person, for each recipient role, rendered from the
catalog's example events (asn_shared/catalog/examples), with the content each recipient needs."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import asn_shared.catalog as catalog
from asn_notifications.adapters.rendering import MailRenderer
from asn_notifications.domain import wording
from asn_notifications.domain import wording_discipline as discipline
from asn_notifications.domain.recipients import Person
from asn_notifications.domain.templates import TEMPLATE_ROLES, TEMPLATES
from asn_shared.catalog.assessment_events import (
    KeputusanKeberatanPenilaian,
    PendekatanSkp,
    PerformancePlanApproved,
    PerformanceRated,
    RatingObjectionDecided,
)
from asn_shared.catalog.feedback_events import (
    ComplaintDeadlineMissed,
    ComplaintResolved,
    TenggatPengaduan,
)
from asn_shared.catalog.sanctions_events import (
    AsalKasus,
    CoachingCompleted,
    CoachingStarted,
    DisciplinaryCaseOpened,
    HearingScheduled,
    JenisMutasi,
    ModePemeriksaan,
    ObjectionDecided,
    RewardGranted,
    RotationRecommended,
    SanctionImposed,
    TrainingRecommended,
)
from asn_shared.catalog.vocabulary import (
    JenisHukuman,
    KeputusanUpayaAdministratif,
    TingkatHukuman,
    UpayaAdministratif,
)

EXAMPLES = Path(catalog.__file__).parent / "examples"
ASN_NAME, SUP_NAME, OTHER_NAME = "Rina Wulandari", "Agus Prasetyo", "Dewi Lestari"
SUP_NIP = "198110172006042003"  # the examiner and the punishing official of the examples
NAMES = {"ASN": ASN_NAME, "SUPERVISOR": SUP_NAME, "HR_OFFICER": OTHER_NAME, "OFFICIAL": OTHER_NAME}
ASN_SUP, FOLLOW_UP = {"ASN", "SUPERVISOR"}, {"ASN", "SUPERVISOR", "HR_OFFICER"}
DISCIPLINE = {"ASN", "OFFICIAL", "HR_OFFICER"}

# Every event kind that concerns a person: its template and the roles it is mailed to.
EVENT_TEMPLATES: dict[type, tuple[str, set[str]]] = {
    PerformanceRated: ("penilaian_kinerja", ASN_SUP),
    PerformancePlanApproved: ("skp_disetujui", {"ASN"}),
    RatingObjectionDecided: ("keputusan_keberatan_penilaian", ASN_SUP),
    CoachingStarted: ("pembinaan_kinerja", FOLLOW_UP),
    CoachingCompleted: ("pembinaan_selesai", FOLLOW_UP),
    RewardGranted: ("penghargaan", ASN_SUP),
    TrainingRecommended: ("rekomendasi_pelatihan", FOLLOW_UP),
    RotationRecommended: ("rekomendasi_mutasi", FOLLOW_UP),
    DisciplinaryCaseOpened: ("kasus_disiplin", DISCIPLINE),
    HearingScheduled: ("panggilan_pemeriksaan", DISCIPLINE),
    SanctionImposed: ("hukuman_disiplin", DISCIPLINE),
    ObjectionDecided: ("keputusan_upaya_administratif", DISCIPLINE),
    ComplaintDeadlineMissed: ("tenggat_pengaduan_terlewat", ASN_SUP),
}
# Events naming a person that no person template answers, and why.
NOT_PERSON_MAIL = {
    "AbsenceRecorded": "raw attendance; a DisciplinaryCaseOpened follows when it counts",
    "AssessmentSubmitted": "an input to the rating; PerformanceRated is mailed",
    "CitizenFeedbackSummarized": "evidence for the evaluator, not a notice",
    "CitizenRatingSubmitted": "a citizen's input",
    "ComplaintReceived": "the complainant's receipt (tanda_terima_pengaduan)",
    "ComplaintVerified": "the complainant's progress notice (perkembangan_pengaduan)",
    "ComplaintResolved": "perkembangan_pengaduan, and pengaduan_terbukti to the superior",
    "EmployeeProfileUpdated": "the people copy",
    "IndicatorMeasured": "an input to the rating",
    "NotificationFailed": "our own outcome",
    "NotificationSent": "our own outcome",
    "OrganizationPerformanceRated": "about a unit",
}
# The officials' and people's acts (docs/events-beyond-v1.md) are the audit log's record of who
# did what, each naming its `actor_nip`; the outcome events an act causes (a HearingScheduled, a
# SanctionImposed) are the ones mailed.
ACT_FIELD = "actor_nip"


@pytest.fixture(scope="module")
def renderer() -> MailRenderer:
    return MailRenderer(ZoneInfo("Asia/Jakarta"))


def load(model: type, **changes: Any) -> Any:
    """The catalog's example of `model`, validated, with `changes` applied."""
    data = json.loads((EXAMPLES / f"{model.routing_key()}.json").read_text())["data"]
    return model.model_validate({**data, **changes})


def people(data: Any) -> tuple[Person, Person]:
    nip = getattr(data, "responsible_nip", None) or getattr(data, "nip", None) or data.subject_nip
    unit = getattr(data, "unit_id", "kec-maulafa")
    asn = Person(
        nip, ASN_NAME, "rina@kec.go.id", SUP_NIP, unit, "Kecamatan Maulafa", "Analis SDM Aparatur"
    )
    sup = Person(SUP_NIP, SUP_NAME, "agus@kec.go.id", None, unit, "Kecamatan Maulafa", "Camat")
    return asn, sup


def render(renderer: MailRenderer, template: str, role: str, data: Any, profiles: bool = True):
    asn, sup = people(data) if profiles else (None, None)
    name = NAMES[role] if profiles else None
    return renderer.render(
        template, role=role, data=data, asn=asn, supervisor=sup, recipient_name=name
    )


def flat(text: str) -> str:
    return " ".join(text.split())


C = pytest.param
SKP_REVISED = {"revision": 2, "approver_nip": SUP_NIP}
CHANGED = {
    "outcome": "MENGUBAH",
    "rating_hasil_kerja": "SESUAI_EKSPEKTASI",
    "predikat": "BAIK",
}
IMPROVED = {"improved": True, "latest_predikat": "BAIK"}
TEMPORARY = {"jenis_mutasi": "PENEMPATAN_SEMENTARA", "placement_until": "2027-09-15"}
SECOND_VIRTUAL = {  # 17.30 UTC is 00.30 the next day in Jakarta
    "summons": 2,
    "scheduled_at": "2026-05-05T17:30:00+00:00",
    "mode": "VIRTUAL",
    "location": None,
    "tim_pemeriksa": True,
}
DISMISSAL = {
    "tingkat": "BERAT",
    "jenis": "PEMBERHENTIAN_DH_TAPS",
    "upaya_administratif": "BANDING_BPASN",
    "without_examination": True,
}
DEFERRAL = {
    "tingkat": "SEDANG",
    "jenis": "PENUNDAAN_KGB_1T",
    "upaya_administratif": "KEBERATAN_PPK",
}
REVOKED = {"outcome": "MENCABUT", "resulting_tingkat": None, "resulting_jenis": None}
BANDING = {
    "upaya_administratif": "BANDING_BPASN",
    "decided_by_nip": None,
    "outcome": "MEMPERINGAN",
    "original_jenis": "PEMBERHENTIAN_DH_TAPS",
    "resulting_tingkat": "BERAT",
    "resulting_jenis": "PEMBEBASAN_JABATAN_12B",
}
LATE = {"upaya_administratif": "KEBERATAN_PPK", "outcome": "TIDAK_DAPAT_DITERIMA"}
RESPONSE = {
    "deadline": "RESPON_KELENGKAPAN",
    "article_breached": "UU 25/2009 Pasal 44(3)",
    "sanction_basis": "UU 25/2009 Pasal 54(5)",
}
DISCIPLINE_TEXT = (
    "Tidak masuk kerja tanpa alasan yang sah secara kumulatif 5 hari kerja dalam tahun 2026"
)

# (template, model, changes, role, subject, in the body, not in the body)
# fmt: off
CASES = [
    C("penilaian_kinerja", PerformanceRated, {}, "ASN",
      "Hasil Penilaian Kinerja Anda Periode Triwulan III 2026",
      ["Yth. Bapak/Ibu Rina Wulandari", "Predikat Kinerja : Butuh Perbaikan", "5 Oktober 2026",
       "Pasal 59"],
      ["BUTUH_PERBAIKAN"], id="rated-asn"),
    C("penilaian_kinerja", PerformanceRated, {}, "SUPERVISOR",
      "Hasil Penilaian Kinerja Pegawai Rina Wulandari Periode Triwulan III 2026",
      ["Yth. Bapak/Ibu Agus Prasetyo,", "NIP : 198703122010011004", "Pasal 30"],
      [], id="rated-sup"),
    C("penghargaan", RewardGranted, {}, "ASN",
      "Selamat, Anda Memperoleh Prioritas Talent Pool Periode Tahun 2025",
      ["PGH-DINKES-KPH-2026-002", "27 Februari 2026", "PP 30/2019 Pasal 53(1)"],
      [], id="reward-asn"),
    C("penghargaan", RewardGranted, {}, "SUPERVISOR",
      "Pemberian Prioritas Talent Pool kepada Rina Wulandari Periode Tahun 2025",
      ["Yth. Bapak/Ibu Agus Prasetyo,", "Predikat Kinerja : Sangat Baik"],
      [], id="reward-sup"),
    C("skp_disetujui", PerformancePlanApproved, {}, "ASN",
      "SKP Anda Periode Tahun 2026 Telah Disetujui",
      ["Yth. Bapak/Ibu Rina Wulandari", "Nomor SKP : SKP-2026-198703122010011004",
       "Pendekatan : Kuantitatif", "Rencana Hasil Kerja utama : 3",
       "Rencana Hasil Kerja tambahan : 1", "Indikator Kinerja Individu : 3",
       "Disetujui oleh : NIP 197501012000031002", "Tanggal persetujuan : 14 Januari 2026",
       "Pasal 27 ayat (1)"],
      ["Pasal 28", "KUANTITATIF"], id="skp-asn"),
    C("skp_disetujui", PerformancePlanApproved, SKP_REVISED, "ASN",
      "Perubahan SKP Anda Periode Tahun 2026 Telah Disetujui",
      ["Perubahan ke : 2", "Agus Prasetyo (NIP 198110172006042003)",
       "PP Nomor 30 Tahun 2019 Pasal 28"],
      [], id="skp-revised"),
    C("keputusan_keberatan_penilaian", RatingObjectionDecided, {}, "ASN",
      "Keputusan atas Keberatan Penilaian Kinerja Anda Periode Triwulan III 2026",
      ["KEB-PKM-KTB2-2026-007", "Tanggal pengajuan : 9 Oktober 2026",
       "Tanggal keputusan : 16 Oktober 2026", "Diputus oleh : NIP 196912151994031005",
       "Keputusan : Memperkuat hasil penilaian kinerja", "Rating Hasil Kerja : Di Bawah Ekspektasi",
       "Predikat Kinerja : Butuh Perbaikan", "bersifat final", "PP 30/2019 Pasal 59"],
      ["Predikat sebelumnya"], id="objection-rating-asn"),
    C("keputusan_keberatan_penilaian", RatingObjectionDecided, CHANGED, "SUPERVISOR",
      "Keputusan Keberatan atas Penilaian Kinerja Rina Wulandari Periode Triwulan III 2026",
      ["Yth. Bapak/Ibu Agus Prasetyo,", "Mengubah dan menetapkan hasil penilaian kinerja",
       "Rating Hasil Kerja : Sesuai Ekspektasi", "Predikat Kinerja : Baik",
       "Predikat sebelumnya : Butuh Perbaikan", "menggantikan hasil penilaian sebelumnya"],
      ["Pasal 30 sampai"], id="objection-rating-sup"),
    C("pembinaan_kinerja", CoachingStarted, {}, "ASN",
      "Pemberitahuan Konseling Kinerja Periode Tahun 2025",
      ["PBK-PKM-KPH-2026-003", "Batas waktu perbaikan : 10 Agustus 2026", "PP 30/2019 Pasal 58(1)",
       "bersifat rahasia"],
      [], id="coaching-asn"),
    C("pembinaan_kinerja", CoachingStarted, {}, "SUPERVISOR",
      "Pelaksanaan Konseling Kinerja bagi Rina Wulandari Periode Tahun 2025",
      ["Yth. Bapak/Ibu Agus Prasetyo,", "mencatat setiap pertemuan"],
      [], id="coaching-sup"),
    C("pembinaan_kinerja", CoachingStarted, {}, "HR_OFFICER",
      "Pencatatan Konseling Kinerja bagi Rina Wulandari Periode Tahun 2025",
      ["Yth. Bapak/Ibu Dewi Lestari,", "Unit kerja : Kecamatan Maulafa",
       "Tanggal mulai : 10 Februari 2026", "10 Agustus 2026",
       "uji kompetensi kembali perlu dipersiapkan", "Pasal 57 dan Pasal 58"],
      ["mencatat setiap pertemuan", "Kinerja Anda"], id="coaching-hr"),
    C("pembinaan_selesai", CoachingCompleted, {}, "ASN",
      "Hasil Pembinaan Kinerja Anda Periode Tahun 2025: Kinerja Belum Membaik",
      ["Tanggal selesai : 10 Agustus 2026", "Hasil : Kinerja belum membaik",
       "Predikat Kinerja terakhir : Kurang/Misconduct", "uji kompetensi kembali",
       "Pasal 57 dan Pasal 58 ayat (2)", "paling lama 1 (satu) tahun (Pasal 58 ayat (4))",
       "PP 30/2019 Pasal 58(2)"],
      [], id="coaching-done-asn"),
    C("pembinaan_selesai", CoachingCompleted, {}, "SUPERVISOR",
      "Hasil Pembinaan Kinerja Rina Wulandari Periode Tahun 2025: Kinerja Belum Membaik",
      ["Yth. Bapak/Ibu Agus Prasetyo,", "dokumentasi pembinaan kinerja", "Pasal 58 ayat (2)"],
      [], id="coaching-done-sup"),
    C("pembinaan_selesai", CoachingCompleted, {}, "HR_OFFICER",
      "Hasil Pembinaan Kinerja Rina Wulandari Periode Tahun 2025: Kinerja Belum Membaik",
      ["uji kompetensi kembali dijadwalkan", "Pasal 48", "Pasal 58 ayat (5)"],
      [], id="coaching-done-hr"),
    C("pembinaan_selesai", CoachingCompleted, IMPROVED, "ASN",
      "Hasil Pembinaan Kinerja Anda Periode Tahun 2025: Kinerja Membaik",
      ["Hasil : Kinerja membaik", "ditutup", "Predikat Kinerja terakhir : Baik"],
      ["uji kompetensi"], id="coaching-improved"),
    C("rekomendasi_pelatihan", TrainingRecommended, {}, "ASN",
      "Rekomendasi Pelatihan bagi Anda Periode Tahun 2025",
      ["REK-PKM-KPH-2026-011", "- Komunikasi terapeutik",
       "- Pelayanan prima (Berorientasi Pelayanan)", "Nomor kasus pembinaan : PBK-PKM-KPH-2026-003",
       "Predikat Kinerja : Kurang/Misconduct", "Tanggal rekomendasi : 12 Agustus 2026",
       "PP 30/2019 Pasal 34(2)"],
      [], id="training-asn"),
    C("rekomendasi_pelatihan", TrainingRecommended, {}, "SUPERVISOR",
      "Rekomendasi Pelatihan bagi Rina Wulandari Periode Tahun 2025",
      ["Yth. Bapak/Ibu Agus Prasetyo,", "memberi kesempatan", "- Komunikasi terapeutik"],
      [], id="training-sup"),
    C("rekomendasi_pelatihan", TrainingRecommended, {}, "HR_OFFICER",
      "Rekomendasi Pelatihan bagi Rina Wulandari Periode Tahun 2025",
      ["rencana pengembangan kompetensi", "PP 30/2019 Pasal 34(2)"],
      [], id="training-hr"),
    C("rekomendasi_mutasi", RotationRecommended, {}, "ASN",
      "Rekomendasi Mutasi Jabatan bagi Anda",
      ["REK-PKM-KPH-2026-014", "Jabatan saat ini : Perawat Ahli Pertama",
       "Jenis mutasi : Pemindahan ke jabatan yang sesuai dengan kompetensi",
       "Uji kompetensi kembali : 8 September 2026", "Tanggal rekomendasi : 15 September 2026",
       "Pasal 58 ayat (3)", "PP 30/2019 Pasal 58(3)"],
      ["Penempatan sampai"], id="rotation-asn"),
    C("rekomendasi_mutasi", RotationRecommended, TEMPORARY, "SUPERVISOR",
      "Rekomendasi Mutasi Jabatan bagi Rina Wulandari",
      ["Jenis mutasi : Penempatan sementara pada jabatan tertentu",
       "Penempatan sampai dengan : 15 September 2027", "paling lama 1 (satu) tahun",
       "Pasal 58 ayat (4)", "diberhentikan dengan hormat (Pasal 58 ayat (5))"],
      [], id="rotation-temporary"),
    C("rekomendasi_mutasi", RotationRecommended, TEMPORARY, "HR_OFFICER",
      "Rekomendasi Mutasi Jabatan bagi Rina Wulandari",
      ["Pasal 48", "batas akhir penempatan sementara", "15 September 2027"],
      [], id="rotation-hr"),
    C("kasus_disiplin", DisciplinaryCaseOpened, {}, "ASN",
      "Pemberitahuan Dugaan Pelanggaran Disiplin (Nomor Kasus HD-DUKCAPIL-SKA-2026-002)",
      ["Asal kasus : Ketidakhadiran tanpa alasan yang sah",
       f"Dugaan pelanggaran : {DISCIPLINE_TEXT}",
       "Perkiraan tingkat hukuman : Hukuman disiplin ringan",
       "Pemeriksa : Agus Prasetyo (NIP 198110172006042003), atasan langsung",
       "Tanggal kasus dibuka : 16 April 2026", "Pasal 26", "(Pasal 32)",
       "bukan keputusan hukuman disiplin", "PP 94/2021 Pasal 4 huruf f"],
      ["KEHADIRAN"], id="case-asn"),
    C("kasus_disiplin", DisciplinaryCaseOpened, {}, "OFFICIAL",
      ("Pemeriksaan Dugaan Pelanggaran Disiplin Rina Wulandari (Nomor Kasus "
       "HD-DUKCAPIL-SKA-2026-002)"),
      ["Yth. Bapak/Ibu Dewi Lestari,", "7 (tujuh) hari kerja", "Pasal 26 ayat (2)", "(Pasal 28)"],
      [], id="case-official"),
    C("kasus_disiplin", DisciplinaryCaseOpened, {"estimated_tingkat": "BERAT"}, "HR_OFFICER",
      ("Pencatatan Dugaan Pelanggaran Disiplin Rina Wulandari (Nomor Kasus "
       "HD-DUKCAPIL-SKA-2026-002)"),
      ["Hukuman disiplin berat", "wajib dilakukan oleh tim pemeriksa", "Pasal 29", "(Pasal 31)"],
      [], id="case-hr-berat"),
    C("panggilan_pemeriksaan", HearingScheduled, {}, "ASN",
      "Panggilan Pertama Pemeriksaan Disiplin pada 24 April 2026",
      ["PANGGILAN PERTAMA", "Panggilan : Panggilan pertama", "Tanggal panggilan : 17 April 2026",
       "Hari, tanggal : Jumat, 24 April 2026", "Waktu : pukul 09.00 WIB",
       "Cara pemeriksaan : Tatap muka",
       "Tempat : Ruang Rapat Bidang Pelayanan Pendaftaran Penduduk, Disdukcapil Kota Surakarta",
       "- Agus Prasetyo (NIP 198110172006042003)",
       "secara tertutup (PP Nomor 94 Tahun 2021 Pasal 27)", "Pasal 26 ayat (3)",
       "tanpa dilakukan pemeriksaan (Pasal 26)", "PP 94/2021 Pasal 26(2)"],
      ["Tim pemeriksa"], id="hearing-asn"),
    C("panggilan_pemeriksaan", HearingScheduled, SECOND_VIRTUAL, "ASN",
      "Panggilan Kedua Pemeriksaan Disiplin pada 6 Mei 2026",
      ["PANGGILAN KEDUA", "Hari, tanggal : Rabu, 6 Mei 2026", "Waktu : pukul 00.30 WIB",
       "Cara pemeriksaan : Virtual (daring)",
       "Tautan pertemuan : akan diberitahukan oleh pemeriksa", "Tim pemeriksa : Ya",
       "Ini adalah panggilan kedua",
       "tanpa dilakukan pemeriksaan (PP Nomor 94 Tahun 2021 Pasal 26)"],
      ["Pasal 26 ayat (3)", "5 Mei 2026"], id="hearing-second"),
    C("panggilan_pemeriksaan", HearingScheduled, {}, "OFFICIAL",
      "Jadwal Pemeriksaan Disiplin Rina Wulandari pada 24 April 2026 (Panggilan Pertama)",
      ["Yth. Bapak/Ibu Dewi Lestari,", "dilaporkan secara hierarki", "Waktu : pukul 09.00 WIB",
       "Pasal 26 ayat (3)"],
      [], id="hearing-official"),
    C("panggilan_pemeriksaan", HearingScheduled, SECOND_VIRTUAL, "HR_OFFICER",
      "Pencatatan Panggilan Kedua Pemeriksaan Disiplin Rina Wulandari",
      ["unsur kepegawaian", "Pasal 29", "Pejabat yang Berwenang Menghukum", "Rabu, 6 Mei 2026"],
      [], id="hearing-hr"),
    C("hukuman_disiplin", SanctionImposed, {}, "ASN",
      "Keputusan Hukuman Disiplin Nomor 800.1.6.3/117/Disdukcapil/2026",
      ["Nomor keputusan : 800.1.6.3/117/Disdukcapil/2026",
       "Tingkat hukuman : Hukuman disiplin ringan", "Jenis hukuman : Teguran tertulis",
       f"Pelanggaran : {DISCIPLINE_TEXT}", "Tanggal keputusan : 28 April 2026",
       "tanggal 20 Mei 2026", "Pasal 37 ayat (3)",
       "hari ke-15 (kelima belas) sejak keputusan diterima", "Tahun 2021 Pasal 38",
       "Keberatan kepada atasan Pejabat yang menetapkan keputusan",
       "PP Nomor 79 Tahun 2021 Pasal 3 ayat (3)", "Pasal 7", "14 (empat belas) hari kerja",
       "21 (dua puluh satu) hari kerja (Pasal 8)"],
      ["TEGURAN_TERTULIS", "BPASN", "tanpa dilakukan pemeriksaan"], id="sanction-asn"),
    C("hukuman_disiplin", SanctionImposed, DISMISSAL, "ASN",
      "Keputusan Hukuman Disiplin Nomor 800.1.6.3/117/Disdukcapil/2026",
      ["Hukuman disiplin berat",
       "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
       "tanpa dilakukan pemeriksaan", "Badan Pertimbangan ASN (BPASN)",
       "(PP Nomor 79 Tahun 2021 Pasal 11)", "65 (enam puluh lima) hari kerja", "(Pasal 28)"],
      ["Pasal 7"], id="sanction-dismissal"),
    C("hukuman_disiplin", SanctionImposed, DEFERRAL, "HR_OFFICER",
      "Pencatatan Hukuman Disiplin Rina Wulandari Nomor 800.1.6.3/117/Disdukcapil/2026",
      ["Penundaan kenaikan gaji berkala selama 1 tahun", "Hukuman disiplin sedang", "Pasal 42",
       "PP Nomor 53 Tahun 2010 Pasal 7 ayat (3)", "Keberatan kepada Pejabat Pembina Kepegawaian",
       "(PP Nomor 79 Tahun 2021 Pasal 4)", "data kepegawaian"],
      [], id="sanction-hr"),
    C("hukuman_disiplin", SanctionImposed, {}, "OFFICIAL",
      ("Penyampaian Keputusan Hukuman Disiplin Nomor 800.1.6.3/117/Disdukcapil/2026 kepada Rina "
       "Wulandari"),
      ["paling lambat tanggal 20 Mei 2026", "dikirimkan kepadanya", "Pasal 37"],
      [], id="sanction-official"),
    C("keputusan_upaya_administratif", ObjectionDecided, {}, "ASN",
      "Keputusan atas Keberatan Anda Nomor KEB-DUKCAPIL-SKA-2026-001",
      ["Nomor keberatan : KEB-DUKCAPIL-SKA-2026-001", "Nomor kasus : HD-DUKCAPIL-SKA-2026-002",
       "Diputus oleh : NIP 197208091998031004", "Tanggal keputusan : 8 Juni 2026",
       "Keputusan : Memperkuat keputusan hukuman disiplin", "Hukuman semula : Teguran tertulis",
       "Hukuman yang berlaku : Teguran tertulis (hukuman disiplin ringan)", "Pasal 38",
       "PP 79/2021 Pasal 8(4)"],
      ["Pengadilan"], id="remedy-asn"),
    C("keputusan_upaya_administratif", ObjectionDecided, REVOKED, "HR_OFFICER",
      "Pencatatan Keputusan Keberatan Rina Wulandari Nomor KEB-DUKCAPIL-SKA-2026-001",
      ["Keputusan : Mencabut keputusan hukuman disiplin", "Hukuman yang berlaku : Tidak ada",
       "hukuman disiplin teguran tertulis tidak berlaku", "disesuaikan"],
      [], id="remedy-revoked"),
    C("keputusan_upaya_administratif", ObjectionDecided, BANDING, "ASN",
      "Keputusan atas Banding Administratif Anda Nomor KEB-DUKCAPIL-SKA-2026-001",
      ["Nomor banding :", "Diputus oleh : Badan Pertimbangan ASN (BPASN)",
       "Keputusan : Memperingan hukuman disiplin",
       "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan (hukuman disiplin",
       "Pasal 16", "Pengadilan Tinggi Tata Usaha Negara (PP Nomor 79 Tahun 2021 Pasal 18)"],
      [], id="remedy-banding"),
    C("keputusan_upaya_administratif", ObjectionDecided, LATE, "OFFICIAL",
      "Keputusan Keberatan Nomor KEB-DUKCAPIL-SKA-2026-001 atas Hukuman Disiplin Rina Wulandari",
      ["Keputusan : Tidak dapat diterima", "Pasal 4 dan Pasal 12",
       "hukuman disiplin semula tetap berlaku", "telah dicatat"],
      [], id="remedy-official"),
    C("tenggat_pengaduan_terlewat", ComplaintDeadlineMissed, {}, "ASN",
      "Tenggat Penanganan Pengaduan Nomor LAPOR-5312-20260302-0417 Terlewat",
      ["Yth. Bapak/Ibu Rina Wulandari", "Penanggung jawab : Sekretaris Kecamatan Maulafa",
       "LAPOR-5312-20260302-0417 (tanda terima TT-JY84-Z7GJ-RVYM)",
       "Unit pelayanan : Kecamatan Maulafa",
       "Tenggat : Keputusan atas pengaduan (60 hari sejak berkas lengkap)",
       "Batas waktu : 4 Mei 2026", "Terdeteksi : 4 Mei 2026 pukul 23.05 WIB",
       "Ketentuan yang dilanggar : UU 25/2009 Pasal 50(1)",
       "UU 25/2009 Pasal 54(7), yaitu pembebasan dari jabatan"],
      [], id="deadline-asn"),
    C("tenggat_pengaduan_terlewat", ComplaintDeadlineMissed, RESPONSE, "SUPERVISOR",
      "Tenggat Penanganan Pengaduan Terlewat oleh Rina Wulandari (Nomor LAPOR-5312-20260302-0417)",
      ["Yth. Bapak/Ibu Agus Prasetyo,", "Tanggapan kelengkapan pengaduan (14 hari sejak diterima)",
       "UU 25/2009 Pasal 44(3)", "pengurangan gaji sebesar satu kali kenaikan gaji berkala",
       "bukti dukung penilaian perilaku kerja"],
      [], id="deadline-sup"),
]
# fmt: on


@pytest.mark.parametrize(
    ("template", "model", "changes", "role", "subject", "present", "absent"), CASES
)
def test_mail_states_what_the_recipient_needs(
    renderer, template, model, changes, role, subject, present, absent
) -> None:
    mail = render(renderer, template, role, load(model, **changes))
    body = flat(mail.body)
    assert mail.subject == subject
    assert [text for text in present if text not in body] == []
    assert [text for text in absent if text in body] == []
    assert "@" not in mail.subject + mail.body and "{{" not in body


@pytest.mark.parametrize(("template", "model", "changes", "role"), [c.values[:4] for c in CASES])
def test_renders_without_profiles_or_names(renderer, template, model, changes, role) -> None:
    mail = render(renderer, template, role, load(model, **changes), profiles=False)
    data = load(model, **changes)
    nip = getattr(data, "responsible_nip", None) or data.nip
    assert mail.body.startswith("Yth. Bapak/Ibu") or mail.body.startswith("PANGGILAN")
    assert "Yth. Bapak/Ibu\n" in mail.body or "Yth. Bapak/Ibu," in mail.body
    assert nip in mail.body and ASN_NAME not in mail.body + mail.subject


def digest(renderer: MailRenderer, role: str, entries: list, name: str | None = "Agus Prasetyo"):
    return renderer.render(
        "ringkasan_harian", role=role, recipient_name=name, day=date(2026, 8, 12), entries=entries
    )


def test_daily_digest_lists_each_entry_with_its_local_time(renderer) -> None:
    entries = [
        SimpleNamespace(
            subject="SKP Anda Periode Tahun 2026 Telah Disetujui",
            template="skp_disetujui",
            created_at=datetime(2026, 8, 11, 3, 0, tzinfo=UTC),  # 10.00 WIB the day before
        ),
        SimpleNamespace(
            subject="Rekomendasi Pelatihan bagi Anda",
            template="rekomendasi_pelatihan",
            created_at=datetime(2026, 8, 12, 2, 15, tzinfo=UTC),
        ),
    ]
    mail = digest(renderer, "SUPERVISOR", entries)
    assert mail.subject == "Ringkasan Pemberitahuan Kinerja 12 Agustus 2026"
    body = flat(mail.body)
    for text in (
        "Yth. Bapak/Ibu Agus Prasetyo,",
        "pegawai di bawah Anda",
        "Rabu, 12 Agustus 2026",
        "1. 11 Agustus 2026 pukul 10.00 WIB - SKP Anda Periode Tahun 2026 Telah Disetujui",
        "2. pukul 09.15 WIB - Rekomendasi Pelatihan bagi Anda",
        "Jumlah: 2 pemberitahuan.",
    ):
        assert text in body
    empty = flat(digest(renderer, "OFFICIAL", [], name=None).body)
    assert "Yth. Bapak/Ibu," in empty and "Tidak ada pemberitahuan" in empty
    assert "Jumlah: 0 pemberitahuan." in empty


def sample_context(template: str, role: str) -> dict[str, Any]:
    """Every template's context with no profile and no name, the worst case it must survive."""
    if template == "ringkasan_harian":
        return {"recipient_name": None, "day": date(2026, 8, 12), "entries": []}
    if template in ("tanda_terima_pengaduan", "perkembangan_pengaduan"):
        return {"complaint_id": "LAPOR-1", "channel": "SP4N-LAPOR!", "category": "Pelayanan",
                "unit_name": "Kecamatan Maulafa", "received_on": date(2026, 5, 4),
                "respond_by": date(2026, 5, 18), "receipt_number": "TT-1", "stage": "LENGKAP",
                "due": date(2026, 7, 3)}  # fmt: skip
    model = {t: m for m, (t, _) in EVENT_TEMPLATES.items()}.get(template, ComplaintResolved)
    return {"data": load(model), "asn": None, "supervisor": None, "recipient_name": None}


@pytest.mark.parametrize(
    ("template", "role"), [(t, r) for t in TEMPLATES for r in sorted(TEMPLATE_ROLES[t])]
)
def test_every_template_renders_for_each_role_with_nothing_known(renderer, template, role) -> None:
    mail = renderer.render(template, role=role, **sample_context(template, role))
    assert mail.subject and "\n" not in mail.subject and "…" not in mail.subject
    assert "@" not in mail.subject + mail.body and "None" not in mail.subject + mail.body


def test_a_role_the_template_does_not_address_is_refused(renderer) -> None:
    with pytest.raises(ValueError, match="does not address"):
        renderer.render("skp_disetujui", role="SUPERVISOR", **sample_context("skp_disetujui", ""))


def test_every_event_kind_about_a_person_has_a_template_for_each_role() -> None:
    about_a_person = {
        m.event_type
        for m in catalog.all_events()
        if any(f.endswith(("nip", "nips")) for f in m.model_fields)
    }
    templated = {m.event_type for m in EVENT_TEMPLATES}
    acts = {m.event_type for m in catalog.all_events() if ACT_FIELD in m.model_fields}
    assert {"NotificationPreferenceChanged", "NotificationRead"} <= acts
    assert not acts & templated, "an act is recorded, the event it causes is the notice"
    assert about_a_person - templated - set(NOT_PERSON_MAIL) - acts == set()
    for template, roles in EVENT_TEMPLATES.values():
        assert template in TEMPLATES and TEMPLATE_ROLES[template] == roles
    assert TEMPLATE_ROLES["ringkasan_harian"] == {"ASN", "SUPERVISOR", "HR_OFFICER", "OFFICIAL"}
    # Each (template, role) has a case above asserting its content.
    tested = {(c.values[0], c.values[3]) for c in CASES}
    assert {(t, r) for t, roles in EVENT_TEMPLATES.values() for r in roles} <= tested


def test_the_notices_catalogue_routes_only_to_templates_and_roles_that_exist() -> None:
    notices = pytest.importorskip("asn_notifications.domain.notices").NOTICES
    for model, kind in notices.items():
        assert kind.template == EVENT_TEMPLATES[model][0]
        assert {a.value for a in kind.audiences} <= TEMPLATE_ROLES[kind.template]


def test_missed_deadline_says_nothing_about_the_complainant(renderer) -> None:
    assert not [f for f in ComplaintDeadlineMissed.model_fields if "complainant" in f]
    for role in ("ASN", "SUPERVISOR"):
        mail = render(renderer, "tenggat_pengaduan_terlewat", role, load(ComplaintDeadlineMissed))
        assert not re.search(r"\bpengadu\b|pelapor|identitas", mail.body, re.IGNORECASE)


@pytest.mark.parametrize(
    ("enum", "table"),
    [
        (PendekatanSkp, wording.PENDEKATAN),
        (KeputusanKeberatanPenilaian, wording.KEPUTUSAN_KEBERATAN),
        (JenisMutasi, wording.JENIS_MUTASI),
        (TenggatPengaduan, wording.TENGGAT_PENGADUAN),
        (TingkatHukuman, discipline.TINGKAT_HUKUMAN),
        (JenisHukuman, discipline.JENIS_HUKUMAN),
        (UpayaAdministratif, discipline.UPAYA_ADMINISTRATIF),
        (KeputusanUpayaAdministratif, discipline.KEPUTUSAN_UPAYA),
        (ModePemeriksaan, discipline.MODE_PEMERIKSAAN),
        (AsalKasus, discipline.ASAL_KASUS),
    ],
)
def test_every_value_has_indonesian_words(enum, table) -> None:
    assert set(table) == set(enum) and all(words and "_" not in words for words in table.values())


def test_time_of_day_in_the_zone_with_its_abbreviation() -> None:
    moment = datetime(2026, 4, 24, 2, 0, tzinfo=UTC)
    assert wording.pukul(moment, ZoneInfo("Asia/Jakarta")) == "pukul 09.00 WIB"
    assert wording.pukul(moment, ZoneInfo("Asia/Makassar")) == "pukul 10.00 WITA"
    assert wording.pukul(moment, ZoneInfo("Asia/Jayapura")) == "pukul 11.00 WIT"
    assert wording.pukul(datetime(2026, 4, 24, 9, 5), ZoneInfo("Asia/Jakarta")) == "pukul 09.05 WIB"
    assert wording.hari(date(2026, 4, 24)) == "Jumat" and discipline.panggilan(2) == "kedua"
