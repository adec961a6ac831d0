"""Prometheus metrics of the audit service, on GET /metrics (a registry of its own: the event
services' outbox and consumer metrics mean nothing here)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge

REGISTRY = CollectorRegistry()

COPIED = Counter(
    "asn_audit_copied_total",
    "Messages copied from asn.audit.intake into the audit stream (broker-confirmed, then acked).",
    registry=REGISTRY,
)
SEALED = Counter(
    "asn_audit_contacts_sealed_total",
    "Copies whose complainant contact was sealed (or withheld, without a key).",
    registry=REGISTRY,
)
WRITER_FAILURES = Counter(
    "asn_audit_writer_failures_total",
    "Times the writer lost its connection or channel and started again.",
    registry=REGISTRY,
)
CONSUMING = Gauge(
    "asn_audit_writer_consuming",
    "1 while the writer holds a consumer on asn.audit.intake (single active consumer: a standby "
    "replica holds one too).",
    registry=REGISTRY,
)
