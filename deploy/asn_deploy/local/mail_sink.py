"""A tiny SMTP server for local runs: every mail it receives becomes an .eml file.

    asn-mail-sink                                # 127.0.0.1:8025 -> the checkout's var/mail/
    asn-mail-sink --dir /tmp/mail --port 2525    # (python -m asn_deploy.local.mail_sink)

Point the notifications service at it with NOTIFICATIONS_SMTP_HOST=127.0.0.1 and
NOTIFICATIONS_SMTP_PORT=8025 (the defaults). Nothing is relayed anywhere: it is a sink.
Each file is the message as received, with the SMTP envelope prepended as X-Envelope-From /
X-Envelope-To headers, written atomically (a reader never sees half a mail). Open one with any
mail client, or `less`.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import signal
import sys
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller

from asn_deploy.local.defaults import MAIL_DIR, SMTP_HOST, SMTP_PORT

_counter = itertools.count(1)
_counter_lock = threading.Lock()


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9@._-]+", "_", text)[:80] or "unknown"


class MailDirHandler:
    """aiosmtpd handler writing each message to `<directory>/<time>-<n>-<first recipient>.eml`."""

    def __init__(self, directory: Path, quiet: bool = False) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.quiet = quiet
        self.received = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with _counter_lock:
            number = next(_counter)
        first = envelope.rcpt_tos[0] if envelope.rcpt_tos else "unknown"
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{number:05d}-{_safe(first)}.eml"
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        header = (
            f"X-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode("utf-8", "replace")
        tmp = self.directory / f".{name}.tmp"
        tmp.write_bytes(header + content)
        tmp.replace(self.directory / name)
        self.received += 1
        if not self.quiet:
            print(f"mail {self.received}: to {', '.join(envelope.rcpt_tos)} -> {name}", flush=True)
        return "250 Message accepted for delivery"


def start_sink(
    directory: Path, host: str = "127.0.0.1", port: int = 8025, quiet: bool = False
) -> Controller:
    """Start the sink in a background thread; `controller.stop()` ends it."""
    controller = Controller(MailDirHandler(directory, quiet=quiet), hostname=host, port=port)
    controller.start()
    return controller


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="asn-mail-sink", description="SMTP sink writing every mail as an .eml file."
    )
    parser.add_argument(
        "--dir", default=MAIL_DIR, type=Path, help=f"where mails go (default {MAIL_DIR})"
    )
    parser.add_argument(
        "--host", default=SMTP_HOST, help=f"address to listen on (default {SMTP_HOST})"
    )
    parser.add_argument(
        "--port", default=SMTP_PORT, type=int, help=f"SMTP port (default {SMTP_PORT})"
    )
    parser.add_argument("--quiet", action="store_true", help="do not print a line per mail")
    args = parser.parse_args(argv)

    directory = args.dir.absolute()
    try:
        controller = start_sink(directory, args.host, args.port, quiet=args.quiet)
    except (OSError, RuntimeError) as exc:
        print(f"mail sink: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(f"mail sink: SMTP on {args.host}:{args.port}, mails go to {directory}/*.eml", flush=True)

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        while not stop.wait(1.0):
            pass
    finally:
        controller.stop()
        print("mail sink: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
