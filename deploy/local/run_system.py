"""`make run`: the whole system on this machine, no Docker, with the demo played through it.

    .venv/bin/python deploy/local/run_system.py                    # runs until Ctrl-C
    .venv/bin/python deploy/local/run_system.py --exit-after-demo  # smoke test: exit 0 iff all arrived

1. checks RabbitMQ at AMQP_URL (default amqp://guest:guest@localhost:5672/);
2. starts the mail sink (SMTP 127.0.0.1:8025 -> var/mail/*.eml);
3. migrates and starts the four services (SQLite files in var/data/, logs in var/log/,
   HTTP on 8101-8104) and the audit service, which writes the audit stream (HTTP on 8105);
4. binds a temporary queue to `#` on asn.events, publishes the demo (deploy/local/demo.py) and
   waits until every expected PerformanceRated, CoachingStarted/RewardGranted and NotificationSent
   has crossed the exchange;
5. prints a summary and where to look, then shows every event crossing the exchange until Ctrl-C.

Each run starts from empty databases, mails and logs (the demo is a scenario, not a history);
`--keep-data` keeps what the previous run left.
"""

from __future__ import annotations

import argparse
import email
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from email.policy import default as default_policy
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

import pika  # noqa: E402
from demo import DemoSummary, print_summary, publish_demo  # noqa: E402
from localsystem import (  # noqa: E402
    DEFAULT_HTTP_PORTS,
    SERVICES,
    LocalSystem,
    LocalSystemError,
    list_queues,
    vhost_of,
)
from pika.exceptions import AMQPError  # noqa: E402

DEFAULT_AMQP_URL = "amqp://guest:guest@localhost:5672/"
SMTP_HOST, SMTP_PORT = "127.0.0.1", 8025
VAR = REPO / "var"
DATA_DIR, LOG_DIR, MAIL_DIR = VAR / "data", VAR / "log", VAR / "mail"
EXCHANGE = "asn.events"
AUDIT_STREAM = "asn.audit"


class Stop(Exception):
    """SIGTERM: leave through the same clean-up as Ctrl-C."""


def _on_sigterm(*_: object) -> None:
    raise Stop()


# ------------------------------------------------------------------------------------------------
# output
# ------------------------------------------------------------------------------------------------

try:
    from rich.console import Console
    from rich.table import Table

    # Piped output (make run | tee, CI logs) would be wrapped at 80 columns: allow wide tables.
    _console: Console | None = Console(highlight=False, width=None if sys.stdout.isatty() else 150)
except ImportError:  # plain print is fine
    _console = None


def say(text: str = "") -> None:
    if _console:
        _console.print(text, markup=False, soft_wrap=True)
    else:
        print(text, flush=True)


def heading(text: str) -> None:
    say()
    if _console:
        _console.rule(text, style="bold")
    else:
        say(f"== {text} " + "=" * max(0, 76 - len(text)))


