"""The assessment domain: the regulation's rules as pure Python (no I/O, no framework).

- kuadran: the rating pair to the Predikat Kinerja Pegawai (docs/regulation.md 1.5)
- periods: evaluation periods and the instance's evaluation frequency (1.6)
- realisation: capaian of an indicator, capped at 120 (PP 30/2019 Pasal 29(6))
- proposal: ratings proposed from evidence, behaviour scores weighted 60/40 (Pasal 39)
- distribution: predikat quotas per organisation predicate (SE MenPANRB 3/2023, 1.8)
- deadlines: objection (Pasal 59) and annual document timetable (Pasal 49-50)
- documents: the annual document's steps, whose move it is and when it is overdue (Pasal 49-50)
- plans: the SKP lifecycle and the reasons to change an approved plan (Pasal 28)
- history: consecutive annual predikat, for PP 30/2019 Pasal 53
- unit_head: the head of a unit rated on the unit's achievement (SE 3/2023)
- statuses: the states of a rating (PENDING, PUBLISHED, SUPERSEDED) and of an objection
- permissions: who may call each HTTP route, from the caller and the directory (issue 15)
"""

from .kuadran import KUADRAN, predikat

__all__ = ["KUADRAN", "predikat"]
