"""The daily digest's rules: a person's low-priority mails of the day folded into one.

LOW notices (notices.py: an approved SKP, a training recommendation) are recorded HELD. Once a
day, after `digest_hour` local time, each recipient's HELD mails become one `ringkasan_harian`
mail and the folded rows turn DIGESTED with its id. The digest's trigger id is `digest:<day>`, so
the outbox's uniqueness makes the day's digest once per recipient whatever the replicas or
restarts; mails held after it wait for the next day's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .timestamps import as_utc

DIGEST_TEMPLATE = "ringkasan_harian"
DIGEST_EVENT_TYPE = "DailyDigest"


@dataclass(frozen=True)
class DigestEntry:
    subject: str
    created_at: datetime
    template: str


def digest_day(now: datetime, zone: ZoneInfo, digest_hour: int) -> date | None:
    """The local day whose digest is due at `now`, or None before the digest hour."""
    local = as_utc(now).astimezone(zone)
    return local.date() if local.hour >= digest_hour else None


def digest_trigger(day: date) -> str:
    """The trigger id of a day's digests: one digest per recipient and day."""
    return f"digest:{day.isoformat()}"
