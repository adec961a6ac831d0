"""`asn-audit`: replay the audit stream to JSON Lines or a table, and verify exports.

    asn-audit replay --from first --output audit.jsonl        # + audit.jsonl.head.json
    asn-audit replay --type AssessmentSubmitted --period 2026 --format table
    asn-audit replay --actor 196805121990031002 --format table  # what this official did
    asn-audit replay --resume-file audit.offset --output audit-$(date +%F).jsonl
    asn-audit verify audit.jsonl                               # exit 0 valid, 1 tampered

Exit codes: 0 done/valid, 1 tampered (verify), 2 usage or broker problem, 130 interrupted,
141 stdout closed early.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import aiormq.exceptions
import typer

from asn_shared.audit_stream.errors import AuditError
from asn_shared.audit_stream.reader import DEFAULT_AMQP_URL, describe_start, parse_start
from asn_shared.audit_stream.stream import StreamClosed
from asn_shared.messaging.topology import AUDIT_STREAM

from .usecases.replay import ReplayOptions, ReplaySummary, run_replay
from .usecases.selection import event_filter
from .usecases.verify import verify_export

app = typer.Typer(
    name="asn-audit",
    help="Replay the audit stream (every event ever published) and verify exports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    jsonl = "jsonl"
    table = "table"


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"asn-audit: {message}", err=True)
    return typer.Exit(code)


@app.command()
def replay(
    amqp_url: Annotated[
        str, typer.Option("--amqp-url", envvar="AMQP_URL", help="Broker URL (with the vhost).")
    ] = DEFAULT_AMQP_URL,
    stream: Annotated[str, typer.Option(help="The stream queue to read.")] = AUDIT_STREAM,
    start: Annotated[
        str,
        typer.Option(
            "--from",
            help="'first', an offset, or an ISO time (broker clock; chunk precision, see --since)."
            " Ignored when --resume-file exists.",
        ),
    ] = "first",
    types: Annotated[
        list[str], typer.Option("--type", help="CloudEvents type or routing key (repeatable).")
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    sources: Annotated[
        list[str], typer.Option("--source", help="Source; a trailing * makes it a prefix.")
    ] = [],  # noqa: B006
    subjects: Annotated[
        list[str], typer.Option("--subject", help="Subject (the NIP) (repeatable).")
    ] = [],  # noqa: B006
    actors: Annotated[
        list[str],
        typer.Option(
            "--actor",
            metavar="NIP",
            help="Who commanded the event over HTTP: the CloudEvents extension `actor`, a NIP"
            " (repeatable). Events without one are left out.",
        ),
    ] = [],  # noqa: B006
    periods: Annotated[
        list[str],
        typer.Option("--period", help="data.period within this period: 2026 keeps 2026-Q3 too."),
    ] = [],  # noqa: B006
    since: Annotated[
        str | None, typer.Option(help="Event time (CloudEvents `time`) at or after this.")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Event time before this.")] = None,
    output_format: Annotated[Format, typer.Option("--format", help="Output format.")] = (
        Format.jsonl
    ),
    output: Annotated[
        Path | None,
        typer.Option(help="File to write (default stdout); a JSON Lines file gets PATH.head.json."),
    ] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing --output file.")] = False,
    resume_file: Annotated[
        Path | None,
        typer.Option(help="Keeps the last offset processed; a rerun continues right after it."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Stop after this many exported events.")
    ] = None,
    prefetch: Annotated[int, typer.Option(min=1, help="Messages in flight.")] = 1000,
    idle_timeout: Annotated[
        float, typer.Option(min=0.1, help="Give up after this many seconds without a message.")
    ] = 5.0,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress", help="Progress bar on stderr (default: if a tty)."
        ),
    ] = None,
) -> None:
    """Replay the audit stream up to its end as of now, filtered, to JSON Lines or a table."""
    _quiet_client_logs()
    try:
        options = ReplayOptions(
            amqp_url=amqp_url,
            stream=stream,
            start=parse_start(start),
            filter=event_filter(
                types=types,
                sources=sources,
                subjects=subjects,
                actors=actors,
                periods=periods,
                since=since,
                until=until,
            ),
            format=output_format.value,
            output=output,
            overwrite=overwrite,
            resume_file=resume_file,
            limit=limit,
            prefetch=prefetch,
            idle_timeout=idle_timeout,
            progress=_stderr_is_tty() if progress is None else progress,
        )
        summary = asyncio.run(_replay_until_signalled(options))
    except AuditError as exc:
        lost = isinstance(exc, StreamClosed) and resume_file is not None
        hint = " (rerun with the same --resume-file to continue)" if lost else ""
        raise _fail(f"{exc}{hint}") from None
    except BrokenPipeError:  # stdout closed early, e.g. `asn-audit replay | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(141) from None
    except (aiormq.exceptions.AMQPError, ConnectionError) as exc:
        hint = " (rerun with the same --resume-file to continue)" if resume_file else ""
        raise _fail(f"the broker connection failed: {exc!r}{hint}") from None
    except (KeyboardInterrupt, asyncio.CancelledError):
        raise _fail("interrupted (the output and resume file hold what was read)", 130) from None
    _report(summary)


@app.command()
def verify(
    export: Annotated[Path, typer.Argument(help="The .jsonl export to check.")],
    head: Annotated[
        Path | None, typer.Option(help="Head file (default: EXPORT.head.json).")
    ] = None,
    no_head: Annotated[
        bool, typer.Option("--no-head", help="Check the chain only (cannot see cut-off lines).")
    ] = False,
) -> None:
    """Recompute an export's hash chain; exit 0 if intact, 1 if tampered with."""
    if head is not None and no_head:
        raise _fail("--head and --no-head exclude each other")
    try:
        verdict = verify_export(export, head, require_head=not no_head)
    except AuditError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"{export}: {verdict.message}", err=not verdict.valid)
    raise typer.Exit(0 if verdict.valid else 1)


