"""The console script every service offers: `run`, `migrate`, `check`, `rebuild`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import typer
from pydantic import ValidationError

from ..audit_stream.errors import AuditError
from ..envelope import describe_errors
from ..logging import configure_logging
from .definition import ServiceDefinition
from .migrations import current_revision, head_revision, upgrade
from .rebuild import NotEmpty, RebuildSummary, ensure_empty
from .rebuild import rebuild as rebuild_state


def make_cli(build: Callable[[], ServiceDefinition], name: str) -> typer.Typer:
    app = typer.Typer(
        help=f"The {name} service of the ASN performance system.", no_args_is_help=True
    )

    def load() -> ServiceDefinition:
        try:
            definition = build()
        except ValidationError as exc:
            typer.echo(f"{name}: invalid settings: {describe_errors(exc)}", err=True)
            raise typer.Exit(2) from None
        configure_logging(name, definition.settings.log_level, definition.settings.log_json)
        return definition

    @app.command()
    def run() -> None:
        """Consume, relay the outbox and serve HTTP until SIGTERM/SIGINT."""
        from .service import ServiceRuntime

        definition = load()
        refused = definition.settings.authentication_problem
        if refused:
            typer.echo(f"{name}: {refused}", err=True)
            raise typer.Exit(2)
        problem = asyncio.run(_schema_problem(definition))
        if problem:
            typer.echo(f"{name}: {problem}", err=True)
            raise typer.Exit(3)
        asyncio.run(ServiceRuntime(definition).serve_forever())

    @app.command()
    def migrate() -> None:
        """Bring the service's database schema to the newest migration."""
        definition = load()
        upgrade(definition.migrations_dir, definition.settings.effective_database_url)
        typer.echo(f"{name}: database at {head_revision(definition.migrations_dir)}")

    @app.command()
    def check() -> None:
        """Check settings, database schema and broker; exit non-zero on any problem."""
        definition = load()
        failures = asyncio.run(_check(definition))
        for line in failures or ["all checks passed"]:
            typer.echo(f"{name}: {line}")
        raise typer.Exit(1 if failures else 0)

    @app.command()
    def rebuild(
        stream: str = typer.Option("asn.audit", help="The audit stream to replay."),
        start: str = typer.Option("first", "--from", help="first, an offset or an ISO time."),
    ) -> None:
        """Rebuild this service's state from the audit stream into its empty, migrated database."""
        definition = load()
        problem = asyncio.run(_schema_problem(definition))
        if problem:
            typer.echo(f"{name}: {problem}", err=True)
            raise typer.Exit(3)
        try:
            summary = asyncio.run(_rebuild(definition, stream, start))
        except (AuditError, NotEmpty) as exc:
            typer.echo(f"{name}: rebuild refused: {exc}", err=True)
            raise typer.Exit(2) from None
        typer.echo(f"{name}: rebuilt from {stream}: {summary.describe()}")

    return app


async def _rebuild(definition: ServiceDefinition, stream: str, start: str) -> RebuildSummary:
    from contextlib import aclosing

    from ..audit_stream.reader import AuditStreamReader, parse_start
    from ..persistence.engine import create_engine, session_factory

    engine = create_engine(definition.settings.effective_database_url)
    try:
        sessions = session_factory(engine)
        await ensure_empty(sessions)
        async with AuditStreamReader(definition.settings.amqp_url, stream) as reader:
            async with aclosing(reader.records(parse_start(start))) as records:
                return await rebuild_state(definition, sessions, records)
    finally:
        await engine.dispose()


async def _schema_problem(definition: ServiceDefinition) -> str | None:
    from ..persistence.engine import create_engine

    engine = create_engine(definition.settings.effective_database_url)
    try:
        current = await current_revision(engine)
    except Exception as exc:
        return f"database unreachable: {exc}"
    finally:
        await engine.dispose()
    head = head_revision(definition.migrations_dir)
    if current != head:
        return (
            f"database schema at {current}, code expects {head}: "
            f"run `{definition.name}-service migrate`"
        )
    return None


async def _check(definition: ServiceDefinition) -> list[str]:
    import aio_pika

    failures = []
    problem = await _schema_problem(definition)
    if problem:
        failures.append(problem)
    try:
        connection = await aio_pika.connect(definition.settings.amqp_url, timeout=5)
        await connection.close()
    except Exception as exc:
        failures.append(f"broker unreachable at the configured AMQP_URL: {type(exc).__name__}")
    return failures


def main_for(build: Callable[[], ServiceDefinition], name: str) -> Callable[[], None]:
    """An entry point function for `[project.scripts]`."""

    def main() -> None:
        make_cli(build, name)(prog_name=f"{name}-service")

    return main
