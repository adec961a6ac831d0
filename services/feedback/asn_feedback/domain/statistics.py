"""A unit's public complaint statistics (UU 25/2009 Pasal 37(3)): counts, never contents."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Protocol

from asn_shared.catalog.feedback_events import TenggatPengaduan

from .complaints import ComplaintStatus
from .lifecycle import DECISION_DAYS
from .steps import DECISIONS

_DECIDED = {d.value for d in DECISIONS}
_SUBSTANTIATED = DECISIONS[0].value  # TERBUKTI


class ComplaintFacts(Protocol):
    """What the statistics read of a complaint: its status and its decision's dates."""

    @property
    def status(self) -> str: ...
    @property
    def decision(self) -> str | None: ...
    @property
    def complete_on(self) -> date | None: ...
    @property
    def decided_on(self) -> date | None: ...


def count_by_status(counts: Mapping[str, int]) -> dict[str, int]:
    """Every status, zero included, so a dashboard's columns never move."""
    return {status.value: 0 for status in ComplaintStatus} | dict(counts)


def decided_in_time(complaint: ComplaintFacts) -> bool:
    """Pasal 50(1): within 60 days of the file being complete."""
    return (
        complaint.complete_on is not None
        and complaint.decided_on is not None
        and complaint.decided_on <= complaint.complete_on + timedelta(days=DECISION_DAYS)
    )


def complaint_figures(
    complaints: Iterable[ComplaintFacts], missed: Mapping[str, int]
) -> dict[str, object]:
    """Counts by status, decisions and their 60 days, and deadlines missed by kind."""
    rows = list(complaints)
    by_status = {status.value: 0 for status in ComplaintStatus}
    for row in rows:
        by_status[row.status] += 1
    decided = [r for r in rows if r.decision in _DECIDED]
    return {
        "received": len(rows),
        "by_status": by_status,
        "decided": len(decided),
        "decided_within_deadline": sum(1 for r in decided if decided_in_time(r)),
        "substantiated": sum(1 for r in decided if r.decision == _SUBSTANTIATED),
        "deadlines_missed": {d.value: missed.get(d.value, 0) for d in TenggatPengaduan},
    }