async def _replay_until_signalled(options: ReplayOptions) -> ReplaySummary:
    """SIGTERM (like Ctrl-C) cancels the replay, which still closes the export and checkpoints."""
    task = asyncio.current_task()
    loop = asyncio.get_running_loop()
    if task is not None:
        loop.add_signal_handler(signal.SIGTERM, task.cancel)
    return await run_replay(options)


def _report(summary: ReplaySummary) -> None:
    stats = summary.stats
    span = (
        f" (offsets {stats.first_offset}..{stats.last_offset})"
        if stats.first_offset is not None
        else ""
    )
    stop = {
        "end": f"the end of the stream as of the start (offset {stats.end_offset})",
        "empty": "an empty stream",
        "limit": "--limit",
        "idle": "the idle timeout",
    }.get(summary.stopped_by, summary.stopped_by)
    resumed = (
        f"resumed after offset {summary.resumed_from}"
        if summary.resumed_from is not None
        else f"from {describe_start(summary.start)}"
    )
    lines = [
        f"read {stats.read} messages{span} {resumed} in {summary.seconds:.1f}s "
        f"({summary.events_per_second:,.0f}/s), exported {summary.exported}, "
        f"{summary.unparseable} not CloudEvents; stopped at {stop}"
    ]
    if summary.head is not None:
        where = f"{summary.output}.head.json" if summary.output else "stdout"
        lines.append(f"chain head {summary.head.head} over {summary.head.count} lines ({where})")
    if summary.saved_offset is not None:
        lines.append(f"resume point: offset {summary.saved_offset}")
    for line in lines:
        typer.echo(f"asn-audit: {line}", err=True)


def _stderr_is_tty() -> bool:
    return sys.stderr.isatty()


def _quiet_client_logs() -> None:
    """aio-pika logs connection failures itself; the CLI says it once, in its own words."""
    for name in ("aio_pika", "aiormq"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
