"""The SKP (Sasaran Kinerja Pegawai) lifecycle.

DRAFT -> SUBMITTED (by the ASN) -> APPROVED (by the evaluator), or back to DRAFT when the
evaluator returns it. An approved SKP changes only for a reason of PP 30/2019 Pasal 28; the change
reopens it as a new revision that is approved again.
"""

from __future__ import annotations

from enum import StrEnum


class PlanStatus(StrEnum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"


class JenisRhk(StrEnum):
    UTAMA = "UTAMA"
    TAMBAHAN = "TAMBAHAN"


class Aspek(StrEnum):
    """Aspects of an IKI for Jabatan Administrasi and Fungsional (docs/regulation.md 1.2)."""

    KUANTITAS = "KUANTITAS"
    KUALITAS = "KUALITAS"
    WAKTU = "WAKTU"
    BIAYA = "BIAYA"


class Perspektif(StrEnum):
    """Perspectives of a JPT's IKI (balanced scorecard; exact Permen wording UNCONFIRMED)."""

    PENERIMA_LAYANAN = "PENERIMA_LAYANAN"
    PROSES_BISNIS = "PROSES_BISNIS"
    PENGUATAN_INTERNAL = "PENGUATAN_INTERNAL"
    ANGGARAN = "ANGGARAN"


class AlasanPerubahanSkp(StrEnum):
    """PP 30/2019 Pasal 28: the only reasons an approved SKP may change."""

    PERGANTIAN_PEJABAT = "PERGANTIAN_PEJABAT"  # change of the position holder
    PERUBAHAN_STRATEGI_PROGRAM_ANGGARAN = "PERUBAHAN_STRATEGI_PROGRAM_ANGGARAN"
    PERUBAHAN_PRIORITAS = "PERUBAHAN_PRIORITAS"
    SAKIT_ATAU_CUTI_LEBIH_SATU_BULAN = "SAKIT_ATAU_CUTI_LEBIH_SATU_BULAN"
    PENUGASAN_LAIN_LEBIH_SATU_BULAN = "PENUGASAN_LAIN_LEBIH_SATU_BULAN"
    KONDISI_LAIN_PERSETUJUAN_MENTERI = "KONDISI_LAIN_PERSETUJUAN_MENTERI"


class PlanTransitionError(ValueError):
    """The requested step is not allowed from the plan's current state."""


_ALLOWED = {
    ("submit", PlanStatus.DRAFT): PlanStatus.SUBMITTED,
    ("approve", PlanStatus.SUBMITTED): PlanStatus.APPROVED,
    ("return", PlanStatus.SUBMITTED): PlanStatus.DRAFT,
    ("revise", PlanStatus.APPROVED): PlanStatus.DRAFT,
}


def transition(step: str, status: PlanStatus) -> PlanStatus:
    try:
        return _ALLOWED[(step, PlanStatus(status))]
    except KeyError:
        raise PlanTransitionError(
            f"cannot {step} a plan that is {PlanStatus(status).value}"
        ) from None


def editable(status: PlanStatus) -> bool:
    return PlanStatus(status) is PlanStatus.DRAFT
