"""How fast does `asn-audit replay` read the audit stream? (`make bench-replay`)

    python bench/audit_replay_benchmark.py [--events N] [--amqp-url URL]

In a fresh temporary RabbitMQ vhost (deleted afterwards, also on failure):

(a) declare the topology and publish N CloudEvents (default 100 000; catalog events built with
    `new_event`, structured mode, persistent) straight to the stream's exchange `asn.audit.in`
    (as the audit writer does with every event from `asn.events`), with publisher confirms
    awaited in windows of --window publishes; then
(b) a full replay from the first offset to a JSON Lines file with the hash chain and its head
    sidecar, exactly what `asn-audit replay --output FILE` does (run_replay, no filters): events/s,
    MB/s of message bodies read and MB/s of export written; the time includes connecting and
    finding the stream's end;
(c) `asn-audit verify` of that export.

Figures are printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aio_pika

from asn_audit.adapters.writer import AuditWriter
from asn_audit.usecases.replay import ReplayOptions, run_replay
from asn_audit.usecases.verify import verify_export
from asn_deploy.rabbitmq.rabbitmqctl import RabbitmqctlError, create_vhost, delete_vhost, vhost_url
from asn_shared.audit_stream.reader import AuditStreamReader
from asn_shared.catalog import event_model
from asn_shared.envelope import STRUCTURED_CONTENT_TYPE, new_event
from asn_shared.messaging.topology import (
    AUDIT_EXCHANGE,
    EVENTS_EXCHANGE,
    TopologySettings,
    declare_topology,
)

SOURCES = ("/agencies/ekinerja-kotabumi", "/agencies/ekinerja-metro", "/agencies/bkd-lampung")
PERIODS = ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026")
RATINGS = ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI")


def say(text: str = "") -> None:
    print(text, flush=True)


def nip(index: int) -> str:
    return f"1987031220100{1 + index % 2}{index % 10000:04d}"


def bodies(n: int) -> list[tuple[bytes, str, str]]:
    """N structured-mode AssessmentSubmitted events: (body, routing key, id)."""
    model = event_model("AssessmentSubmitted")
    out = []
    for i in range(n):
        data = model(
            nip=nip(i),
            period=PERIODS[i % len(PERIODS)],
            assessor_nip="197501012000031002",
            assessor_role="SUPERVISOR",
            rating_hasil_kerja=RATINGS[i % 3],
            rating_perilaku_kerja=RATINGS[(i // 3) % 3],
            notes="Target cakupan layanan triwulan III tidak tercapai.",
        )
        event = new_event(data, source=SOURCES[i % len(SOURCES)])
        out.append((event.to_json_bytes(), model.routing_key(), event.id))
    return out


async def publish_through_writer(url: str, n: int, window: int) -> tuple[float, int]:
    """Publish to `asn.events` with the audit writer running; the time until the stream holds N.

    Measures the whole path an event takes into the audit log: exchange, intake queue, writer
    (parse, copy, confirm, ack one at a time), stream.
    """
    writer = asyncio.create_task(AuditWriter(url, None).run_forever())
    try:
        started = time.perf_counter()
        _, size = await publish(url, n, window, exchange_name=EVENTS_EXCHANGE)
        say("  waiting for the audit writer to copy every event into the stream ...")
        async with AuditStreamReader(url) as reader:
            while (await reader.find_end() or -1) < n - 1:
                await asyncio.sleep(0.5)
        return time.perf_counter() - started, size
    finally:
        writer.cancel()


async def publish(
    url: str, n: int, window: int, exchange_name: str = AUDIT_EXCHANGE
) -> tuple[float, int]:
    say(f"  building {n:,} events ...")
    messages = bodies(n)
    size = sum(len(body) for body, _, _ in messages)
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        await declare_topology(channel, [], TopologySettings())
        exchange = await channel.get_exchange(exchange_name)
        say(f"  publishing with confirms in windows of {window} ...")
        started = time.perf_counter()
        for first in range(0, n, window):
            await asyncio.gather(
                *(
                    exchange.publish(
                        aio_pika.Message(
                            body,
                            content_type=STRUCTURED_CONTENT_TYPE,
                            message_id=event_id,
                            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                        ),
                        routing_key=key,
                    )
                    for body, key, event_id in messages[first : first + window]
                )
            )
        return time.perf_counter() - started, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="N (default 100000)")
    parser.add_argument(
        "--amqp-url",
        default=os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/"),
        help="the broker (any vhost: a temporary one is created next to it)",
    )
    parser.add_argument("--window", type=int, default=1000, help="publishes per confirm window")
    parser.add_argument("--prefetch", type=int, default=1000, help="the replay's prefetch")
    parser.add_argument(
        "--through-writer",
        action="store_true",
        help="publish to asn.events and time the audit writer filling the stream (a)",
    )
    args = parser.parse_args(argv)

    vhost = f"asn-bench-audit-{uuid.uuid4().hex[:8]}"
    url = vhost_url(args.amqp_url, vhost)
    n = args.events
    status = 0
    with tempfile.TemporaryDirectory(prefix="asn-audit-bench-") as workdir:
        export = Path(workdir) / "audit.jsonl"
        try:
            create_vhost(vhost)
            say(f"vhost {vhost}; (a) publish N={n:,} ...")
            fill = publish_through_writer if args.through_writer else publish
            publish_s, body_bytes = asyncio.run(fill(url, n, args.window))
            say(f"(b) replay to {export.name} with the hash chain ...")
            options = ReplayOptions(amqp_url=url, output=export, prefetch=args.prefetch)
            summary = asyncio.run(run_replay(options, warn=say))
            say("(c) verify ...")
            started = time.perf_counter()
            verdict = verify_export(export)
            verify_s = time.perf_counter() - started
            export_bytes = export.stat().st_size
        except (RabbitmqctlError, OSError, aio_pika.exceptions.AMQPException) as exc:
            say(f"benchmark failed: {type(exc).__name__}: {exc}")
            return 1
        except KeyboardInterrupt:
            say("interrupted")
            return 130
        finally:
            try:
                delete_vhost(vhost)
            except Exception as exc:  # pragma: no cover - reported, not hidden
                say(f"could not delete vhost {vhost}: {exc}")

    complete = summary.stats.read == n and summary.exported == n and verdict.valid
    if not complete:
        status = 1
    mb = 1024 * 1024
    rows = [
        ("machine", f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()}"),
        ("software", f"Python {platform.python_version()}, aio-pika {aio_pika.__version__}"),
        ("events", f"{n:,} ({body_bytes / n:,.0f} bytes each)"),
        (
            "into the stream via writer" if args.through_writer else "publish (confirms)",
            f"{n / publish_s:,.0f} events/s",
        ),
        ("replay read", f"{summary.stats.read:,} in {summary.seconds:.2f}s"),
        ("replay", f"{summary.stats.read / summary.seconds:,.0f} events/s"),
        ("replay, bodies read", f"{summary.stats.bytes / mb / summary.seconds:,.1f} MB/s"),
        (
            "replay, export written",
            f"{export_bytes / mb / summary.seconds:,.1f} MB/s ({export_bytes / mb:,.1f} MB)",
        ),
        ("verify", f"{verdict.count / verify_s:,.0f} lines/s ({verify_s:.2f}s)"),
        ("complete and valid", "yes" if complete else f"NO: {verdict.message}"),
    ]
    say()
    width = max(len(key) for key, _ in rows)
    for key, value in rows:
        say(f"{key:<{width}}  {value}")
    return status


if __name__ == "__main__":
    sys.exit(main())
