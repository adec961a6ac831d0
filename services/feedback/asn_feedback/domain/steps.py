"""Who takes each step of a complaint's handling, and what the step records (docs/regulation.md
5.3), pure Python. lifecycle.py says which steps a status allows; this module says who may take
them and which dates and outcomes they set on the complaint."""

from __future__ import annotations

from datetime import date

from asn_shared.catalog.feedback_events import PenyelesaianPengaduan, VerifikasiPengaduan
from asn_shared.catalog.vocabulary import LaporKlasifikasi

from .complaints import ComplaintStatus
from .lifecycle import Action

# The actor recorded for a step no official takes: the complainant's, or the deadline watch's.
COMPLAINANT, SYSTEM = "COMPLAINANT", "SYSTEM"

# The unit's complaint desk (pengelola pengaduan) verifies and notifies; its head follows up and
# decides; every other step is the complainant's, proven by the receipt number.
DESK_ACTIONS = frozenset(
    {
        Action.VERIFY_COMPLETE,
        Action.VERIFY_INCOMPLETE,
        Action.HOLD,
        Action.REROUTE,
        Action.ARCHIVE,
        Action.NOTIFY,
    }
)
HEAD_ACTIONS = frozenset({Action.FOLLOW_UP, Action.DECIDE})

# The steps that end in ComplaintVerified, and the outcome it carries.
VERIFICATION = {
    Action.VERIFY_COMPLETE: VerifikasiPengaduan.LENGKAP,
    Action.COMPLETE_FILE: VerifikasiPengaduan.LENGKAP,
    Action.VERIFY_INCOMPLETE: VerifikasiPengaduan.TIDAK_LENGKAP,
    Action.REROUTE: VerifikasiPengaduan.BUKAN_WEWENANG,
    Action.ARCHIVE: VerifikasiPengaduan.ARSIP,
}
# The desk's verifications, which classify the complaint (SP4N-LAPOR!'s klasifikasi).
CLASSIFYING = frozenset(a for a in VERIFICATION if a is not Action.COMPLETE_FILE)
# The provider's decisions on a complaint examined (Pasal 50(1)); DICABUT is a withdrawal.
DECISIONS = (PenyelesaianPengaduan.TERBUKTI, PenyelesaianPengaduan.TIDAK_TERBUKTI)

# The date column a step sets to the day it is taken, beyond those set below.
_DATED = {
    Action.VERIFY_INCOMPLETE: "incomplete_on",
    Action.FOLLOW_UP: "followed_up_on",
    Action.NOTIFY: "notified_on",
    Action.ACCEPT: "closed_on",
    Action.REOPEN: "disposed_on",
}


class StepError(Exception):
    """A step given without what it needs (a decision without its outcome)."""


def recorded(
    action: Action,
    status: ComplaintStatus,
    today: date,
    klasifikasi: LaporKlasifikasi = LaporKlasifikasi.PENGADUAN,
    decision: PenyelesaianPengaduan | None = None,
) -> dict[str, str | date]:
    """What the step sets on the complaint: its new status, the dates it reached, its outcomes."""
    changes: dict[str, str | date] = {"status": status.value}
    if action in CLASSIFYING:
        changes |= {"responded_on": today, "klasifikasi": klasifikasi.value}
    if action in (Action.VERIFY_COMPLETE, Action.COMPLETE_FILE):
        changes |= {"complete_on": today, "disposed_on": today}
    if action in _DATED:
        changes[_DATED[action]] = today
    if action is Action.DECIDE:
        if decision is None or decision not in DECISIONS:
            raise StepError("DECIDE needs decision TERBUKTI or TIDAK_TERBUKTI")
        changes |= {"decided_on": today, "decision": decision.value}
    if action is Action.WITHDRAW:
        changes |= {"decision": PenyelesaianPengaduan.DICABUT.value, "closed_on": today}
    return changes
