"""The states a rating and an objection pass through.

A rating is PENDING until its unit's period is closed (or published at once when the instance
publishes on submission), then PUBLISHED; SUPERSEDED when a changed rating replaces it (an
objection decided MENGUBAH, PP 30/2019 Pasal 59). An objection is DIAJUKAN until the evaluator's
superior decides it (DIPUTUS, final).
"""

from __future__ import annotations

from typing import Final

PENDING: Final = "PENDING"
PUBLISHED: Final = "PUBLISHED"
SUPERSEDED: Final = "SUPERSEDED"

FILED: Final = "DIAJUKAN"
DECIDED: Final = "DIPUTUS"
