"""Composition root: settings -> writer; the console script `audit-service` (`run`, `check`)."""

from __future__ import annotations

import asyncio

import typer
from pydantic import ValidationError

from asn_shared.audit_stream.errors import AuditError
from asn_shared.audit_stream.reader import AuditStreamReader
from asn_shared.envelope import describe_errors
from asn_shared.logging import configure_logging

from .adapters.runtime import serve_forever
from .adapters.writer import AuditWriter
from .settings import AuditSettings

NAME = "audit"

app = typer.Typer(
    help="The audit service of the ASN performance system: copies every event into the audit "
    "stream, complainants' contact sealed. Auditors read it with `asn-audit`.",
    no_args_is_help=True,
    add_completion=False,
)


def load() -> AuditSettings:
    try:
        settings = AuditSettings()
    except ValidationError as exc:
        typer.echo(f"{NAME}: invalid settings: {describe_errors(exc)}", err=True)
        raise typer.Exit(2) from None
    configure_logging(NAME, settings.log_level, settings.log_json)
    return settings


def build_writer(settings: AuditSettings) -> AuditWriter:
    return AuditWriter(settings.amqp_url, settings.contact_seal)


@app.command()
def run() -> None:
    """Copy asn.audit.intake into the stream and serve /health and /metrics until SIGTERM."""
    settings = load()
    asyncio.run(serve_forever(build_writer(settings), settings.http_host, settings.http_port))


@app.command()
def check() -> None:
    """Check the settings, the broker and the stream; exit non-zero on any problem."""
    settings = load()
    failures = asyncio.run(_check(settings))
    if settings.contact_seal is None and not failures:
        typer.echo(f"{NAME}: FEEDBACK_CONTACT_KEY is not set: complainants' contact is withheld")
    for line in failures or ["all checks passed"]:
        typer.echo(f"{NAME}: {line}")
    raise typer.Exit(1 if failures else 0)


async def _check(settings: AuditSettings) -> list[str]:
    # Opening a reader connects (one-line errors) and checks that the stream exists.
    try:
        async with AuditStreamReader(settings.amqp_url, settings.stream, connect_timeout=5):
            return []
    except AuditError as exc:
        return [str(exc)]


def main() -> None:
    app(prog_name=f"{NAME}-service")
