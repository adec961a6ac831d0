"""A replay from start to finish: read, filter, write, checkpoint (what `asn-audit replay` runs).

The order of durability is what makes resuming exact: the output is flushed (fsync for a file)
before the resume file records the offsets it contains, every `checkpoint_every` records and at
the end, also when the run is interrupted or the connection is lost.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from asn_shared.audit_stream.errors import AuditError
from asn_shared.audit_stream.reader import DEFAULT_AMQP_URL, AuditStreamReader, ReadStats, StartAt
from asn_shared.audit_stream.records import AuditRecord
from asn_shared.messaging.topology import AUDIT_STREAM

from ..adapters.display import ReplayProgress, TableOutput
from ..adapters.export import JsonlExport, check_output_path
from ..adapters.resume import ResumeFile
from ..domain.chain import ChainHead
from ..domain.filters import EventFilter

MAX_WARNINGS = 20


@dataclass
class ReplayOptions:
    amqp_url: str = DEFAULT_AMQP_URL
    stream: str = AUDIT_STREAM
    start: StartAt = "first"
    filter: EventFilter = field(default_factory=EventFilter)
    format: Literal["jsonl", "table"] = "jsonl"
    output: Path | None = None
    overwrite: bool = False
    resume_file: Path | None = None
    limit: int | None = None
    prefetch: int = 1000
    idle_timeout: float = 5.0
    checkpoint_every: int = 1000
    progress: bool = False


@dataclass
class ReplaySummary:
    start: StartAt
    resumed_from: int | None = None
    stats: ReadStats = field(default_factory=ReadStats)
    exported: int = 0
    unparseable: int = 0
    stopped_by: str = ""
    seconds: float = 0.0
    head: ChainHead | None = None
    saved_offset: int | None = None
    output: Path | None = None

    @property
    def events_per_second(self) -> float:
        return self.stats.read / self.seconds if self.seconds else 0.0


def _stderr(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


async def run_replay(
    options: ReplayOptions, *, warn: Callable[[str], None] = _stderr
) -> ReplaySummary:
    if options.limit is not None and options.limit < 1:
        raise AuditError("--limit must be at least 1")
    resume = ResumeFile(options.resume_file, options.stream) if options.resume_file else None
    stored = resume.load() if resume else None
    summary = ReplaySummary(
        start=stored + 1 if stored is not None else options.start,
        resumed_from=stored,
        output=options.output,
    )
    if options.output is not None:
        check_output_path(options.output, overwrite=options.overwrite)
    began = time.perf_counter()
    reader = AuditStreamReader(
        options.amqp_url,
        options.stream,
        prefetch=options.prefetch,
        idle_timeout=options.idle_timeout,
    )
    async with reader:
        end = await reader.find_end()
        sink: JsonlExport | TableOutput = (
            JsonlExport.open(options.output, stream=options.stream, overwrite=options.overwrite)
            if options.format == "jsonl"
            else TableOutput(options.output, overwrite=options.overwrite)
        )
        run = _Run(options, summary, sink, resume, warn)
        try:
            await run.read(reader, end)
        finally:
            run.finish(reader.stats)
            summary.seconds = time.perf_counter() - began
    _warn_about_the_end(summary, warn)
    return summary


class _Run:
    """One replay's output, resume point and counts, kept in the order of durability above."""

    def __init__(
        self,
        options: ReplayOptions,
        summary: ReplaySummary,
        sink: JsonlExport | TableOutput,
        resume: ResumeFile | None,
        warn: Callable[[str], None],
    ) -> None:
        self.options = options
        self.summary = summary
        self.sink = sink
        self.resume = resume
        self.warn = warn
        self.last_done: int | None = None
        self.pending = 0

    async def read(self, reader: AuditStreamReader, end: int | None) -> None:
        options, summary = self.options, self.summary
        with ReplayProgress(options.progress) as progress:
            records = reader.records(summary.start, end=end)
            async with contextlib.aclosing(records):
                async for record in records:
                    if self.last_done is None and end is not None:
                        progress.set_total(end - record.offset + 1)
                    self.take(record)
                    progress.advance()
                    if options.limit is not None and summary.exported >= options.limit:
                        summary.stopped_by = "limit"
                        break

    def take(self, record: AuditRecord) -> None:
        summary = self.summary
        if record.event is None:
            summary.unparseable += 1
            if summary.unparseable <= MAX_WARNINGS:
                self.warn(f"offset {record.offset}: not a CloudEvent ({record.error})")
        if self.options.filter.matches(record):
            self.sink.write(record)
            summary.exported += 1
        self.last_done = record.offset
        self.pending += 1
        if self.pending >= self.options.checkpoint_every:
            self.checkpoint()
            self.pending = 0

    def checkpoint(self) -> None:
        """Flush the output first, then move the resume point over what it now holds."""
        self.sink.flush()
        done = self.last_done
        if self.resume is not None and done is not None and done != self.summary.saved_offset:
            self.resume.save(done)
            self.summary.saved_offset = done

    def finish(self, stats: ReadStats) -> None:
        """Also after an interruption or a lost connection: close the output, checkpoint."""
        summary = self.summary
        summary.stats = stats
        summary.stopped_by = summary.stopped_by or stats.stopped_by or "interrupted"
        closed = self.sink.close()
        summary.head = closed if isinstance(self.sink, JsonlExport) else None
        self.checkpoint()


def _warn_about_the_end(summary: ReplaySummary, warn: Callable[[str], None]) -> None:
    stats = summary.stats
    if summary.unparseable > MAX_WARNINGS:
        warn(f"... {summary.unparseable - MAX_WARNINGS} more messages that are not CloudEvents")
    if stats.gap:
        warn(
            f"offsets {stats.gap[0]}..{stats.gap[1]} are no longer in the stream (retention): "
            f"the replay started at {stats.first_offset}"
        )
    if summary.stopped_by == "idle" and stats.end_offset is not None:
        reached = stats.last_offset if stats.last_offset is not None else "none"
        if stats.last_offset is None or stats.last_offset < stats.end_offset:
            warn(
                f"no message for the idle timeout before reaching offset {stats.end_offset} "
                f"(last read: {reached}); was --from after the end of the stream?"
            )
