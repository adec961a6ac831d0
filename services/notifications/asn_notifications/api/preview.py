"""`notifications-service preview`: a template rendered with an example event, as a recipient
would read it, for whoever writes or reviews the Indonesian text.

The event is the catalog's golden example of the template's trigger (or a CloudEvents JSON file
given with --event); the people are sample profiles (usecases/preview.py). Nothing is read from
or written to the database or the broker.
"""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import typer

from asn_shared.catalog import EventData
from asn_shared.catalog.base import event_model
from asn_shared.catalog.export import EXAMPLE_DIR

from ..adapters.rendering import MailRenderer
from ..domain.templates import TEMPLATE_ROLES
from ..usecases.preview import context_for, trigger_of


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
    data = _event_data(template, event)
    context = context_for(template, role, zone, data)
    mail = MailRenderer(zone).render(template, role=role, **context)
    typer.echo(f"Subject: {mail.subject}\n\n{mail.body}", nl=False)


def _event_data(template: str, event_file: Path | None) -> EventData | None:
    """The trigger's data: the example (or the given file), checked to be of the right type."""
    model = trigger_of(template)
    if model is None:
        return None
    path = event_file or EXAMPLE_DIR / f"{model.routing_key()}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    found = event_model(raw.get("type", ""))
    if found is not model:
        raise typer.BadParameter(
            f"{path} is a {raw.get('type')!r}, {template} needs {model.event_type}"
        )
    return model.model_validate(raw["data"])
