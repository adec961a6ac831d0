"""`make run`: the whole system on this machine, no Docker, with the demo played through it.

    asn-run-local                    # runs until Ctrl-C (`python -m asn_deploy.local.run`)
    asn-run-local --exit-after-demo  # smoke test: exit 0 iff all arrived

1. checks RabbitMQ at AMQP_URL (default amqp://guest:guest@localhost:5672/);
2. starts the mail sink (SMTP 127.0.0.1:8025 -> var/mail/*.eml) and the development identity
   provider (`asn-dev-issuer` on http://127.0.0.1:8090, its signing key made at the first start
   in var/dev-issuer/ and kept until `make clean`);
3. migrates and starts the four services (SQLite files in var/data/, logs in var/log/,
   HTTP on 8101-8104, bearer tokens of that issuer: ASN_AUTH_ISSUER, ASN_LOCAL_DEVELOPMENT) and
   the audit service, which writes the audit stream (HTTP on 8105);
4. binds a temporary queue to `#` on asn.events, publishes the demo (asn_deploy.local.demo) and
   waits until every expected PerformanceRated, CoachingStarted/RewardGranted and NotificationSent
   has crossed the exchange;
5. prints a summary and where to look (with how to get a token: `asn-dev-token --nip NIP`), then
   shows every event crossing the exchange until Ctrl-C.

Each run starts from empty databases, mails and logs (the demo is a scenario, not a history);
`--keep-data` keeps what the previous run left. var/ is the checkout's (asn_deploy.paths).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pika
from pika.exceptions import AMQPError

from asn_deploy.local.console import heading, redact, say
from asn_deploy.local.defaults import (
    DATA_DIR,
    DEFAULT_AMQP_URL,
    ISSUER_DIR,
    ISSUER_HOST,
    ISSUER_PORT,
    LOG_DIR,
    MAIL_DIR,
    SMTP_HOST,
    SMTP_PORT,
)
from asn_deploy.local.demo import print_summary, publish_demo
from asn_deploy.local.report import print_report, print_where_to_look
from asn_deploy.local.system import (
    DEFAULT_HTTP_PORTS,
    SERVICES,
    DevIssuer,
    LocalSystem,
    LocalSystemError,
)
from asn_deploy.local.watch import Outcome, Watcher, wait_for_demo
from asn_deploy.rabbitmq.rabbitmqctl import RabbitmqctlError


class Stop(Exception):
    """SIGTERM: leave through the same clean-up as Ctrl-C."""


def _on_sigterm(*_: object) -> None:
    raise Stop()


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
    """asn_deploy.local.mail_sink as a child process."""

    def __init__(self, directory: Path, port: int) -> None:
        self.directory, self.port = directory, port
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = LOG_DIR / "mail_sink.log"

    def start(self) -> None:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            "-m",
            "asn_deploy.local.mail_sink",
            "--dir",
            str(self.directory),
            "--host",
            SMTP_HOST,
            "--port",
            str(self.port),
        ]
        with open(self.log, "ab") as log:
            proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.proc = proc
        deadline = time.monotonic() + 15
        while not port_in_use(self.port):
            if proc.poll() is not None or time.monotonic() > deadline:
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


# ------------------------------------------------------------------------------------------------
# main
# ------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="asn-run-local",
        description="Run the four services and the audit service locally and play the demo.",
    )
    parser.add_argument("--amqp-url", default=os.environ.get("AMQP_URL", DEFAULT_AMQP_URL))
    parser.add_argument(
        "--exit-after-demo",
        action="store_true",
        help="exit after the summary: 0 only if every expected event arrived",
    )
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="keep var/data, var/mail and var/log from the previous run",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="seconds to wait for the demo's events (default 60)",
    )
    parser.add_argument(
        "--services",
        default=",".join(SERVICES),
        help="comma-separated services to start (default all five)",
    )
    return parser.parse_args(argv)


def preflight(amqp_url: str) -> bool:
    """The broker answers and no port we need is taken; else say why (exit 2)."""
    problem = check_broker(amqp_url)
    if problem:
        say(
            f"RabbitMQ is not reachable at {redact(amqp_url)} ({problem}).\n\n"
            "Start it (installs Debian's rabbitmq-server when missing, needs root or sudo):\n"
            "    bash deploy/local-servers.sh --rabbitmq-only\n"
            "or point to a running broker:\n"
            "    AMQP_URL=amqp://user:password@host:5672/ make run"
        )
        return False
    busy = [p for p in (SMTP_PORT, ISSUER_PORT, *DEFAULT_HTTP_PORTS.values()) if port_in_use(p)]
    if busy:
        say(
            f"Port(s) {busy} on 127.0.0.1 are in use: is `make run` already running elsewhere? "
            f"Find the process with: ss -ltnp | grep -E ':({'|'.join(map(str, busy))})'"
        )
        return False
    return True


def play_demo(args: argparse.Namespace, system: LocalSystem, watcher: Watcher) -> Outcome:
    """Publish the demo, wait for what should follow, print the summary and where to look."""
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
        say(
            "(--keep-data: these ratings supersede the previous run's for the same period, so no "
            "new coaching or reward was expected.)"
        )
    print_where_to_look(system, args.amqp_url, summary)
    return outcome


def show_events(system: LocalSystem, watcher: Watcher) -> int:
    """Print every event crossing the exchange until Ctrl-C; 1 when a service exits."""
    say("\nRunning. Every event crossing asn.events is shown below; Ctrl-C stops everything.\n")
    watcher.printed = len(watcher.events)
    while True:
        watcher.pump(1.0)
        for seen in watcher.events[watcher.printed :]:
            e = seen.body
            correlation = str(e.get("correlationid") or e.get("id"))[:8]
            say(
                f"{time.strftime('%H:%M:%S')}  {e.get('type')!s:<26} subject={e.get('subject')}  "
                f"source={e.get('source')}  correlation={correlation}"
            )
        watcher.printed = len(watcher.events)
        died = system.exited()
        if died:
            say(f"a service exited unexpectedly: {died}; see {LOG_DIR}. Stopping.")
            return 1


def build_issuer() -> DevIssuer:
    return DevIssuer(folder=ISSUER_DIR, port=ISSUER_PORT, host=ISSUER_HOST, log_dir=LOG_DIR)


def build_system(args: argparse.Namespace, issuer: DevIssuer) -> LocalSystem:
    services = tuple(s.strip() for s in args.services.split(",") if s.strip())
    # The demo plays agencies whose own assessment applications finalise ratings, so each
    # supervisor assessment is rated at once. The service's default (PERIOD_CLOSE) publishes
    # ratings when a unit's period is closed through its HTTP API; an explicit setting wins.
    demo_env = {
        "ASSESSMENT_RATING_PUBLICATION": os.environ.get(
            "ASSESSMENT_RATING_PUBLICATION", "SUBMISSION"
        )
    }
    return LocalSystem(
        amqp_url=args.amqp_url,
        data_dir=DATA_DIR,
        log_dir=LOG_DIR,
        smtp_port=SMTP_PORT,
        services=services,
        extra_env=demo_env,
        issuer=issuer.url,
    )


def start(sink: MailSink, issuer: DevIssuer, system: LocalSystem, amqp_url: str) -> None:
    heading("Starting")
    say(f"RabbitMQ at {redact(amqp_url)}: reachable")
    sink.start()
    say(f"mail sink: SMTP {SMTP_HOST}:{SMTP_PORT} -> {MAIL_DIR}")
    issuer.start()
    say(f"identity provider (development): {issuer.url}, signing key in {issuer.folder}")
    system.migrate()
    say(f"migrated: {', '.join(system.services_with_database)} (SQLite in {DATA_DIR})")
    system.start()
    say("ready: " + ", ".join(f"{s} :{p}" for s, p in system.ports.items()))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _on_sigterm)
    if not preflight(args.amqp_url):
        return 2
    if not args.keep_data:
        fresh_start()
    for directory in (DATA_DIR, LOG_DIR, MAIL_DIR):
        directory.mkdir(parents=True, exist_ok=True)

    sink = MailSink(MAIL_DIR, SMTP_PORT)
    issuer = build_issuer()
    system = build_system(args, issuer)
    watcher: Watcher | None = None
    try:
        start(sink, issuer, system, args.amqp_url)
        heading("Demo: Kotabumi, Surakarta, Kepahiang, Maulafa")
        watcher = Watcher(args.amqp_url)  # bound before anything is published
        outcome = play_demo(args, system, watcher)
        if args.exit_after_demo:
            return 0 if outcome.complete else 1
        return show_events(system, watcher)
    except KeyboardInterrupt:
        say("\nCtrl-C: stopping")
        return 0
    except Stop:
        say("\nSIGTERM: stopping")
        return 0
    except (LocalSystemError, RabbitmqctlError) as exc:
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
        issuer.stop()
        sink.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        say("stopped: services, identity provider and mail sink")


if __name__ == "__main__":
    sys.exit(main())