def table(title: str, headers: list[str], rows: list[list[str]]) -> None:
    if _console:
        t = Table(title=title, title_justify="left", show_lines=False)
        for h in headers:
            t.add_column(h, overflow="fold")
        for row in rows:
            t.add_row(*row)
        _console.print(t)
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    say(title)
    say("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    say("  ".join("-" * w for w in widths))
    for row in rows:
        say("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def redact(amqp_url: str) -> str:
    parts = urllib.parse.urlsplit(amqp_url)
    if parts.password:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    return amqp_url


# ------------------------------------------------------------------------------------------------
# pieces
# ------------------------------------------------------------------------------------------------


def check_broker(amqp_url: str) -> str | None:
    """None when RabbitMQ answers at amqp_url, else the reason."""
    params = pika.URLParameters(amqp_url)
    params.connection_attempts = 1
    params.socket_timeout = 3
    params.blocked_connection_timeout = 5
    try:
        pika.BlockingConnection(params).close()
        return None
    except (AMQPError, OSError) as exc:
        return describe(exc)


def describe(exc: BaseException) -> str:
    """pika's connection errors keep the cause in args and print as an empty string."""
    text = str(exc) or ", ".join(str(a) or repr(a) for a in exc.args)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def fresh_start() -> None:
    for directory, patterns in (
        (DATA_DIR, ("*.db", "*.db-wal", "*.db-shm", "*.db-journal")),
        (MAIL_DIR, ("*.eml",)),
        (LOG_DIR, ("*.log",)),
    ):
        if directory.exists():
            for pattern in patterns:
                for path in directory.glob(pattern):
                    path.unlink()


class MailSink:
    """deploy/local/mail_sink.py as a child process."""

    def __init__(self, directory: Path, port: int) -> None:
        self.directory, self.port = directory, port
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = LOG_DIR / "mail_sink.log"

    def start(self) -> None:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(HERE / "mail_sink.py"), "--dir", str(self.directory),
                 "--host", SMTP_HOST, "--port", str(self.port)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 15
        while not port_in_use(self.port):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                tail = self.log.read_text(errors="replace")[-2000:]
                raise LocalSystemError(f"the mail sink did not start:\n{tail}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


@dataclass
class Seen:
    body: dict
    at: float


@dataclass
class Watcher:
    """A temporary exclusive queue bound to `#` on asn.events: sees everything published."""

    amqp_url: str
    events: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.connection = pika.BlockingConnection(pika.URLParameters(self.amqp_url))
        self.channel = self.connection.channel()
        queue = self.channel.queue_declare("", exclusive=True, auto_delete=True).method.queue
        self.channel.queue_bind(queue, EXCHANGE, "#")
        self.channel.basic_consume(queue, self._on_message, auto_ack=True)
        self.printed = 0

    def _on_message(self, channel, method, properties, body: bytes) -> None:
        try:
            event = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            event = {"type": f"(not JSON, routing key {method.routing_key})"}
        if not isinstance(event, dict):
            event = {"type": f"(not an object, routing key {method.routing_key})"}
        self.events.append(Seen(event, time.monotonic()))

    def pump(self, seconds: float) -> None:
        self.connection.process_data_events(time_limit=seconds)

    def of_type(self, event_type: str) -> list[dict]:
        return [s.body for s in self.events if s.body.get("type") == event_type]

    def close(self) -> None:
        try:
            if self.connection.is_open:
                self.connection.close()
        except AMQPError:
            pass


# ------------------------------------------------------------------------------------------------
# the demo's expectations
# ------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    missing: list[str]
    wrong: list[str]
    elapsed: float = 0.0

    @property
    def complete(self) -> bool:
        return not self.missing and not self.wrong


def evaluate(summary: DemoSummary, watcher: Watcher, follow_ups: bool = True) -> Outcome:
    missing, wrong = [], []
    rated = {e.get("correlationid"): e for e in watcher.of_type("PerformanceRated")}
    seen = {(e.get("correlationid"), e.get("type")) for e in
            watcher.of_type("CoachingStarted") + watcher.of_type("RewardGranted")}
    sent = {(e.get("correlationid"), (e.get("data") or {}).get("trigger_event_type"))
            for e in watcher.of_type("NotificationSent")}
    for a in summary.asn:
        event = rated.get(a.assessment_id)
        if event is None:
            missing.append(f"PerformanceRated for {a.nip}")
        elif (event.get("data") or {}).get("predikat") != a.expected_predikat:
            wrong.append(f"{a.nip}: predikat {(event.get('data') or {}).get('predikat')}, "
                         f"expected {a.expected_predikat}")
        if follow_ups and a.expected_follow_up and (a.assessment_id, a.expected_follow_up) not in seen:
            missing.append(f"{a.expected_follow_up} for {a.nip}")
    for correlation, trigger, label in summary.expected_notifications(follow_ups):
        if (correlation, trigger) not in sent:
            missing.append(f"NotificationSent about {trigger} for {label}")
    return Outcome(missing, wrong)


def wait_for_demo(
    summary: DemoSummary, watcher: Watcher, system: LocalSystem, timeout: float, follow_ups: bool
) -> Outcome:
    deadline = time.monotonic() + timeout
    total = len(summary.expected_notifications(follow_ups))
    last = -1
    while True:
        watcher.pump(0.5)
        outcome = evaluate(summary, watcher, follow_ups)
        if outcome.complete or time.monotonic() > deadline:
            return outcome
        died = system.exited()
        if died:
            say(f"  a service exited: {died}; see var/log/")
            return outcome
        done = total - sum(1 for m in outcome.missing if m.startswith("NotificationSent"))
        if done != last:
            say(f"  {len(watcher.events):4d} events seen, notifications {done}/{total} ...")
            last = done


# ------------------------------------------------------------------------------------------------
# the summary
# ------------------------------------------------------------------------------------------------


def read_mails() -> list[tuple[list[str], str]]:
    """(envelope recipients, subject) of each mail in var/mail."""
    mails = []
    for path in sorted(MAIL_DIR.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        to = [a.strip().lower() for a in str(message.get("X-Envelope-To", message.get("To", ""))).split(",")]
        mails.append((to, str(message.get("Subject", ""))))
    return mails


def fetch_ratings(system: LocalSystem, nip: str) -> list[dict] | str:
    url = system.url("assessment", f"/api/v1/employees/{nip}/ratings")
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except OSError as exc:
        return f"error: {exc}"


def print_report(
    summary: DemoSummary, watcher: Watcher, system: LocalSystem, outcome: Outcome, follow_ups: bool
) -> None:
    mails = read_mails()

    def mails_to(address: str) -> int:
        return sum(1 for to, _ in mails if address.lower() in to)

    sent = Counter(e.get("correlationid") for e in watcher.of_type("NotificationSent"))
    failed = Counter(e.get("correlationid") for e in watcher.of_type("NotificationFailed"))
    follow = {(e.get("correlationid")): e.get("type") for e in
              watcher.of_type("CoachingStarted") + watcher.of_type("RewardGranted")}
    names = {"CoachingStarted": "coaching", "RewardGranted": "reward"}
    rows = []
    for a in summary.asn:
        ratings = fetch_ratings(system, a.nip)
        if isinstance(ratings, str):
            predikat = ratings
        else:
            current = [r for r in ratings if r.get("period") == summary.period and not r.get("superseded_by")]
            predikat = current[-1]["predikat"] if current else "(none yet)"
        predikat += "" if predikat == a.expected_predikat else f" (expected {a.expected_predikat})"
        seen = names.get(follow.get(a.assessment_id, ""), "-")
        expected = names.get(a.expected_follow_up or "", "-")
        if follow_ups and seen != expected:
            seen += f" (expected {expected})"
        notified = str(sent[a.assessment_id])
        if failed[a.assessment_id]:
            notified += f" ({failed[a.assessment_id]} failed)"
        rows.append([a.nip, a.name, a.place, predikat, seen, notified, str(mails_to(a.email))])
    table(f"Demo {summary.period}: predikat from GET /api/v1/employees/<nip>/ratings",
          ["NIP", "Name", "Unit", "Predikat (API)", "Coaching/reward", "NotificationSent", "Mails to ASN"],
          rows)
    say()
    table("Supervisors", ["NIP", "Name", "Mails received"],
          [[p.nip, p.name, str(mails_to(p.email))] for p in summary.supervisors])
    say()
    table("Complaints", ["Complaint", "Channel", "Privacy", "NotificationSent", "Mails to complainant"],
          [[c.complaint_id, c.channel, c.privacy, str(sent[c.event_id]),
            str(mails_to(c.complainant_email)) if c.complainant_email else "-"] for c in summary.complaints])
    if summary.self_assessment:
        nip, _ = summary.self_assessment
        say(f"\nSELF assessment of {nip}: stored by assessment, no predikat (only the supervisor's counts).")
    by_type = Counter(s.body.get("type") for s in watcher.events)
    say("\nEvents seen on asn.events: " + ", ".join(f"{t} {n}" for t, n in sorted(by_type.items())))
    say(f"Mails in {MAIL_DIR}: {len(mails)}")
    if outcome.complete:
        say(f"\nEvery expected event arrived ({outcome.elapsed:.1f} s after the demo was published).")
    else:
        say("\nNOT everything expected arrived:")
        for line in outcome.wrong + outcome.missing:
            say(f"  - {line}")


def print_where_to_look(system: LocalSystem, amqp_url: str) -> None:
    vhost = vhost_of(amqp_url)
    heading("Where to look")
    rel = lambda p: os.path.relpath(p, Path.cwd())  # noqa: E731
    say(f"Logs (JSON lines):   {', '.join(rel(system.log_path(s)) for s in system.services)}, "
        f"{rel(LOG_DIR / 'mail_sink.log')}")
    say(f"                     e.g. tail -f {rel(LOG_DIR)}/*.log "
        f"| jq -c '{{service, event, event_type, subject}}'")
    databases = (rel(system.database_path(s)) for s in system.services_with_database)
    say(f"SQLite databases:    {', '.join(databases)}")
    say(f"                     e.g. sqlite3 {rel(system.database_path('assessment'))} .tables")
    say(f"Mails (.eml):        {rel(MAIL_DIR)}/  (SMTP sink on {SMTP_HOST}:{SMTP_PORT})")
    for service in system.services:
        say(f"{'Health ' + service + ':':<21}{system.health_url(service)}")
    say(f"Ratings API:         {system.url('assessment', '/api/v1/employees/<nip>/ratings')}  "
        f"(OpenAPI: {system.url('assessment', '/docs')})")
    vhost_arg = "" if vhost == "/" else f" -p {vhost}"
    say(f"Queues and DLQs:     rabbitmqctl list_queues{vhost_arg} name messages   "
        f"(each service's queue and <service>.dlq)")
    try:
        queues = list_queues(vhost)
        dlqs = {q: n for q, n in queues.items() if q.endswith(".dlq")}
        if dlqs:
            say("                     now: " + ", ".join(f"{q}={n}" for q, n in sorted(dlqs.items())))
    except Exception:
        pass
    say(f"Audit stream:        {AUDIT_STREAM} (every event, copied by the audit service's writer "
        f"with complainants' contact sealed; replayable from 'first', an offset or a time)")
    url_arg = "" if amqp_url == DEFAULT_AMQP_URL else f" --amqp-url '{redact(amqp_url)}'"
    say(f"Replay it:           .venv/bin/asn-audit replay{url_arg} --format table   (docs/audit.md)")
    say(f"Broker:              {redact(amqp_url)}  exchange {EXCHANGE}")


# ------------------------------------------------------------------------------------------------
# main
# ------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run the four services and the audit service locally and play the demo.")
    parser.add_argument("--amqp-url", default=os.environ.get("AMQP_URL", DEFAULT_AMQP_URL))
    parser.add_argument("--exit-after-demo", action="store_true",
                        help="exit after the summary: 0 only if every expected event arrived")
    parser.add_argument("--keep-data", action="store_true",
                        help="keep var/data, var/mail and var/log from the previous run")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds to wait for the demo's events (default 60)")
    parser.add_argument("--services", default=",".join(SERVICES),
                        help="comma-separated services to start (default all five)")
    args = parser.parse_args(argv)
    services = tuple(s.strip() for s in args.services.split(",") if s.strip())
    signal.signal(signal.SIGTERM, _on_sigterm)

    problem = check_broker(args.amqp_url)
    if problem:
        say(f"RabbitMQ is not reachable at {redact(args.amqp_url)} ({problem}).\n\n"
            "Start it (installs Debian's rabbitmq-server when missing, needs root or sudo):\n"
            "    bash deploy/local-servers.sh --rabbitmq-only\n"
            "or point to a running broker:\n"
            "    AMQP_URL=amqp://user:password@host:5672/ make run")
        return 2
    busy = [p for p in (SMTP_PORT, *DEFAULT_HTTP_PORTS.values()) if port_in_use(p)]
    if busy:
        say(f"Port(s) {busy} on 127.0.0.1 are in use: is `make run` already running elsewhere? "
            f"Find the process with: ss -ltnp | grep -E ':({'|'.join(map(str, busy))})'")
        return 2

    if not args.keep_data:
        fresh_start()
    for directory in (DATA_DIR, LOG_DIR, MAIL_DIR):
        directory.mkdir(parents=True, exist_ok=True)

    sink = MailSink(MAIL_DIR, SMTP_PORT)
    # The demo plays agencies whose own assessment applications finalise ratings, so each
    # supervisor assessment is rated at once. The service's default (PERIOD_CLOSE) publishes
    # ratings when a unit's period is closed through its HTTP API; an explicit setting wins.
    demo_env = {"ASSESSMENT_RATING_PUBLICATION": os.environ.get(
        "ASSESSMENT_RATING_PUBLICATION", "SUBMISSION")}
    system = LocalSystem(amqp_url=args.amqp_url, data_dir=DATA_DIR, log_dir=LOG_DIR,
                         smtp_port=SMTP_PORT, services=services, extra_env=demo_env)
    watcher: Watcher | None = None
    status = 0
    try:
        heading("Starting")
        say(f"RabbitMQ at {redact(args.amqp_url)}: reachable")
        sink.start()
        say(f"mail sink: SMTP {SMTP_HOST}:{SMTP_PORT} -> {MAIL_DIR}")
        system.migrate()
        say(f"migrated: {', '.join(system.services_with_database)} (SQLite in {DATA_DIR})")
        system.start()
        say("ready: " + ", ".join(f"{s} :{p}" for s, p in system.ports.items()))

        heading("Demo: Kotabumi, Surakarta, Kepahiang, Maulafa")
        watcher = Watcher(args.amqp_url)  # bound before anything is published
        summary = publish_demo(args.amqp_url)
        published_at = time.monotonic()
        print_summary(summary)
        say(f"\nwaiting up to {args.timeout:.0f}s for ratings, coaching/rewards and notifications ...")
        # On kept data the demo's ratings supersede the earlier run's: no new coaching or reward.
        follow_ups = not args.keep_data
        outcome = wait_for_demo(summary, watcher, system, args.timeout, follow_ups)
        outcome.elapsed = time.monotonic() - published_at
        time.sleep(0.5)  # the last mails' files land right after their NotificationSent
        watcher.pump(0.2)
        heading("Summary")
        print_report(summary, watcher, system, outcome, follow_ups)
        if not follow_ups:
            say("(--keep-data: these ratings supersede the previous run's for the same period, so no "
                "new coaching or reward was expected.)")
        print_where_to_look(system, args.amqp_url)

        if args.exit_after_demo:
            status = 0 if outcome.complete else 1
            return status
        say("\nRunning. Every event crossing asn.events is shown below; Ctrl-C stops everything.\n")
        watcher.printed = len(watcher.events)
        while True:
            watcher.pump(1.0)
            for seen in watcher.events[watcher.printed:]:
                e = seen.body
                say(f"{time.strftime('%H:%M:%S')}  {e.get('type')!s:<26} subject={e.get('subject')}  "
                    f"source={e.get('source')}  correlation={str(e.get('correlationid') or e.get('id'))[:8]}")
            watcher.printed = len(watcher.events)
            died = system.exited()
            if died:
                say(f"a service exited unexpectedly: {died}; see {LOG_DIR}. Stopping.")
                return 1
    except KeyboardInterrupt:
        say("\nCtrl-C: stopping")
        return status
    except Stop:
        say("\nSIGTERM: stopping")
        return status
    except LocalSystemError as exc:
        say(f"\n{exc}")
        return 1
    except AMQPError as exc:
        say(f"\nRabbitMQ error: {describe(exc)}")
        return 1
    finally:
        # A second Ctrl-C (or a SIGTERM) must not cut the clean-up short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if watcher:
            watcher.close()
        system.stop()
        sink.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        say("stopped: services and mail sink")


if __name__ == "__main__":
    sys.exit(main())
