"""Does a service's memory stay flat over a long run? (`make bench-memory`)

    python bench/memory_benchmark.py [--events 100000] [--db sqlite|postgres]

In a fresh RabbitMQ vhost the assessment service runs as a process (LocalSystem, as `make
bench`), alone: with the other services beside it on two cores it took ~25 events/s, and the
run would last an hour. N AssessmentSubmitted (each for its own ASN, rated at submission) are
published while it runs; its RSS is read from /proc when it has consumed each tenth of N.
Printed and written to bench/results/<UTC time>-memory-<db>.json; never asserted.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from aiosmtpd.controller import Controller
from hops_benchmark import (
    RESULTS,
    arguments,
    assessment,
    consumed,
    drop_postgres_databases,
    postgres_databases,
    publish,
    rss_mb,
)
from pipeline_benchmark import HTTP_PORTS, CountingSink, free_port, say

from asn_deploy.local.system import LocalSystem
from asn_deploy.rabbitmq.rabbitmqctl import create_vhost, delete_vhost, vhost_url

SAMPLES = 10


async def run(amqp_url: str, n: int, workdir: Path, env: dict[str, str]) -> list[dict]:
    sink = CountingSink()
    smtp_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    samples: list[dict] = []
    try:
        with LocalSystem(
            amqp_url=amqp_url, data_dir=workdir / "data", log_dir=workdir / "log",
            smtp_port=smtp_port, http_ports=HTTP_PORTS, extra_env=env,
        ) as system:  # fmt: skip
            system.migrate()
            system.start("assessment")
            started = time.perf_counter()
            people = [f"19900101202{i:07d}" for i in range(n)]
            for offset in range(0, n, 10_000):
                chunk = people[offset : offset + 10_000]
                await publish(
                    amqp_url,
                    [(assessment(i, p), "assessment.submitted.v1") for i, p in enumerate(chunk)],
                )
            say(f"  {n} published in {time.perf_counter() - started:.0f} s")
            for step in range(1, SAMPLES + 1):
                target = n * step // SAMPLES
                while await asyncio.to_thread(consumed, system, "assessment") < target:
                    await asyncio.sleep(1.0)
                rss = {"assessment": rss_mb(system.pid("assessment"))}
                seconds = time.perf_counter() - started
                samples.append({"consumed": target, "seconds": seconds, "rss_mb": rss})
                say(f"  {target:>7} events, {seconds:>5.0f} s: " + ", ".join(
                    f"{s} {m:.0f} MB" for s, m in rss.items() if m
                ))  # fmt: skip
    finally:
        controller.stop()
    return samples


def main() -> int:
    args = arguments(__doc__.splitlines()[0], events=100_000)
    vhost = f"asn-bench-{uuid.uuid4().hex[:8]}"
    workdir = Path(tempfile.mkdtemp(prefix="asn-memory-"))
    env = {"ASSESSMENT_RATING_PUBLICATION": "SUBMISSION"}
    databases = postgres_databases(args.postgres_url) if args.db == "postgres" else {}
    env.update({f"{s.upper()}_DATABASE_URL": u for s, u in databases.items()})
    create_vhost(vhost)
    try:
        samples = asyncio.run(run(vhost_url(args.amqp_url, vhost), args.events, workdir, env))
    finally:
        delete_vhost(vhost)
        drop_postgres_databases(args.postgres_url, databases)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    out = RESULTS / f"{stamp}-memory-{args.db}.json"
    out.write_text(json.dumps({"db": args.db, "events": args.events, "samples": samples}, indent=2))
    say(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
