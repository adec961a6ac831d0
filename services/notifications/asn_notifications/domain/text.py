"""Untrusted text made safe to leave the service: one clean header line, secrets masked."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def header_text(value: str, limit: int = 200) -> str:
    """One header line from untrusted text: control characters (CR/LF) collapsed, length capped."""
    single = " ".join(_CONTROL.sub(" ", value).split())
    return single if len(single) <= limit else single[: limit - 1].rstrip() + "…"


def scrub(text: str, *secrets: str | None) -> str:
    """`text` with every given value (an address, a name) masked, for errors that leave the DB."""
    for secret in filter(None, secrets):
        text = re.sub(re.escape(secret), "<redacted>", text, flags=re.IGNORECASE)
    return text
