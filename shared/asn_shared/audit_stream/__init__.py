"""Reading the audit stream `asn.audit`: the plumbing every service's `rebuild` and the audit
service's `asn-audit replay` share (issue 7; the audit application itself is services/audit/).

Every event published to `asn.events` also lands in the stream (kept for a year), copied there by
the audit service's writer. This package reads it back:

- `stream`: the AMQP side: connecting with one-line errors, and `StreamConsumer`, which keeps the
  rules for streams over AMQP 0.9.1 (prefetch, `ack` only, never a nack: that would close the
  connection; an orderly stop).
- `reader`: `AuditStreamReader`, async iteration from the first event, an offset or a point in
  time (`parse_start`, `StartAt`), up to the stream's end as of when it started.
- `records`: `AuditRecord`, one message with its offset, routing key, AMQP properties and the
  CloudEvent (structured or binary mode), or the reason it is not one (`record_from_message`).
- `times`: `parse_time`, the ISO 8601 times `--from`, `--since` and `--until` take.
- `errors`: `AuditError`, a problem to report in one line.

Nothing is re-exported here, so `errors`, `records` and `times` import without aio-pika (the audit
service's pure domain uses them). How-to: docs/audit.md.
"""
