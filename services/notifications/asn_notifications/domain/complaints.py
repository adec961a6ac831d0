"""What the complainant is told, and when a complaint's outcome reaches an officer's superior.

The receipt (UU 25/2009 Pasal 44(1)) and each step of the complaint's progress go to the address
the complainant gave; they never carry the complainant's name, phone or complaint text.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.catalog.feedback_events import (
    ComplaintResolved,
    ComplaintVerified,
    PenyelesaianPengaduan,
)

from . import wording

COMPLAINT_RESPONSE_DAYS = 14  # UU 25/2009 Pasal 44(3)

RECEIPT_TEMPLATE = "tanda_terima_pengaduan"
PROGRESS_TEMPLATE = "perkembangan_pengaduan"
SUBSTANTIATED_TEMPLATE = "pengaduan_terbukti"


def receipt_context(data: ComplaintReceived, unit_name: str, zone: ZoneInfo) -> dict[str, object]:
    """What the receipt says: never the complainant's name, phone or complaint text."""
    received_on = wording.local_date(data.received_at, zone)
    return {
        "complaint_id": data.complaint_id,
        "channel": data.channel,
        "category": data.category,
        "unit_name": unit_name,
        "received_on": received_on,
        "respond_by": received_on + timedelta(days=COMPLAINT_RESPONSE_DAYS),
    }


def progress_context(
    data: ComplaintVerified | ComplaintResolved, unit_name: str
) -> dict[str, object]:
    return {
        "complaint_id": data.complaint_id,
        "receipt_number": data.receipt_number,
        "unit_name": unit_name,
        "stage": data.outcome.value,
        "due": getattr(data, "decision_due", None) or getattr(data, "completion_due", None),
    }


def superior_is_told(data: ComplaintResolved) -> bool:
    """A substantiated complaint about a named officer goes to the officer's superior, who deals
    with the pelaksana (UU 25/2009 Pasal 41(2))."""
    return data.outcome is PenyelesaianPengaduan.TERBUKTI and data.subject_nip is not None
