"""The runner's terminal output (rich)."""

from __future__ import annotations

import sys
import urllib.parse

from rich.console import Console
from rich.table import Table

# Piped output (make run | tee, CI logs) would be wrapped at 80 columns: allow wide tables.
_console = Console(highlight=False, width=None if sys.stdout.isatty() else 150)


def say(text: str = "") -> None:
    _console.print(text, markup=False, soft_wrap=True)


def heading(text: str) -> None:
    say()
    _console.rule(text, style="bold")


def table(title: str, headers: list[str], rows: list[list[str]]) -> None:
    t = Table(title=title, title_justify="left", show_lines=False)
    for h in headers:
        t.add_column(h, overflow="fold")
    for row in rows:
        t.add_row(*row)
    _console.print(t)


def redact(amqp_url: str) -> str:
    """The URL without its password, for printing."""
    parts = urllib.parse.urlsplit(amqp_url)
    if parts.password:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    return amqp_url
