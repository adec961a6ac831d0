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

from ..messaging.topology import AUDIT_STREAM
from .chain import ChainHead
from .display import ReplayProgress, TableOutput
from .errors import AuditError
from .export import JsonlExport, check_output_path
from .filters import EventFilter
from .reader import DEFAULT_AMQP_URL, AuditStreamReader, ReadStats, StartAt
from .resume import ResumeFile

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
        last_done: int | None = None
        pending = 0

        def checkpoint() -> None:
            sink.flush()
            if resume is not None and last_done is not None and last_done != summary.saved_offset:
                resume.save(last_done)
                summary.saved_offset = last_done

        try:
            with ReplayProgress(options.progress) as progress:
                records = reader.records(summary.start, end=end)
                async with contextlib.aclosing(records):
                    async for record in records:
                        if last_done is None and end is not None:
                            progress.set_total(end - record.offset + 1)
                        if record.event is None:
                            summary.unparseable += 1
                            if summary.unparseable <= MAX_WARNINGS:
                                warn(f"offset {record.offset}: not a CloudEvent ({record.error})")
                        if options.filter.matches(record):
                            sink.write(record)
                            summary.exported += 1
                        last_done = record.offset
                        progress.advance()
                        pending += 1
                        if pending >= options.checkpoint_every:
                            checkpoint()
                            pending = 0
                        if options.limit is not None and summary.exported >= options.limit:
                            summary.stopped_by = "limit"
                            break
        finally:
            summary.stats = reader.stats
            summary.stopped_by = summary.stopped_by or reader.stats.stopped_by or "interrupted"
            closed = sink.close()
            summary.head = closed if isinstance(sink, JsonlExport) else None
            checkpoint()
            summary.seconds = time.perf_counter() - began
    _warn_about_the_end(summary, warn)
    return summary


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
