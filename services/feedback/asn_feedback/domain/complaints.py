"""Complaint rules of UU 25/2009 (docs/regulation.md section 5), pure Python, no I/O.

Deadlines count calendar days: the law writes "hari" without "kerja" (docs/regulation.md section 7
note), so weekends and holidays count. Days are dates on the Asia/Jakarta calendar, the provider's
clock, so a complaint received at 23:30 UTC is already received "tomorrow".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.catalog.vocabulary import Privacy

JAKARTA = ZoneInfo("Asia/Jakarta")

# Pasal 44(3): the provider responds within 14 days of receiving the complaint.
RESPONSE_DAYS = 14
# Pasal 42(2): a complainant files within 30 days of receiving the service.
FILING_LIMIT_DAYS = 30

# The channels of this service's own doors (the JSON API and Open311 GeoReport).
OWN_CHANNEL = "ASN-KINERJA"
OPEN311_CHANNEL = "OPEN311"

# Key columns are bounded (they are indexed); a longer value is refused rather than let
# PostgreSQL reject the insert and the message be retried until its delivery limit.
CHANNEL_MAX = 100
COMPLAINT_ID_MAX = 200
UNIT_ID_MAX = 200

RECEIPT_PREFIX = "TT-"  # tanda terima, Pasal 44(1)
# Crockford's base32: no I, L, O, U, so a receipt read aloud over the phone is not misheard.
_RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECEIPT_CHARS = 12


class ComplaintStatus(StrEnum):
    """Where a complaint stands; lifecycle.py has the steps between them and their deadlines."""

    RECEIVED = "RECEIVED"  # diterima: receipt issued, waiting for verification
    HELD = "HELD"  # tunda (SP4N-LAPOR!)
    INCOMPLETE = "INCOMPLETE"  # tidak lengkap: the complainant has 30 days (Pasal 44(4))
    DISPOSED = "DISPOSED"  # verified complete and disposed to the responsible unit
    FOLLOWED_UP = "FOLLOWED_UP"  # ditindaklanjuti by the unit
    DECIDED = "DECIDED"  # the provider decided (Pasal 50(1))
    NOTIFIED = "NOTIFIED"  # the complainant was told of the decision (Pasal 50(2))
    CLOSED = "CLOSED"  # selesai
    REROUTED = "REROUTED"  # bukan wewenang: sent to the competent provider
    ARCHIVED = "ARCHIVED"  # arsip
    WITHDRAWN = "WITHDRAWN"  # dicabut, or deemed so (Pasal 44(5))


def as_aware(moment: datetime, tz: ZoneInfo = JAKARTA) -> datetime:
    """A naive time is read as the provider's local wall-clock time, not as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def local_date(moment: datetime, tz: ZoneInfo = JAKARTA) -> date:
    return as_aware(moment, tz).astimezone(tz).date()


def response_due(received_at: datetime, days: int = RESPONSE_DAYS) -> date:
    """Last day for the provider's response on completeness (Pasal 44(3))."""
    return local_date(received_at) + timedelta(days=days)


def service_date_refusal(service_date: date, received_at: datetime) -> str | None:
    """A complaint is about a service already received (Pasal 42(2) counts from it): a service
    date after the (Jakarta) day of receipt is refused at our own doors, naming the field."""
    if service_date > local_date(received_at):
        return "service_date is after today (Asia/Jakarta): a complaint is about a service received"
    return None


def is_late_filing(
    service_date: date, received_at: datetime, limit_days: int = FILING_LIMIT_DAYS
) -> bool:
    """Filed more than `limit_days` after the service (Pasal 42(2)).

    Day 30 is still in time, day 31 is late. Late filing is recorded, not refused: the provider
    decides whether to examine it anyway.
    """
    return (local_date(received_at) - service_date).days > limit_days


def receipt_number(channel: str, complaint_id: str) -> str:
    """The receipt (tanda terima) number, e.g. TT-7QK2-M9XD-40RB.

    Derived from the channel's own id rather than drawn at random, so a replay of the audit stream
    into a fresh database hands out the same numbers the complainants already hold. 60 bits keep
    collisions out of reach at any plausible volume; the unique index still guards them.
    """
    digest = hashlib.blake2b(f"{channel}\x1f{complaint_id}".encode(), digest_size=8).digest()
    value = int.from_bytes(digest) >> (64 - 5 * _RECEIPT_CHARS)
    chars = []
    for _ in range(_RECEIPT_CHARS):
        value, index = divmod(value, 32)
        chars.append(_RECEIPT_ALPHABET[index])
    code = "".join(reversed(chars))
    return RECEIPT_PREFIX + "-".join(code[i : i + 4] for i in range(0, _RECEIPT_CHARS, 4))


def publicly_visible(privacy: Privacy | str) -> bool:
    """RAHASIA complaints are not publicly visible at all (SP4N-LAPOR!); ANONIM ones are, with
    the complainant's identity hidden (which every public view does anyway, Pasal 42(5))."""
    return Privacy(privacy) is not Privacy.RAHASIA


@dataclass(frozen=True)
class Receipt:
    """What the provider acknowledges (Pasal 44(1)-(3)); the complainant's identity is not in it."""

    receipt_number: str
    status: ComplaintStatus
    response_due: date
    late_filing: bool


def acknowledge(data: ComplaintReceived) -> Receipt:
    """The receipt the provider owes: number, 14-day response deadline, late-filing flag."""
    return Receipt(
        receipt_number=receipt_number(data.channel, data.complaint_id),
        status=ComplaintStatus.RECEIVED,
        response_due=response_due(data.received_at),
        late_filing=is_late_filing(data.service_date, data.received_at),
    )


def oversized_key(data: ComplaintReceived) -> str | None:
    """The first key field longer than its column allows, as a reason; None when all fit."""
    for field, limit in (
        ("channel", CHANNEL_MAX),
        ("complaint_id", COMPLAINT_ID_MAX),
        ("unit_id", UNIT_ID_MAX),
    ):
        if len(getattr(data, field)) > limit:
            return f"ComplaintReceived.{field} longer than {limit} characters"
    return None
