"""How fast is the broker, and how much of it does the pipeline keep? (`make bench`)

    python bench/pipeline_benchmark.py [--messages N] [--amqp-url URL]

In one run, in a fresh temporary RabbitMQ vhost (deleted afterwards, also on failure):

(a) raw aio-pika publishing with publisher confirms and persistent delivery to a quorum queue:
    sequentially (await every confirm) and pipelined (windows of 100 publishes in flight);
(b) raw consume + ack from that queue with prefetch 100;
(c) the end-to-end pipeline: the four services and the audit writer as real processes
    (LocalSystem, SQLite files in a temporary directory, HTTP ports 8201-8205 so `make run` can
    keep running, an in-process SMTP sink that only counts), EmployeeProfileUpdated for 50 ASN
    and 5 supervisors, then N supervisor AssessmentSubmitted (all nine kuadran cells, so some
    open coaching and some grant rewards),
    each for its own (nip, period). A queue bound to `notification.sent.v1` watches the outcome:
      latency(e)    = first NotificationSent with correlationid == e.id  -  publish time of e
      pipeline rate = N / (first publish -> every AssessmentSubmitted has a NotificationSent)

N defaults to 2000 for (a)/(b) and 500 for (c); --messages sets both. Figures are printed, never
asserted: they depend on the machine (and on the services' settings, e.g. the notifications
dispatcher's batch size and poll interval; pass them with --service-env KEY=VALUE).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import shutil
import signal
import socket
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import aio_pika
from aiosmtpd.controller import Controller

from asn_deploy.local.system import LocalSystem, LocalSystemError
from asn_deploy.rabbitmq.rabbitmqctl import (
    RabbitmqctlError,
    create_vhost,
    delete_vhost,
    list_queues,
    vhost_url,
)

EXCHANGE = "asn.events"
RAW_QUEUE = "bench.raw"
WINDOW = 100
PREFETCH = 100
HTTP_PORTS = {
    "assessment": 8201,
    "feedback": 8202,
    "sanctions": 8203,
    "notifications": 8204,
    "audit": 8205,
}
N_ASN, N_SUPERVISORS = 50, 5
CELLS = [  # (rating_hasil_kerja, rating_perilaku_kerja): every cell of the kuadran
    (h, p)
    for h in ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI")
    for p in ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI")
]


def say(text: str = "") -> None:
    print(text, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def cloud_event(event_type: str, data: dict, source: str, subject: str) -> dict:
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": source,
        "type": event_type,
        "time": datetime.now(UTC).isoformat(),
        "subject": subject,
        "datacontenttype": "application/json",
        "data": data,
    }


def message(event: dict) -> aio_pika.Message:
    return aio_pika.Message(
        json.dumps(event).encode(),
        content_type="application/cloudevents+json",
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        message_id=event["id"],
    )


def nip(birth_year: int, index: int, sex: int) -> str:
    return f"{birth_year}0101{birth_year + 25}03{sex}{index:03d}"


# ------------------------------------------------------------------------------------------------
# (a) + (b): the raw broker
# ------------------------------------------------------------------------------------------------


@dataclass
class RawResult:
    messages: int
    sequential_publish_per_s: float
    pipelined_publish_per_s: float
    consumed: int
    consume_per_s: float
    rabbitmq_version: str


async def raw_benchmark(amqp_url: str, n: int) -> RawResult:
    sample = cloud_event(
        "AssessmentSubmitted",
        {
            "nip": "198703122010011004",
            "period": "2026-Q3",
            "assessor_nip": "197501012000031002",
            "assessor_role": "SUPERVISOR",
            "rating_hasil_kerja": "DI_BAWAH_EKSPEKTASI",
            "rating_perilaku_kerja": "SESUAI_EKSPEKTASI",
            "notes": "Target cakupan layanan triwulan III tidak tercapai.",
        },
        "/agencies/ekinerja-kotabumi",
        "198703122010011004",
    )
    connection = await aio_pika.connect(amqp_url)
    try:
        version = str(connection.transport.connection.server_properties.get("version", "?"))
        channel = await connection.channel(publisher_confirms=True)
        queue = await channel.declare_queue(
            RAW_QUEUE, durable=True, arguments={"x-queue-type": "quorum"}
        )
        exchange = channel.default_exchange

        def fresh() -> aio_pika.Message:
            sample["id"] = str(uuid.uuid4())
            return message(sample)

        start = time.perf_counter()
        for _ in range(n):
            await exchange.publish(fresh(), routing_key=RAW_QUEUE)
        sequential = n / (time.perf_counter() - start)

        start = time.perf_counter()
        for offset in range(0, n, WINDOW):
            await asyncio.gather(
                *(
                    exchange.publish(fresh(), routing_key=RAW_QUEUE)
                    for _ in range(min(WINDOW, n - offset))
                )
            )
        pipelined = n / (time.perf_counter() - start)

        total = 2 * n
        consumer_channel = await connection.channel()
        await consumer_channel.set_qos(prefetch_count=PREFETCH)
        consumer_queue = await consumer_channel.get_queue(RAW_QUEUE)
        done = asyncio.Event()
        count = 0

        async def on_message(msg: aio_pika.abc.AbstractIncomingMessage) -> None:
            nonlocal count
            await msg.ack()
            count += 1
            if count >= total:
                done.set()

        start = time.perf_counter()
        tag = await consumer_queue.consume(on_message)
        try:
            await asyncio.wait_for(done.wait(), timeout=max(60.0, total / 100))
        except TimeoutError:
            pass
        elapsed = time.perf_counter() - start
        await consumer_queue.cancel(tag)
        await queue.delete(if_unused=False, if_empty=False)
        return RawResult(n, sequential, pipelined, count, count / elapsed, version)
    finally:
        await connection.close()


# ------------------------------------------------------------------------------------------------
# (c): the pipeline
# ------------------------------------------------------------------------------------------------


class CountingSink:
    """aiosmtpd handler that only counts (quiet: no files, no output)."""

    def __init__(self) -> None:
        self.mails = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.mails += 1
        return "250 OK"


@dataclass
class PipelineResult:
    messages: int
    completed: int = 0
    rate_per_s: float = 0.0
    publish_per_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    rated_latencies_ms: list[float] = field(default_factory=list)
    notifications_sent: int = 0
    notifications_failed: int = 0
    mails: int = 0
    timed_out: bool = False
    note: str = ""


async def wait_until_drained(vhost: str, timeout: float) -> bool:
    """True when every service queue in the vhost is empty (ready + unacked) twice in a row."""
    deadline = time.monotonic() + timeout
    streak = 0
    while time.monotonic() < deadline:
        queues = await asyncio.to_thread(list_queues, vhost)
        busy = {
            q: n
            for q, n in queues.items()
            if n and not q.endswith(".dlq") and q != "asn.audit" and not q.startswith("amq.")
        }
        streak = streak + 1 if not busy else 0
        if streak >= 2:
            return True
        await asyncio.sleep(0.5)
    return False


async def pipeline_benchmark(
    amqp_url: str, vhost: str, n: int, workdir: Path, service_env: dict[str, str], timeout: float
) -> PipelineResult:
    result = PipelineResult(n)
    sink = CountingSink()
    smtp_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        with LocalSystem(
            amqp_url=amqp_url,
            data_dir=workdir / "data",
            log_dir=workdir / "log",
            smtp_port=smtp_port,
            http_ports=HTTP_PORTS,
            extra_env=service_env,
        ) as system:
            say(f"  migrating and starting the services (logs in {workdir / 'log'}) ...")
            system.migrate()
            system.start()
            await _drive(system, amqp_url, vhost, n, timeout, result)
            result.mails = sink.mails
    finally:
        controller.stop()
    return result


async def _drive(
    system: LocalSystem, amqp_url: str, vhost: str, n: int, timeout: float, result: PipelineResult
) -> None:
    supervisors = [nip(1970 + i, i, 1) for i in range(N_SUPERVISORS)]
    staff = [nip(1985 + i % 10, 100 + i, 1 + i % 2) for i in range(N_ASN)]
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        exchange = await channel.get_exchange(EXCHANGE)

        profiles = []
        for i, person in enumerate(supervisors + staff):
            boss = None if person in supervisors else supervisors[i % N_SUPERVISORS]
            profiles.append(
                cloud_event(
                    "EmployeeProfileUpdated",
                    {
                        "nip": person,
                        "name": f"Pegawai Uji {i:03d}",
                        "unit_id": "dinkes-kepahiang",
                        "unit_name": "Dinas Kesehatan Kabupaten Kepahiang",
                        "position": "Kepala Seksi"
                        if boss is None
                        else "Pengelola Program Imunisasi",
                        "position_type": "ADMINISTRASI" if boss is None else "FUNGSIONAL",
                        "supervisor_nip": boss,
                        "email": f"pegawai.{i:03d}@kepahiangkab.go.id",
                        "phone": None,
                    },
                    "/agencies/bkn-siasn",
                    person,
                )
            )
        await asyncio.gather(
            *(exchange.publish(message(p), "employee.profile.updated.v1") for p in profiles)
        )
        say(
            f"  published {len(profiles)} EmployeeProfileUpdated; "
            "waiting until the services have them ..."
        )
        if not await wait_until_drained(vhost, 90):
            raise LocalSystemError(
                "the services did not drain their queues within 90 s after the profiles"
            )

        # Every assessment gets its own (nip, period): 19 periods a year, going back from 2026.
        periods = [
            f"{y}{suffix}"
            for y in range(2026, 1990, -1)
            for suffix in [
                "",
                "-S1",
                "-S2",
                "-Q1",
                "-Q2",
                "-Q3",
                "-Q4",
                *(f"-{m:02d}" for m in range(1, 13)),
            ]
        ]
        assessments = []
        for i in range(n):
            person = staff[i % N_ASN]
            hasil, perilaku = CELLS[i % len(CELLS)]
            assessments.append(
                cloud_event(
                    "AssessmentSubmitted",
                    {
                        "nip": person,
                        "period": periods[i // N_ASN],
                        "assessor_nip": supervisors[(i % N_ASN) % N_SUPERVISORS],
                        "assessor_role": "SUPERVISOR",
                        "rating_hasil_kerja": hasil,
                        "rating_perilaku_kerja": perilaku,
                    },
                    "/agencies/ekinerja-kepahiang",
                    person,
                )
            )
        ids = {a["id"] for a in assessments}

        # Watch the outcome: bound before the first assessment is published.
        watch_channel = await connection.channel()
        watch = await watch_channel.declare_queue(exclusive=True, auto_delete=True)
        await watch.bind(EXCHANGE, "notification.sent.v1")
        await watch.bind(EXCHANGE, "notification.failed.v1")
        await watch.bind(EXCHANGE, "performance.rated.v1")  # the first hop, to see where time goes
        first_seen: dict[str, float] = {}
        rated_seen: dict[str, float] = {}
        all_done = asyncio.Event()

        async def on_outcome(msg: aio_pika.abc.AbstractIncomingMessage) -> None:
            now = time.perf_counter()
            event = json.loads(msg.body)
            if event.get("type") == "PerformanceRated":
                rated_seen.setdefault(event.get("correlationid"), now)
                return
            if event.get("type") == "NotificationFailed":
                result.notifications_failed += 1
                return
            result.notifications_sent += 1
            correlation = event.get("correlationid")
            if correlation in ids and correlation not in first_seen:
                first_seen[correlation] = now
                if len(first_seen) == len(ids):
                    all_done.set()

        await watch.consume(on_outcome, no_ack=True)

        published_at: dict[str, float] = {}
        say(
            f"  publishing {n} AssessmentSubmitted (windows of {WINDOW}), "
            "waiting for NotificationSent ..."
        )
        start = time.perf_counter()
        for offset in range(0, n, WINDOW):
            batch = assessments[offset : offset + WINDOW]
            coros = []
            for event in batch:
                published_at[event["id"]] = time.perf_counter()
                coros.append(exchange.publish(message(event), "assessment.submitted.v1"))
            await asyncio.gather(*coros)
        result.publish_per_s = n / (time.perf_counter() - start)

        deadline = time.monotonic() + timeout
        last_report = time.monotonic()
        while not all_done.is_set() and time.monotonic() < deadline:
            try:
                await asyncio.wait_for(all_done.wait(), timeout=1.0)
            except TimeoutError:
                pass
            if system.exited():
                result.note = f"service(s) exited: {system.exited()}"
                break
            if time.monotonic() - last_report > 10:
                say(f"    {len(first_seen)}/{n} assessments notified ...")
                last_report = time.monotonic()
        result.timed_out = not all_done.is_set()
        result.completed = len(first_seen)
        if first_seen:
            end = max(first_seen.values()) if not result.timed_out else time.perf_counter()
            result.rate_per_s = len(first_seen) / (end - start)
            result.latencies_ms = [(first_seen[i] - published_at[i]) * 1000 for i in first_seen]
        result.rated_latencies_ms = [
            (t - published_at[i]) * 1000 for i, t in rated_seen.items() if i in ids
        ]
    finally:
        await connection.close()


# ------------------------------------------------------------------------------------------------
# report
# ------------------------------------------------------------------------------------------------


def report(raw: RawResult | None, pipe: PipelineResult | None, cores: int | None) -> None:
    rows: list[tuple[str, str]] = []
    if raw:
        rows += [
            (
                f"raw publish, sequential (confirms, persistent, quorum), N={raw.messages}",
                f"{raw.sequential_publish_per_s:,.0f} msg/s",
            ),
            (
                f"raw publish, pipelined (windows of {WINDOW})",
                f"{raw.pipelined_publish_per_s:,.0f} msg/s",
            ),
            (
                f"raw consume + ack (prefetch {PREFETCH}), {raw.consumed} msgs",
                f"{raw.consume_per_s:,.0f} msg/s",
            ),
        ]
    if pipe:
        label = f"pipeline AssessmentSubmitted -> NotificationSent, N={pipe.messages}"
        if pipe.timed_out:
            label += f" (TIMED OUT: {pipe.completed}/{pipe.messages} done)"
        rows += [
            (label, f"{pipe.rate_per_s:,.1f} events/s"),
            ("  publishing those N AssessmentSubmitted", f"{pipe.publish_per_s:,.0f} msg/s"),
        ]
        if raw and raw.pipelined_publish_per_s:
            rows.append(
                (
                    "ratio pipeline / raw pipelined publish",
                    f"{pipe.rate_per_s / raw.pipelined_publish_per_s:.2%}",
                )
            )
        if raw and raw.sequential_publish_per_s:
            rows.append(
                (
                    "ratio pipeline / raw sequential publish",
                    f"{pipe.rate_per_s / raw.sequential_publish_per_s:.2%}",
                )
            )
        if pipe.latencies_ms:
            rows += [
                (
                    "latency to first NotificationSent, p50",
                    f"{percentile(pipe.latencies_ms, 50):,.0f} ms",
                ),
                (
                    "latency to first NotificationSent, p99",
                    f"{percentile(pipe.latencies_ms, 99):,.0f} ms",
                ),
                ("latency, max", f"{max(pipe.latencies_ms):,.0f} ms"),
            ]
        if pipe.rated_latencies_ms:
            rows.append(
                (
                    "  of which to PerformanceRated (first hop), p50 / p99",
                    f"{percentile(pipe.rated_latencies_ms, 50):,.0f} / "
                    f"{percentile(pipe.rated_latencies_ms, 99):,.0f} ms",
                )
            )
        rows.append(
            (
                "NotificationSent / NotificationFailed seen, mails received",
                f"{pipe.notifications_sent} / {pipe.notifications_failed}, {pipe.mails}",
            )
        )
        if pipe.note:
            rows.append(("note", pipe.note))
    rows += [
        (
            "machine",
            f"{cores} cores, {platform.machine()}, {platform.system()} {platform.release()}",
        ),
        (
            "software",
            f"Python {platform.python_version()}, aio-pika {aio_pika.__version__}, "
            f"RabbitMQ {raw.rabbitmq_version if raw else '?'}",
        ),
    ]
    width = max(len(k) for k, _ in rows)
    say()
    say("Pipeline benchmark (one run; indicative only)")
    say("-" * (width + 22))
    for key, value in rows:
        say(f"{key:<{width}}  {value:>18}" if len(value) <= 18 else f"{key:<{width}}  {value}")
    say("-" * (width + 22))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--messages",
        type=int,
        default=None,
        help="N for every part (default 2000 raw, 500 pipeline)",
    )
    parser.add_argument("--raw-messages", type=int, default=None, help="N for (a)/(b) only")
    parser.add_argument("--pipeline-messages", type=int, default=None, help="N for (c) only")
    parser.add_argument(
        "--amqp-url",
        default=os.environ.get("AMQP_URL", "amqp://guest:guest@localhost:5672/"),
        help="the broker; the benchmark uses a temporary vhost on it",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="seconds to wait for the pipeline (default max(120, N/2))",
    )
    parser.add_argument(
        "--service-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra environment for the services, e.g. NOTIFICATIONS_DISPATCH_POLL_SECONDS=0.1",
    )
    parser.add_argument("--skip-pipeline", action="store_true", help="measure the raw broker only")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (logs, SQLite)"
    )
    args = parser.parse_args(argv)
    n_raw = args.raw_messages or args.messages or 2000
    n_pipe = args.pipeline_messages or args.messages or 500
    timeout = args.timeout or max(120.0, n_pipe / 2)
    # Rated per submission: the benchmark measures the event path, not a period close.
    service_env = {"ASSESSMENT_RATING_PUBLICATION": "SUBMISSION"}
    service_env.update(kv.split("=", 1) for kv in args.service_env)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # leave through the clean-up below
    vhost = f"asn-bench-{uuid.uuid4().hex[:8]}"
    url = vhost_url(args.amqp_url, vhost)
    workdir = Path(tempfile.mkdtemp(prefix="asn-bench-"))
    raw: RawResult | None = None
    pipe: PipelineResult | None = None
    status = 0
    try:
        create_vhost(vhost)
        say(f"vhost {vhost}; (a)+(b) raw broker with N={n_raw} ...")
        raw = asyncio.run(raw_benchmark(url, n_raw))
        if not args.skip_pipeline:
            say(f"(c) pipeline with N={n_pipe} ...")
            pipe = asyncio.run(
                pipeline_benchmark(url, vhost, n_pipe, workdir, service_env, timeout)
            )
            if pipe.timed_out:
                status = 1
    except (LocalSystemError, RabbitmqctlError, OSError, aio_pika.exceptions.AMQPException) as exc:
        say(f"benchmark failed: {type(exc).__name__}: {exc}")
        status = 1
    except KeyboardInterrupt:
        say("interrupted")
        status = 130
    finally:
        try:
            delete_vhost(vhost)
        except Exception as exc:  # pragma: no cover - reported, not hidden
            say(f"could not delete vhost {vhost}: {exc}")
        if args.keep or status:
            say(f"logs and databases kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report(raw, pipe, os.cpu_count())
    return status


if __name__ == "__main__":
    sys.exit(main())
