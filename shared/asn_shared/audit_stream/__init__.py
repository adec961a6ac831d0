"""Replaying the audit stream and exporting it with integrity (issue 7).

Every event published to `asn.events` also lands in the stream queue `asn.audit` (bound with `#`,
kept for a year). This package reads it back for auditors:

- `reader`: async iteration over the stream with aio-pika: from the first event, an offset or a
  point in time; prefetch set, every message acknowledged (never nacked: that would close the
  connection), each yielded as an `AuditRecord` with its offset, routing key, AMQP properties and
  the CloudEvent (structured or binary mode), or the reason it is not one. A replay stops at the
  stream's end as of when it started (a probe at "last" finds that offset first).
- `filters`: by type, source (prefix with `*`), subject (NIP), period (`2026` keeps `2026-Q3`)
  and event time.
- `chain` / `export`: JSON Lines where each line carries `prev_hash` and `hash` (SHA-256 over
  the previous hash and the line's canonical JSON) and a `<export>.head.json` sidecar with the
  chain head; `verify_export` finds the first line where an export was altered, reordered, cut or
  extended.
- `resume`: the last offset processed, kept in a file of ours (atomically replaced), so a rerun
  continues exactly after it: RabbitMQ keeps no offsets for AMQP stream consumers.
- `display`: a `rich` table for people and a progress bar on stderr.
- `replay` / `cli`: the `asn-audit replay` and `asn-audit verify` commands.

How-to: docs/audit.md.
"""

from .chain import GENESIS, ChainHead, ChainWriter, Verdict, canonical_json, link_hash, verify_lines
from .errors import AuditError
from .export import JsonlExport, head_path, verify_export
from .filters import EventFilter, parse_time, period_within
from .reader import AuditStreamReader, ReadStats, StartAt, parse_start
from .records import AuditRecord, record_from_message
from .replay import ReplayOptions, ReplaySummary, run_replay
from .resume import ResumeFile, write_atomically

__all__ = [
    "GENESIS",
    "AuditError",
    "AuditRecord",
    "AuditStreamReader",
    "ChainHead",
    "ChainWriter",
    "EventFilter",
    "JsonlExport",
    "ReadStats",
    "ReplayOptions",
    "ReplaySummary",
    "ResumeFile",
    "StartAt",
    "Verdict",
    "canonical_json",
    "head_path",
    "link_hash",
    "parse_start",
    "parse_time",
    "period_within",
    "record_from_message",
    "run_replay",
    "verify_export",
    "verify_lines",
    "write_atomically",
]
