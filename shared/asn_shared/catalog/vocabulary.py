"""The regulation's own terms as enumerations and constrained types (domain-rules.md section 8).

Values are upper snake case of the Indonesian terms, as the contract requires.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

Nip = Annotated[
    str,
    StringConstraints(pattern=r"^\d{18}$"),
    Field(description="NIP: the civil servant's 18-digit identification number, as a string."),
]

Period = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-S[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$"),
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
