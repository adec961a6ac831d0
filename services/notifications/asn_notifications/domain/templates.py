"""Every mail template and the recipient roles its text addresses.

A role a template does not address is an error at rendering, like a missing value: it would get
another's text. The files themselves are `templates/<name>.txt` (adapters/rendering.py).
"""

from __future__ import annotations

_ASN_SUPERVISOR = frozenset({"ASN", "SUPERVISOR"})
_FOLLOW_UP = frozenset({"ASN", "SUPERVISOR", "HR_OFFICER"})
_DISCIPLINE = frozenset({"ASN", "OFFICIAL", "HR_OFFICER"})

TEMPLATE_ROLES: dict[str, frozenset[str]] = {
    "penilaian_kinerja": _ASN_SUPERVISOR,
    "skp_disetujui": frozenset({"ASN"}),
    "keputusan_keberatan_penilaian": _ASN_SUPERVISOR,
    "pembinaan_kinerja": _FOLLOW_UP,
    "pembinaan_selesai": _FOLLOW_UP,
    "penghargaan": _ASN_SUPERVISOR,
    "rekomendasi_pelatihan": _FOLLOW_UP,
    "rekomendasi_mutasi": _FOLLOW_UP,
    "kasus_disiplin": _DISCIPLINE,
    "panggilan_pemeriksaan": _DISCIPLINE,
    "hukuman_disiplin": _DISCIPLINE,
    "keputusan_upaya_administratif": _DISCIPLINE,
    # The responsible official (role ASN: the person the event is about) and their supervisor.
    "tenggat_pengaduan_terlewat": _ASN_SUPERVISOR,
    "ringkasan_harian": frozenset({"ASN", "SUPERVISOR", "HR_OFFICER", "OFFICIAL"}),
    "tanda_terima_pengaduan": frozenset({"COMPLAINANT"}),
    "perkembangan_pengaduan": frozenset({"COMPLAINANT"}),
    "pengaduan_terbukti": frozenset({"SUPERVISOR"}),
}
TEMPLATES = tuple(TEMPLATE_ROLES)
