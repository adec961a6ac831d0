"""`notifications-service preview`: a template rendered with an example event, as a recipient
would read it, for whoever writes or reviews the Indonesian text.

The event is the catalog's golden example of the template's trigger (or a CloudEvents JSON file
given with --event); the people are sample profiles. Nothing is read from or written to the
database or the broker.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import typer

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.catalog.base import event_model
from asn_shared.catalog.export import EXAMPLE_DIR
from asn_shared.catalog.feedback_events import ComplaintResolved

from .catalogue import NOTICES
from .complaint_notices import progress_context, receipt_context
from .digest import DigestEntry
from .domain import Person
from .rendering import TEMPLATE_ROLES, MailRenderer

# The trigger of each template that is not a person notice of catalogue.NOTICES.
_COMPLAINT_TRIGGERS = {
    "tanda_terima_pengaduan": ComplaintReceived,
    "perkembangan_pengaduan": ComplaintResolved,
    "pengaduan_terbukti": ComplaintResolved,
}
_SAMPLE_UNIT = "Dinas Kependudukan dan Pencatatan Sipil"


def _sample(nip: str, name: str, supervisor: str | None = None) -> Person:
    return Person(nip, name, "contoh@example.go.id", supervisor, "contoh", _SAMPLE_UNIT, "Analis")


def _trigger_of(template: str) -> type:
    for model, kind in NOTICES.items():
        if kind.template == template:
            return model
    return _COMPLAINT_TRIGGERS[template]


def _event_data(template: str, event_file: Path | None) -> Any:
    model = _trigger_of(template)
    path = event_file or EXAMPLE_DIR / f"{model.routing_key()}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    found = event_model(raw.get("type", ""))
    if found is not model:
        raise typer.BadParameter(
            f"{path} is a {raw.get('type')!r}, {template} needs {model.event_type}"
        )
    return model.model_validate(raw["data"])


def context_for(
    template: str, role: str, zone: ZoneInfo, event_file: Path | None
) -> dict[str, Any]:
    if template == "ringkasan_harian":
        now = datetime.now(UTC)
        entries = [
            DigestEntry(
                "Persetujuan SKP Periode Tahun 2026", now - timedelta(hours=5), "skp_disetujui"
            ),
            DigestEntry("Rekomendasi Pelatihan", now - timedelta(hours=2), "rekomendasi_pelatihan"),
        ]
        return {"recipient_name": "Siti Rahma", "day": date.today(), "entries": entries}
    data = _event_data(template, event_file)
    if template == "tanda_terima_pengaduan":
        return receipt_context(data, _SAMPLE_UNIT, zone)
    if template == "perkembangan_pengaduan":
        return progress_context(data, _SAMPLE_UNIT)
    nip = getattr(data, "responsible_nip", None) or getattr(data, "nip", None) or data.subject_nip
    asn = _sample(nip, "Siti Rahma", "197501012000031002")
    supervisor = _sample("197501012000031002", "Budi Santoso")
    names = {"ASN": asn.name, "SUPERVISOR": supervisor.name, "HR_OFFICER": "Subbag Kepegawaian"}
    return {"data": data, "asn": asn, "supervisor": supervisor, "recipient_name": names.get(role)}


def preview(
    template: str = typer.Argument(..., help="Template name, e.g. hukuman_disiplin."),
    role: str = typer.Option("", help="Recipient role; default the template's first role."),
    event: Path | None = typer.Option(None, help="A CloudEvents JSON file instead of the example."),
    timezone: str = typer.Option("Asia/Jakarta", help="Time zone of dates and times."),
) -> None:
    """Print a template's subject and body, rendered with an example event."""
    if template not in TEMPLATE_ROLES:
        raise typer.BadParameter(f"unknown template; one of: {', '.join(sorted(TEMPLATE_ROLES))}")
    roles = sorted(TEMPLATE_ROLES[template])
    role = role or roles[0]
    if role not in roles:
        raise typer.BadParameter(f"{template} addresses {', '.join(roles)}, not {role}")
    zone = ZoneInfo(timezone)
    mail = MailRenderer(zone).render(
        template, role=role, **context_for(template, role, zone, event)
    )
    typer.echo(f"Subject: {mail.subject}\n\n{mail.body}", nl=False)
