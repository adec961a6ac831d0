"""Discipline's enumerations in the words of PP 94/2021 and PP 79/2021, for the mails about a
disciplinary case, its hearing, the punishment and the administrative remedy against it."""

from __future__ import annotations

from asn_shared.catalog.sanctions_events import AsalKasus, ModePemeriksaan
from asn_shared.catalog.vocabulary import (
    JenisHukuman,
    KeputusanUpayaAdministratif,
    TingkatHukuman,
    UpayaAdministratif,
)

# PP 94/2021 Pasal 8.
TINGKAT_HUKUMAN = {
    TingkatHukuman.RINGAN: "Ringan",
    TingkatHukuman.SEDANG: "Sedang",
    TingkatHukuman.BERAT: "Berat",
}

# PP 94/2021 Pasal 8(2)-(4); the three PENUNDAAN/PENURUNAN_PANGKAT types are the PP 53/2010
# Pasal 7(3) sedang types that apply until the salary PP takes effect (PP 94/2021 Pasal 42).
JENIS_HUKUMAN = {
    JenisHukuman.TEGURAN_LISAN: "Teguran lisan",
    JenisHukuman.TEGURAN_TERTULIS: "Teguran tertulis",
    JenisHukuman.PERNYATAAN_TIDAK_PUAS: "Pernyataan tidak puas secara tertulis",
    JenisHukuman.POTONG_TUKIN_25_6B: "Pemotongan tunjangan kinerja sebesar 25% selama 6 bulan",
    JenisHukuman.POTONG_TUKIN_25_9B: "Pemotongan tunjangan kinerja sebesar 25% selama 9 bulan",
    JenisHukuman.POTONG_TUKIN_25_12B: "Pemotongan tunjangan kinerja sebesar 25% selama 12 bulan",
    JenisHukuman.PENUNDAAN_KGB_1T: "Penundaan kenaikan gaji berkala selama 1 tahun",
    JenisHukuman.PENUNDAAN_PANGKAT_1T: "Penundaan kenaikan pangkat selama 1 tahun",
    JenisHukuman.PENURUNAN_PANGKAT_1T: "Penurunan pangkat setingkat lebih rendah selama 1 tahun",
    JenisHukuman.PENURUNAN_JABATAN_12B: "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
    JenisHukuman.PEMBEBASAN_JABATAN_12B: (
        "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan"
    ),
    JenisHukuman.PEMBERHENTIAN_DH_TAPS: (
        "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"
    ),
}

# PP 79/2021 Pasal 3-16.
UPAYA_ADMINISTRATIF = {
    UpayaAdministratif.KEBERATAN_PPK: "Keberatan kepada Pejabat Pembina Kepegawaian",
    UpayaAdministratif.KEBERATAN_PEJABAT: (
        "Keberatan kepada atasan Pejabat yang menetapkan keputusan"
    ),
    UpayaAdministratif.BANDING_BPASN: (
        "Banding administratif kepada Badan Pertimbangan ASN (BPASN)"
    ),
}

# PP 79/2021 Pasal 6, 9 and 16; TIDAK_DAPAT_DITERIMA: Pasal 4 and 12.
KEPUTUSAN_UPAYA = {
    KeputusanUpayaAdministratif.MEMPERKUAT: "Memperkuat keputusan hukuman disiplin",
    KeputusanUpayaAdministratif.MEMPERINGAN: "Memperingan hukuman disiplin",
    KeputusanUpayaAdministratif.MEMPERBERAT: "Memperberat hukuman disiplin",
    KeputusanUpayaAdministratif.MENGUBAH: "Mengubah hukuman disiplin",
    KeputusanUpayaAdministratif.MENCABUT: "Mencabut keputusan hukuman disiplin",
    KeputusanUpayaAdministratif.MEMBATALKAN: "Membatalkan keputusan hukuman disiplin",
    KeputusanUpayaAdministratif.TIDAK_DAPAT_DITERIMA: "Tidak dapat diterima",
}

# PP 94/2021 Pasal 27: a closed examination, face to face or virtual.
MODE_PEMERIKSAAN = {
    ModePemeriksaan.TATAP_MUKA: "Tatap muka",
    ModePemeriksaan.VIRTUAL: "Virtual (daring)",
}

ASAL_KASUS = {
    AsalKasus.KINERJA: "Rekomendasi hasil pembinaan kinerja",
    AsalKasus.KEHADIRAN: "Ketidakhadiran tanpa alasan yang sah",
    AsalKasus.PENGADUAN: "Pengaduan masyarakat yang terbukti",
    AsalKasus.TEMUAN_APIP: "Temuan Aparat Pengawasan Intern Pemerintah (APIP)",
    AsalKasus.LAINNYA: "Lainnya",
}

_SUMMONS = {1: "pertama", 2: "kedua"}


def panggilan(number: int) -> str:
    """The summons' ordinal: 1 -> `pertama`, 2 -> `kedua` (PP 94/2021 Pasal 26)."""
    return _SUMMONS.get(number, f"ke-{number}")
