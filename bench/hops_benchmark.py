"""Each consuming hop's rate, through the broker, in one run (`make bench-hops`).

    python bench/hops_benchmark.py [--events N] [--db sqlite|postgres]

In a fresh RabbitMQ vhost, the services run as processes (LocalSystem). After the profiles, a
hop's queue is filled while its service is stopped, then the service is started and timed until
it has handled every message its queue held (its own asn_events_consumed_total, polled):
rate = messages / time.
The hops run in the order the pipeline feeds them, so each takes what the one before published:

  assessment     N AssessmentSubmitted            -> PerformanceRated
  sanctions      what assessment published        -> coaching, rewards, training
  notifications  what both published              -> notices (mails go out after, not timed)
  feedback       N CitizenRatingSubmitted

Each rate is read against the ceilings of the same broker (ceilings.py): raw consume + ack, a
FastStream subscriber that only acknowledges, and a bare consume-publish-ack forward; each
service's RSS is read from /proc at the end. Printed and written to
bench/results/<UTC time>-hops.json; never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

import aio_pika
from aiosmtpd.controller import Controller
from ceilings import Ceilings, measure
from pipeline_benchmark import (
    EXCHANGE,
    HTTP_PORTS,
    CountingSink,
    cloud_event,
    free_port,
    message,
    say,
    wait_until_drained,
)

from asn_deploy.local.system import LocalSystem
from asn_deploy.rabbitmq.rabbitmqctl import create_vhost, delete_vhost, vhost_url

RESULTS = Path(__file__).parent / "results"
HOPS = ("assessment", "sanctions", "notifications", "feedback")
SUPERVISOR = "197501012000031002"
CELLS = [  # SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN: rewards, nothing, coaching downstream
    ("DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"),
    ("SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI"),
    ("DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI"),
]


def staff(n: int) -> list[str]:
    return [f"19880101201{i:07d}" for i in range(n)]


def profile(nip: str, supervisor: str | None) -> dict:
    data = {
        "nip": nip, "name": f"Pegawai {nip[-4:]}", "unit_id": "dinkes", "unit_name": "Dinkes",
        "position": "Perawat", "position_type": "FUNGSIONAL", "supervisor_nip": supervisor,
        "email": f"p{nip[-6:]}@bench.example.go.id",
    }  # fmt: skip
    return cloud_event("EmployeeProfileUpdated", data, "/agencies/bkn-siasn", nip)


def assessment(i: int, nip: str) -> dict:
    hasil, perilaku = CELLS[i % len(CELLS)]
    data = {
        "nip": nip, "period": "2026", "assessor_nip": SUPERVISOR, "assessor_role": "SUPERVISOR",
        "rating_hasil_kerja": hasil, "rating_perilaku_kerja": perilaku,
    }  # fmt: skip
    return cloud_event("AssessmentSubmitted", data, "/agencies/ekinerja", nip)


def citizen_rating(nip: str) -> dict:
    data = {"nip": nip, "unit_id": "dinkes", "score": 4, "served_at": "2026-11-02T09:00:00+07:00"}
    return cloud_event("CitizenRatingSubmitted", data, "/agencies/mpp", nip)


async def publish(amqp_url: str, events: list[tuple[dict, str]]) -> None:
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        exchange = await channel.get_exchange(EXCHANGE)
        for offset in range(0, len(events), 100):
            window = events[offset : offset + 100]
            await asyncio.gather(*(exchange.publish(message(e), key) for e, key in window))


async def waiting(amqp_url: str, queue: str) -> int:
    """Messages ready in `queue`, from the queue itself (a passive declare): rabbitmqctl's
    figures lag by seconds. Its consumer is stopped, so none is unacknowledged."""
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        declared = await channel.declare_queue(queue, passive=True)
        return int(declared.declaration_result.message_count or 0)


def consumed(system: LocalSystem, service: str) -> int:
    """Deliveries the service handled since it started (its asn_events_consumed_total)."""
    with urllib.request.urlopen(system.url(service, "/metrics"), timeout=5) as response:
        text = response.read().decode()
    return int(
        sum(
            float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith("asn_events_consumed_total{")
        )
    )


async def time_hop(system: LocalSystem, amqp_url: str, service: str, timeout: float) -> dict:
    """Start `service` on its full queue; messages and seconds until it has handled them all."""
    messages = await waiting(amqp_url, service)
    system.start(service)
    started = time.perf_counter()
    while await asyncio.to_thread(consumed, system, service) < messages:
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"{service} did not take its {messages} messages in {timeout:.0f} s")
        await asyncio.sleep(0.1)
    seconds = time.perf_counter() - started
    return {"messages": messages, "seconds": seconds, "per_s": messages / seconds}


def rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


async def run(amqp_url: str, vhost: str, n: int, workdir: Path, env: dict[str, str]) -> dict:
    sink = CountingSink()
    smtp_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    people = staff(n)
    try:
        with LocalSystem(
            amqp_url=amqp_url, data_dir=workdir / "data", log_dir=workdir / "log",
            smtp_port=smtp_port, http_ports=HTTP_PORTS, extra_env=env,
        ) as system:  # fmt: skip
            say(f"  migrating and starting the services (logs in {workdir / 'log'}) ...")
            system.migrate()
            system.start()
            profiles = [profile(SUPERVISOR, None), *(profile(p, SUPERVISOR) for p in people)]
            await publish(amqp_url, [(p, "employee.profile.updated.v1") for p in profiles])
            if not await wait_until_drained(vhost, 120 + n / 10):
                raise TimeoutError("the services did not take the profiles")
            for service in HOPS:
                system.stop(service)
            await publish(
                amqp_url,
                [(assessment(i, p), "assessment.submitted.v1") for i, p in enumerate(people)]
                + [(citizen_rating(p), "citizen.rating.submitted.v1") for p in people],
            )
            hops = {}
            for service in HOPS:
                hops[service] = await time_hop(system, amqp_url, service, 120 + n)
                say(f"  {service}: {hops[service]['messages']} messages ...")
                await asyncio.sleep(2.0)  # its relay publishes what it emitted to the next hop
            rss = {s: rss_mb(system.pid(s)) for s in (*HOPS, "audit")}
    finally:
        controller.stop()
    return {"hops": hops, "rss_mb": rss, "mails": sink.mails}


def report(ceilings: Ceilings, result: dict, db: str, n: int) -> None:
    raw, noop = ceilings.raw_consume_ack_per_s, ceilings.faststream_noop_per_s
    say()
    say(f"Hop by hop, {db}, N={n} (one run; indicative only)")
    say(f"{'':<40}{'msg/s':>9}{'of raw':>9}{'of no-op':>10}{'RSS MB':>8}")
    say("-" * 76)
    say(f"{'raw consume + ack (aio-pika)':<40}{raw:>9,.0f}{1:>9.1%}")
    say(f"{'FastStream no-op consume + ack':<40}{noop:>9,.0f}{noop / raw:>9.1%}{1:>10.1%}")
    forward = ceilings.bare_forward_per_s
    say(f"{'bare forward (consume, publish, ack)':<40}{forward:>9,.0f}{forward / raw:>9.1%}")
    for service, hop in result["hops"].items():
        rate, rss = hop["per_s"], result["rss_mb"].get(service) or 0
        label = f"{service} ({hop['messages']} messages)"
        say(f"{label:<40}{rate:>9,.0f}{rate / raw:>9.1%}{rate / noop:>10.1%}{rss:>8.0f}")
    say("-" * 76)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--amqp-url", default=os.environ.get("AMQP_URL", "amqp://guest:guest@localhost:5672/")
    )
    parser.add_argument(
        "--postgres-url", default="postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
    )
    args = parser.parse_args()
    vhost = f"asn-bench-{uuid.uuid4().hex[:8]}"
    url = vhost_url(args.amqp_url, vhost)
    workdir = Path(tempfile.mkdtemp(prefix="asn-hops-"))
    env = {"ASSESSMENT_RATING_PUBLICATION": "SUBMISSION"}
    databases = postgres_databases(args.postgres_url) if args.db == "postgres" else {}
    env.update({f"{s.upper()}_DATABASE_URL": u for s, u in databases.items()})
    create_vhost(vhost)
    try:
        ceilings = asyncio.run(measure(url, 10_000))
        result = asyncio.run(run(url, vhost, args.events, workdir, env))
    finally:
        delete_vhost(vhost)
        drop_postgres_databases(args.postgres_url, databases)
    report(ceilings, result, args.db, args.events)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    out = RESULTS / f"{stamp}-hops-{args.db}.json"
    out.write_text(
        json.dumps(
            {
                "ceilings": ceilings.as_dict(),
                "db": args.db,
                "events": args.events,
                **result,
            },
            indent=2,
        )
    )
    say(f"written to {out}")
    return 0


def postgres_databases(admin_url: str) -> dict[str, str]:
    import asyncpg

    names = {s: f"asn_bench_{s}_{uuid.uuid4().hex[:8]}" for s in HOPS}

    async def create() -> None:
        connection = await asyncpg.connect(admin_url.replace("postgresql+asyncpg", "postgresql"))
        for name in names.values():
            await connection.execute(f'CREATE DATABASE "{name}"')
        await connection.close()

    asyncio.run(create())
    base = admin_url.rsplit("/", 1)[0]
    return {s: f"{base}/{name}" for s, name in names.items()}


def drop_postgres_databases(admin_url: str, databases: dict[str, str]) -> None:
    import asyncpg

    async def drop() -> None:
        connection = await asyncpg.connect(admin_url.replace("postgresql+asyncpg", "postgresql"))
        for url in databases.values():
            await connection.execute(
                f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'
            )
        await connection.close()

    if databases:
        asyncio.run(drop())


if __name__ == "__main__":
    sys.exit(main())
