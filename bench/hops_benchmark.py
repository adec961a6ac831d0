"""`make bench`: the whole of issue 16's table in one run, printed and written as JSON.

    python bench/hops_benchmark.py [--events N] [--db sqlite|postgres]

In a fresh RabbitMQ vhost:

1. the broker's ceilings (ceilings.py): raw publish, raw consume + ack, a FastStream subscriber
   that only acknowledges, a bare consume-publish-ack forward;
2. the services as processes (LocalSystem; SQLite files, or fresh PostgreSQL databases). After
   the profiles, each hop's queue is filled while its service is stopped, then the service is
   started and timed from when it answers ready until it has handled every message its queue
   held (its own asn_events_consumed_total, polled), and for notifications until the last mail
   reached the SMTP sink. The hops run in the order the pipeline feeds them:

     assessment     N AssessmentSubmitted            -> PerformanceRated
     sanctions      what assessment published        -> coaching, rewards, training
     notifications  what both published              -> notices and their mails
     feedback       N CitizenRatingSubmitted

3. paced: every service running, AssessmentSubmitted for a new period at half the rate the
   slowest hop of the chain took them; each hop's latency and each relay's lag (latency.py);
4. end to end: N AssessmentSubmitted for a third period at once, to each chain's first
   NotificationSent;
5. each service's RSS from /proc.

Written to bench/results/<UTC time>-hops-<db>.json; never asserted.
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
from latency import (
    confirmed,
    first_of_chain,
    hop_latencies,
    paced_publish,
    percentiles,
    read_outbox,
    relay_lags,
)
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
PACED_SECONDS = 20
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


def assessment(i: int, nip: str, period: str = "2026") -> dict:
    hasil, perilaku = CELLS[i % len(CELLS)]
    data = {
        "nip": nip, "period": period, "assessor_nip": SUPERVISOR, "assessor_role": "SUPERVISOR",
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


async def time_hop(
    system: LocalSystem, amqp_url: str, service: str, timeout: float, sink: CountingSink | None
) -> dict:
    """Start `service` on its full queue; its rate from when it answers ready (start-up is not
    the hop's) until it has handled every message the queue held and, given the `sink`, until
    the last mail they caused has arrived (no new one for a second)."""
    messages = await waiting(amqp_url, service)
    mails_before = sink.mails if sink else 0
    system.start(service)
    started = time.perf_counter()
    before = await asyncio.to_thread(consumed, system, service)
    while await asyncio.to_thread(consumed, system, service) < messages:
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"{service} did not take its {messages} messages in {timeout:.0f} s")
        await asyncio.sleep(0.05)
    ended = time.perf_counter()
    while sink and time.perf_counter() - ended < 1.0:
        mails = sink.mails
        await asyncio.sleep(0.05)
        if sink.mails != mails:
            ended = time.perf_counter()
    seconds = ended - started
    hop = {"messages": messages, "seconds": seconds, "per_s": (messages - before) / seconds}
    return hop | ({"mails": sink.mails - mails_before} if sink else {})


async def settle(vhost: str, sink: CountingSink, quiet: float = 3.0) -> None:
    """Until the queues are empty and no mail has come for `quiet` seconds: the paced run
    must not share the machine with the backlog of the runs at full speed."""
    mails, still = -1, 0.0
    while still < quiet:
        await wait_until_drained(vhost, 600)
        await asyncio.sleep(0.5)
        mails, still = sink.mails, (still + 0.5 if sink.mails == mails else 0.0)


async def end_to_end(
    amqp_url: str, vhost: str, people: list[str], databases: dict[str, str], sink: CountingSink
) -> dict:
    """AssessmentSubmitted for a third period, all published at once, to the first
    NotificationSent of each chain (its correlation id), as the notifications outbox confirms."""
    await settle(vhost, sink)
    events = [
        (message(assessment(i, p, period="2028")), "assessment.submitted.v1")
        for i, p in enumerate(people)
    ]
    starts = await paced_publish(amqp_url, EXCHANGE, events, rate=1e9)
    await settle(vhost, sink)
    rows = await read_outbox(databases["notifications"])
    return first_of_chain(rows, starts, "NotificationSent")


async def paced(
    amqp_url: str, vhost: str, people: list[str], hops: dict, databases: dict[str, str]
) -> dict:
    """With every service running: AssessmentSubmitted for a new period at half the rate the
    slowest hop of the chain took them (each hop's messages per assessment counted), for about
    PACED_SECONDS; each hop's latency and each relay's lag (latency.py)."""
    n = hops["assessment"]["messages"]
    chain = ("assessment", "sanctions", "notifications")
    pace = 0.5 * min(hops[s]["per_s"] * n / hops[s]["messages"] for s in chain)
    count = min(len(people), max(50, int(pace * PACED_SECONDS)))
    events = [
        (message(assessment(i, p, period="2027")), "assessment.submitted.v1")
        for i, p in enumerate(people[:count])
    ]
    since = time.time()
    sent = await paced_publish(amqp_url, EXCHANGE, events, pace)
    if not await wait_until_drained(vhost, 120 + count / 10):
        raise TimeoutError("the paced events were not all taken")
    await asyncio.sleep(5.0)  # the last relays' confirms and the mail dispatcher
    outbox = {s: await read_outbox(url) for s, url in databases.items()}
    rated = confirmed(outbox["assessment"], set(sent))
    downstream = confirmed(outbox["sanctions"], set(rated))
    return {
        "pace_per_s": pace,
        "events": count,
        "latency_ms": {
            "assessment": percentiles(hop_latencies(sent, outbox["assessment"])),
            "sanctions": percentiles(hop_latencies(rated, outbox["sanctions"])),
            "notifications": percentiles(
                hop_latencies({**rated, **downstream}, outbox["notifications"])
            ),
        },
        "relay_lag_ms": {s: percentiles(relay_lags(rows, since)) for s, rows in outbox.items()},
    }


def rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


async def run(
    amqp_url: str, vhost: str, n: int, workdir: Path, env: dict[str, str], databases: dict[str, str]
) -> dict:
    """The hops at their maximum, one by one, then all of them paced (`paced`); `databases`
    names each service's database, SQLite files in `workdir` if none."""
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
                mails = sink if service == "notifications" else None
                hops[service] = await time_hop(system, amqp_url, service, 120 + n, mails)
                say(f"  {service}: {hops[service]['messages']} messages ...")
                await asyncio.sleep(2.0)  # its relay publishes what it emitted to the next hop
            await settle(vhost, sink)
            say("  paced: every service running, latency per hop ...")
            urls = databases or {s: f"sqlite+aiosqlite:///{system.database_path(s)}" for s in HOPS}
            at_half = await paced(amqp_url, vhost, people, hops, urls)
            say("  end to end: every service running, AssessmentSubmitted at full speed ...")
            chain = await end_to_end(amqp_url, vhost, people, urls, sink)
            rss = {s: rss_mb(system.pid(s)) for s in (*HOPS, "audit")}
    finally:
        controller.stop()
    return {
        "hops": hops, "paced": at_half, "end_to_end": chain, "rss_mb": rss, "mails": sink.mails
    }  # fmt: skip


def report(ceilings: Ceilings, result: dict, db: str, n: int) -> None:
    raw, noop = ceilings.raw_consume_ack_per_s, ceilings.faststream_noop_per_s
    at_half = result["paced"]
    say()
    say(f"Hop by hop, {db}, N={n} (one run; indicative only)")
    say(f"{'':<34}{'msg/s':>7}{'of raw':>8}{'of no-op':>9}  {'p50/p95/p99 ms':<17}"
        f"{'relay p99':>9}{'RSS MB':>7}")  # fmt: skip
    say("-" * 91)
    say(f"{'raw publish (confirms, 500 in flight)':<34}{ceilings.raw_publish_per_s:>7,.0f}")
    say(f"{'raw consume + ack (aio-pika)':<34}{raw:>7,.0f}{1:>8.1%}")
    say(f"{'FastStream no-op consume + ack':<34}{noop:>7,.0f}{noop / raw:>8.1%}{1:>9.1%}")
    forward = ceilings.bare_forward_per_s
    say(f"{'bare forward (consume,publish,ack)':<34}{forward:>7,.0f}{forward / raw:>8.1%}")
    for service, hop in result["hops"].items():
        rate, rss = hop["per_s"], result["rss_mb"].get(service) or 0
        latency = at_half["latency_ms"].get(service)
        spread = (
            f"{latency['p50']:.0f}/{latency['p95']:.0f}/{latency['p99']:.0f}" if latency else "-"
        )
        lag = at_half["relay_lag_ms"].get(service)
        relay = f"{lag['p99']:.0f}" if lag else "-"
        label = f"{service} ({hop['messages']}" + (
            f", {hop['mails']} mails)" if "mails" in hop else ")"
        )
        say(f"{label:<34}{rate:>7,.0f}{rate / raw:>8.1%}{rate / noop:>9.1%}  {spread:<17}"
            f"{relay:>9}{rss:>7.0f}")  # fmt: skip
    chain = result["end_to_end"]
    if chain.get("per_s"):
        rate, latency = chain["per_s"], chain["latency_ms"]
        spread = "/".join(f"{latency[q] / 1000:.1f}s" for q in ("p50", "p95", "p99"))
        label = f"end to end ({chain['completed']}/{chain['of']})"
        say(f"{label:<34}{rate:>7,.0f}{rate / raw:>8.1%}{rate / noop:>9.1%}  {spread:<17}")
    else:
        say(f"end to end: no chain reached NotificationSent ({chain})")
    say("-" * 91)
    say(f"latency and relay lag paced: {at_half['events']} AssessmentSubmitted at "
        f"{at_half['pace_per_s']:.0f}/s, half the slowest hop of the chain; feedback emits "
        "nothing per rating; end to end: AssessmentSubmitted published at once -> first "
        "NotificationSent, latency over the whole burst")  # fmt: skip


def arguments(description: str, events: int) -> argparse.Namespace:
    """--events, --db, --amqp-url, --postgres-url: what this and memory_benchmark.py take."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--events", type=int, default=events)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--amqp-url", default=os.environ.get("AMQP_URL", "amqp://guest:guest@localhost:5672/")
    )
    parser.add_argument(
        "--postgres-url", default="postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
    )
    return parser.parse_args()


def main() -> int:
    args = arguments(__doc__.splitlines()[0], events=2000)
    vhost = f"asn-bench-{uuid.uuid4().hex[:8]}"
    url = vhost_url(args.amqp_url, vhost)
    workdir = Path(tempfile.mkdtemp(prefix="asn-hops-"))
    env = {"ASSESSMENT_RATING_PUBLICATION": "SUBMISSION"}
    databases = postgres_databases(args.postgres_url) if args.db == "postgres" else {}
    env.update({f"{s.upper()}_DATABASE_URL": u for s, u in databases.items()})
    create_vhost(vhost)
    try:
        ceilings = asyncio.run(measure(url, 10_000))
        result = asyncio.run(run(url, vhost, args.events, workdir, env, databases))
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
