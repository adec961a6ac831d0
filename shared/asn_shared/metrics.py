"""Prometheus metrics every service exposes on GET /metrics.

One registry per process (a service is one process); labels name the consumer so dashboards can
put the four services side by side.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry()

EVENTS_CONSUMED = Counter(
    "asn_events_consumed_total",
    "Deliveries handled, by outcome (applied, duplicate, dead_lettered, retry).",
    ["consumer", "event_type", "outcome"],
    registry=REGISTRY,
)
HANDLING_SECONDS = Histogram(
    "asn_event_handling_seconds",
    "Time from delivery to the decision to ack/nack, including the database transaction.",
    ["consumer"],
    registry=REGISTRY,
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
OUTBOX_PUBLISHED = Counter(
    "asn_outbox_published_total",
    "Outbox events published with a broker confirm.",
    registry=REGISTRY,
)
OUTBOX_PENDING = Gauge(
    "asn_outbox_pending", "Outbox events committed but not yet published.", registry=REGISTRY
)
