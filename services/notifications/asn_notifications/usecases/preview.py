"""What `notifications-service preview` renders a template with: an example event's data, sample
people and sample digest entries, as the recipient of `role` would get them.

Nothing is read from or written to the database or the broker, so this takes no unit of work;
the command itself (reading the event file, printing) is api/preview.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.catalog.feedback_events import ComplaintResolved, ComplaintVerified

from ..domain.complaints import (
    PROGRESS_TEMPLATE,
    RECEIPT_TEMPLATE,
    SUBSTANTIATED_TEMPLATE,
    progress_context,
    receipt_context,
)
from ..domain.digest import DIGEST_TEMPLATE, DigestEntry
from ..domain.notices import NOTICES
from ..domain.recipients import Person

# The trigger of each template that is not a person notice of domain/notices.py NOTICES.
_COMPLAINT_TRIGGERS: dict[str, type[EventData]] = {
    RECEIPT_TEMPLATE: ComplaintReceived,
    PROGRESS_TEMPLATE: ComplaintResolved,
    SUBSTANTIATED_TEMPLATE: ComplaintResolved,
}
_SAMPLE_UNIT = "Dinas Kependudukan dan Pencatatan Sipil"


def trigger_of(template: str) -> type[EventData] | None:
    """The event model a template is about; None for the daily digest (no trigger event)."""
    if template == DIGEST_TEMPLATE:
        return None
    for model, kind in NOTICES.items():
        if kind.template == template:
            return model
    return _COMPLAINT_TRIGGERS[template]


def context_for(
    template: str, role: str, zone: ZoneInfo, data: EventData | None
) -> dict[str, object]:
    """The template's context for `role`, from the trigger's `data` (None: the digest)."""
    if data is None:
        return _digest_context()
    if template == RECEIPT_TEMPLATE:
        assert isinstance(data, ComplaintReceived), "api/preview.py checks the event's type"
        return receipt_context(data, _SAMPLE_UNIT, zone)
    if template == PROGRESS_TEMPLATE:
        assert isinstance(data, ComplaintVerified | ComplaintResolved), "checked by api/preview.py"
        return progress_context(data, _SAMPLE_UNIT)
    asn = _sample(_about(template, data), "Siti Rahma", "197501012000031002")
    supervisor = _sample("197501012000031002", "Budi Santoso")
    names = {"ASN": asn.name, "SUPERVISOR": supervisor.name, "HR_OFFICER": "Subbag Kepegawaian"}
    return {"data": data, "asn": asn, "supervisor": supervisor, "recipient_name": names.get(role)}


def _about(template: str, data: EventData) -> str:
    """The NIP of the person the example event is about."""
    kind = NOTICES.get(type(data))
    if kind is not None and kind.template == template:
        return kind.about(data)
    if isinstance(data, ComplaintResolved) and data.subject_nip:  # pengaduan_terbukti
        return data.subject_nip
    raise ValueError(f"the example event of {template} names no person")


def _digest_context() -> dict[str, object]:
    now = datetime.now(UTC)
    entries = [
        DigestEntry(
            "Persetujuan SKP Periode Tahun 2026", now - timedelta(hours=5), "skp_disetujui"
        ),
        DigestEntry("Rekomendasi Pelatihan", now - timedelta(hours=2), "rekomendasi_pelatihan"),
    ]
    return {"recipient_name": "Siti Rahma", "day": date.today(), "entries": entries}


def _sample(nip: str, name: str, supervisor: str | None = None) -> Person:
    return Person(nip, name, "contoh@example.go.id", supervisor, "contoh", _SAMPLE_UNIT, "Analis")
