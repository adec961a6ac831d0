"""The kuadran: the pair of ratings to the Predikat Kinerja Pegawai (docs/regulation.md 1.5).

Pure Python, no I/O. The matrix is the consensus of the public implementations and consistent
with the lampiran's labels; behaviour below expectation with at least expected results is
misconduct, results below expectation with acceptable behaviour need improvement, and Sangat Baik
needs both above expectation.
"""

from __future__ import annotations

from asn_shared.catalog.vocabulary import Predikat, RatingLevel

_ATAS = RatingLevel.DI_ATAS_EKSPEKTASI
_SESUAI = RatingLevel.SESUAI_EKSPEKTASI
_BAWAH = RatingLevel.DI_BAWAH_EKSPEKTASI

# (rating hasil kerja, rating perilaku kerja) -> predikat: all nine cells.
KUADRAN: dict[tuple[RatingLevel, RatingLevel], Predikat] = {
    (_ATAS, _BAWAH): Predikat.KURANG_MISCONDUCT,
    (_ATAS, _SESUAI): Predikat.BAIK,
    (_ATAS, _ATAS): Predikat.SANGAT_BAIK,
    (_SESUAI, _BAWAH): Predikat.KURANG_MISCONDUCT,
    (_SESUAI, _SESUAI): Predikat.BAIK,
    (_SESUAI, _ATAS): Predikat.BAIK,
    (_BAWAH, _BAWAH): Predikat.SANGAT_KURANG,
    (_BAWAH, _SESUAI): Predikat.BUTUH_PERBAIKAN,
    (_BAWAH, _ATAS): Predikat.BUTUH_PERBAIKAN,
}


def predikat(hasil_kerja: RatingLevel, perilaku_kerja: RatingLevel) -> Predikat:
    return KUADRAN[(RatingLevel(hasil_kerja), RatingLevel(perilaku_kerja))]
