"""The regulation's own terms as enumerations and constrained types (docs/regulation.md section 8).

Values are upper snake case of the Indonesian terms, as the contract requires.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

Nip = Annotated[
    str,
    # [0-9], not \d: pydantic's regex engine treats \d as any Unicode digit, which would let
    # e.g. Arabic-Indic digits through as a NIP.
    StringConstraints(pattern=r"^[0-9]{18}$"),
    Field(description="NIP: the civil servant's 18-digit identification number, as a string."),
]

Period = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{4}(-S[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$"),
    Field(
        description="Evaluation period: 2026 (annual), 2026-S1/S2 (semester), "
        "2026-Q1..Q4 (quarter), 2026-01..12 (month).",
        examples=["2026", "2026-S1", "2026-Q3", "2026-07"],
    ),
]

NonEmptyStr = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class RatingLevel(StrEnum):
    """Rating Hasil Kerja / Rating Perilaku Kerja (PermenPANRB 6/2022)."""

    DI_ATAS_EKSPEKTASI = "DI_ATAS_EKSPEKTASI"
    SESUAI_EKSPEKTASI = "SESUAI_EKSPEKTASI"
    DI_BAWAH_EKSPEKTASI = "DI_BAWAH_EKSPEKTASI"


class Predikat(StrEnum):
    """Predikat Kinerja Pegawai."""

    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG_MISCONDUCT = "KURANG_MISCONDUCT"
    SANGAT_KURANG = "SANGAT_KURANG"


class PredikatOrganisasi(StrEnum):
    ISTIMEWA = "ISTIMEWA"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


class AssessorRole(StrEnum):
    SELF = "SELF"
    SUPERVISOR = "SUPERVISOR"
    PEER = "PEER"
    SUBORDINATE = "SUBORDINATE"


class PositionType(StrEnum):
    JPT = "JPT"
    ADMINISTRASI = "ADMINISTRASI"
    FUNGSIONAL = "FUNGSIONAL"


class BerAKHLAK(StrEnum):
    """The seven core values (UU 20/2023 Pasal 4)."""

    BERORIENTASI_PELAYANAN = "BERORIENTASI_PELAYANAN"
    AKUNTABEL = "AKUNTABEL"
    KOMPETEN = "KOMPETEN"
    HARMONIS = "HARMONIS"
    LOYAL = "LOYAL"
    ADAPTIF = "ADAPTIF"
    KOLABORATIF = "KOLABORATIF"


class Privacy(StrEnum):
    """SP4N-LAPOR! complainant privacy choices."""

    PUBLIK = "PUBLIK"
    ANONIM = "ANONIM"
    RAHASIA = "RAHASIA"


class SkmUnsur(StrEnum):
    """The nine SKM elements of PermenPANRB 14/2017."""

    PERSYARATAN = "PERSYARATAN"
    SISTEM_MEKANISME_PROSEDUR = "SISTEM_MEKANISME_PROSEDUR"
    WAKTU_PENYELESAIAN = "WAKTU_PENYELESAIAN"
    BIAYA_TARIF = "BIAYA_TARIF"
    PRODUK_SPESIFIKASI_JENIS_PELAYANAN = "PRODUK_SPESIFIKASI_JENIS_PELAYANAN"
    KOMPETENSI_PELAKSANA = "KOMPETENSI_PELAKSANA"
    PERILAKU_PELAKSANA = "PERILAKU_PELAKSANA"
    PENANGANAN_PENGADUAN_SARAN_MASUKAN = "PENANGANAN_PENGADUAN_SARAN_MASUKAN"
    SARANA_PRASARANA = "SARANA_PRASARANA"


LegalBasis = Annotated[
    str,
    StringConstraints(min_length=1, strip_whitespace=True),
    Field(
        description="An article of the regulation, as the regulation cites itself.",
        examples=["PP 30/2019 Pasal 59", "PP 94/2021 Pasal 9(2)(b)(2)", "UU 25/2009 Pasal 50(1)"],
    ),
]


class TingkatHukuman(StrEnum):
    """Level of a disciplinary punishment (PP 94/2021 Pasal 8)."""

    RINGAN = "RINGAN"
    SEDANG = "SEDANG"
    BERAT = "BERAT"


class JenisHukuman(StrEnum):
    """Type of disciplinary punishment (PP 94/2021 Pasal 8; B = bulan, T = tahun).

    The three PENUNDAAN/PENURUNAN_PANGKAT types are the PP 53/2010 Pasal 7(3) *sedang* types that
    apply instead of the tukin cuts until the salary PP takes effect (PP 94/2021 Pasal 42); which
    catalogue applies is configuration in the sanctions service, not decided here.
    """

    TEGURAN_LISAN = "TEGURAN_LISAN"
    TEGURAN_TERTULIS = "TEGURAN_TERTULIS"
    PERNYATAAN_TIDAK_PUAS = "PERNYATAAN_TIDAK_PUAS"
    POTONG_TUKIN_25_6B = "POTONG_TUKIN_25_6B"
    POTONG_TUKIN_25_9B = "POTONG_TUKIN_25_9B"
    POTONG_TUKIN_25_12B = "POTONG_TUKIN_25_12B"
    PENUNDAAN_KGB_1T = "PENUNDAAN_KGB_1T"
    PENUNDAAN_PANGKAT_1T = "PENUNDAAN_PANGKAT_1T"
    PENURUNAN_PANGKAT_1T = "PENURUNAN_PANGKAT_1T"
    PENURUNAN_JABATAN_12B = "PENURUNAN_JABATAN_12B"
    PEMBEBASAN_JABATAN_12B = "PEMBEBASAN_JABATAN_12B"
    PEMBERHENTIAN_DH_TAPS = "PEMBERHENTIAN_DH_TAPS"

    @property
    def tingkat(self) -> TingkatHukuman:
        return _TINGKAT_OF_JENIS[self]


_TINGKAT_OF_JENIS = {
    **dict.fromkeys(
        ("TEGURAN_LISAN", "TEGURAN_TERTULIS", "PERNYATAAN_TIDAK_PUAS"), TingkatHukuman.RINGAN
    ),
    **dict.fromkeys(
        (
            "POTONG_TUKIN_25_6B",
            "POTONG_TUKIN_25_9B",
            "POTONG_TUKIN_25_12B",
            "PENUNDAAN_KGB_1T",
            "PENUNDAAN_PANGKAT_1T",
            "PENURUNAN_PANGKAT_1T",
        ),
        TingkatHukuman.SEDANG,
    ),
    **dict.fromkeys(
        ("PENURUNAN_JABATAN_12B", "PEMBEBASAN_JABATAN_12B", "PEMBERHENTIAN_DH_TAPS"),
        TingkatHukuman.BERAT,
    ),
}


class UpayaAdministratif(StrEnum):
    """The administrative remedy against a decision (PP 79/2021)."""

    KEBERATAN_PPK = "KEBERATAN_PPK"  # against a PPK decision, to the PPK (Pasal 4-6)
    KEBERATAN_PEJABAT = "KEBERATAN_PEJABAT"  # to the Pejabat's superior (Pasal 7-9)
    BANDING_BPASN = "BANDING_BPASN"  # dismissal / PPPK termination, to BPASN (Pasal 10-16)


class KeputusanUpayaAdministratif(StrEnum):
    """What the deciding authority did with a keberatan or banding (PP 79/2021 Pasal 6, 9, 16).

    TIDAK_DAPAT_DITERIMA: filed late or against the wrong kind of decision (Pasal 4, 12).
    """

    MEMPERKUAT = "MEMPERKUAT"
    MEMPERINGAN = "MEMPERINGAN"
    MEMPERBERAT = "MEMPERBERAT"
    MENGUBAH = "MENGUBAH"
    MENCABUT = "MENCABUT"
    MEMBATALKAN = "MEMBATALKAN"
    TIDAK_DAPAT_DITERIMA = "TIDAK_DAPAT_DITERIMA"


class SkmMutu(StrEnum):
    """Mutu pelayanan from the SKM conversion value NIK 25-100 (PermenPANRB 14/2017).

    The feedback service computes it from the bands (its domain/skm.py, mutu_for_nik).
    """

    A = "A"  # Sangat Baik, NIK 88,31-100
    B = "B"  # Baik, 76,61-88,30
    C = "C"  # Kurang Baik, 65,00-76,60
    D = "D"  # Tidak Baik, 25,00-64,99


class LaporKlasifikasi(StrEnum):
    """SP4N-LAPOR! report classification."""

    ASPIRASI = "ASPIRASI"
    PENGADUAN = "PENGADUAN"
    PERMINTAAN_INFORMASI = "PERMINTAAN_INFORMASI"
