"""For humans: the replay as a `rich` table, and a progress bar on stderr.

The table's columns: offset, time, type, source, subject, and actor (the CloudEvents extension
`actor`: who commanded the event over HTTP; empty when it has none).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from asn_shared.audit_stream.errors import AuditError
from asn_shared.audit_stream.records import AuditRecord

from ..domain.filters import actor_of
from .export import check_output_path


class TableOutput:
    """Collects rows and prints one table at the end (to stdout or a file)."""

    def __init__(self, path: Path | None = None, *, overwrite: bool = False) -> None:
        if path is not None:
            check_output_path(path, overwrite=overwrite)
        self.path = path
        self.table = Table(show_lines=False, header_style="bold")
        self.table.add_column("offset", justify="right", no_wrap=True, min_width=6)
        self.table.add_column("time", no_wrap=True, min_width=20)
        for name in ("type", "source", "subject", "actor"):
            self.table.add_column(name, overflow="fold")
        self.closed = False

    def write(self, record: AuditRecord) -> None:
        # What comes from the stream is shown as plain Text: a publisher's `[/x]` in a source or
        # an actor is not rich markup (it would fail the whole table, or hide part of a value).
        event = record.event
        if event is None:
            self.table.add_row(
                str(record.offset),
                "",
                Text("unparseable", style="red"),
                Text(record.error or ""),
                "",
                "",
            )
            return
        self.table.add_row(
            str(record.offset),
            event.time.isoformat(timespec="seconds"),
            Text(event.type),
            Text(event.source),
            Text(event.subject or ""),
            Text(actor_of(event) or ""),
        )

    def flush(self) -> None:
        """Nothing is written before the end; there is nothing to make durable."""

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.path is None:
            console = Console()
            if not console.is_terminal:
                console = Console(width=160)
            console.print(self.table)
            return
        try:
            with open(self.path, "w", encoding="utf-8") as handle:
                Console(file=handle, width=200, color_system=None).print(self.table)
        except OSError as exc:
            raise AuditError(f"cannot write {self.path}: {exc.strerror}") from None


class ReplayProgress:
    """A progress bar on stderr; the total becomes known once the first offset is read."""

    def __init__(self, enabled: bool, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self._pending = 0
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if enabled:
            self._progress = Progress(
                TextColumn("[bold]replay[/bold]"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(file=stream or sys.stderr),
                transient=False,
            )

    def __enter__(self) -> ReplayProgress:
        if self._progress is not None:
            self._progress.start()
            self._task = self._progress.add_task("replay", total=None, rate="")
        return self

    def set_total(self, total: int | None) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=total)

    def advance(self, done: int = 1) -> None:
        self._pending += done
        if self._pending >= 200:
            self._flush()

    def _flush(self) -> None:
        if self._progress is not None and self._task is not None and self._pending:
            self._progress.advance(self._task, self._pending)
            speed = self._progress.tasks[0].speed
            if speed:
                self._progress.update(self._task, rate=f"{speed:,.0f} ev/s")
        self._pending = 0

    def __exit__(self, *exc_info: object) -> None:
        self._flush()
        if self._progress is not None:
            self._progress.stop()
