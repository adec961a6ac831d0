"""Per-hop latency and relay lag, read from what the services wrote (for hops_benchmark.py).

Events are published at a fixed pace (`paced_publish`), each publish time noted. Afterwards every
service's outbox is read: each row has the event, its cause (`causationid`), when the handler
wrote it (`created_at`, before its transaction's commit) and when the broker confirmed it
(`published_at`). So, without instrumenting the services:

- a hop's latency: from its input's publish (the benchmark's, or the upstream relay's confirm)
  to the confirm of the first event the hop emitted for it: consume, apply, commit, relay;
- the relay's lag: from `created_at` to `published_at` of each row, an upper bound on
  commit -> confirm (the row is written before the rest of its batch and the commit).
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import aio_pika
import sqlalchemy as sa

from asn_shared.persistence.engine import create_engine
from asn_shared.persistence.tables import outbox_table


@dataclass(frozen=True)
class OutboxRow:
    event_id: str
    event_type: str
    cause: str | None
    correlation: str | None
    created: float
    published: float | None


def percentiles(values: list[float]) -> dict[str, float | int] | None:
    """Nearest-rank p50/p95/p99 and the count; None without values."""
    if not values:
        return None
    ordered = sorted(values)

    def rank(q: float) -> float:
        return round(ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)], 1)

    return {"p50": rank(50), "p95": rank(95), "p99": rank(99), "n": len(ordered)}


async def paced_publish(
    amqp_url: str, exchange_name: str, events: list[tuple[aio_pika.Message, str]], rate: float
) -> dict[str, float]:
    """Publish `events` (message, routing key) at `rate` per second, each confirmed before it
    counts; the wall-clock time of each publish, by message id."""
    sent: dict[str, float] = {}
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        exchange = await channel.get_exchange(exchange_name)
        started = time.perf_counter()
        pending = []
        for i, (message, key) in enumerate(events):
            delay = started + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            sent[str(message.message_id)] = time.time()
            pending.append(asyncio.ensure_future(exchange.publish(message, key)))
        await asyncio.gather(*pending)
    return sent


async def read_outbox(database_url: str) -> list[OutboxRow]:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            result = await connection.execute(
                sa.select(
                    outbox_table.c.event_id,
                    outbox_table.c.event_type,
                    outbox_table.c.body,
                    outbox_table.c.created_at,
                    outbox_table.c.published_at,
                )
            )
            return [
                OutboxRow(
                    row.event_id,
                    row.event_type,
                    (body := json.loads(row.body)).get("causationid"),
                    body.get("correlationid"),
                    _seconds(row.created_at),
                    _seconds(row.published_at) if row.published_at else None,
                )
                for row in result
            ]
    finally:
        await engine.dispose()


def _seconds(moment: datetime) -> float:
    # SQLite gives back the UTC time the service wrote, without its zone.
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def hop_latencies(inputs: dict[str, float], emitted: list[OutboxRow]) -> list[float]:
    """Milliseconds from each input's time to the first confirmed event emitted for it."""
    first: dict[str, float] = {}
    for row in emitted:
        if row.cause in inputs and row.published is not None:
            first[row.cause] = min(first.get(row.cause, math.inf), row.published)
    return [1000 * (first[cause] - inputs[cause]) for cause in first]


def relay_lags(rows: list[OutboxRow], since: float) -> list[float]:
    """Milliseconds from write to confirm of the rows written after `since`."""
    return [
        1000 * (r.published - r.created)
        for r in rows
        if r.published is not None and r.created >= since
    ]


def confirmed(rows: list[OutboxRow], causes: set[str]) -> dict[str, float]:
    """When each event emitted for one of `causes` was confirmed: the next hop's inputs."""
    return {r.event_id: r.published for r in rows if r.cause in causes and r.published}


def first_of_chain(rows: list[OutboxRow], starts: dict[str, float], event_type: str) -> dict:
    """For each chain started by one of `starts` (id -> time), when its first `event_type` was
    confirmed: the end-to-end figures (rate, latency) of the chains that completed."""
    first: dict[str, float] = {}
    for row in rows:
        if row.event_type == event_type and row.correlation in starts and row.published:
            first[row.correlation] = min(first.get(row.correlation, math.inf), row.published)
    if not first:
        return {"completed": 0, "of": len(starts)}
    seconds = max(first.values()) - min(starts.values())
    return {
        "completed": len(first),
        "of": len(starts),
        "per_s": len(first) / seconds,
        "latency_ms": percentiles([1000 * (t - starts[c]) for c, t in first.items()]),
    }
