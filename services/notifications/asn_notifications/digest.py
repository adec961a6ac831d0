"""The daily digest: a person's low-priority mails of the day folded into one.

LOW notices (catalogue.py: an approved SKP, a training recommendation) are recorded HELD. Once a
day, after `digest_hour` local time, each recipient's HELD mails become one `ringkasan_harian`
mail (a PENDING row the dispatcher sends like any other) and the folded rows turn DIGESTED with
its id. The digest row's trigger id is `digest:<day>`, so the outbox's uniqueness makes the day's
digest once per recipient whatever the replicas or restarts; mails held after it wait for the
next day's. Time is a parameter, so tests run days in a second.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from asn_shared.logging import get_logger

from .domain import utc
from .models import DIGESTED, HELD, NORMAL, PENDING, notifications
from .rendering import MailRenderer
from .repository import NotificationRepository, PeopleRepository
from .services import notification_id

log = get_logger(__name__)

DIGEST_TEMPLATE = "ringkasan_harian"
DIGEST_EVENT_TYPE = "DailyDigest"


@dataclass(frozen=True)
class DigestEntry:
    subject: str
    created_at: datetime
    template: str


def digest_day(now: datetime, zone: ZoneInfo, digest_hour: int) -> date | None:
    """The local day whose digest is due at `now`, or None before the digest hour."""
    local = utc(now).astimezone(zone)
    return local.date() if local.hour >= digest_hour else None


async def assemble_digests(
    sessions: async_sessionmaker, renderer: MailRenderer, now: datetime, digest_hour: int
) -> int:
    """Fold every recipient's HELD mails into today's digest; the number of digests made."""
    day = digest_day(now, renderer.zone, digest_hour)
    if day is None:
        return 0
    made = 0
    async with sessions() as session, session.begin():
        for rows in (await _held_by_recipient(session, now)).values():
            made += await _fold(session, renderer, rows, day, now)
    if made:
        log.info("digest.assembled", digests=made, day=day.isoformat())
    return made


async def _held_by_recipient(session: AsyncSession, now: datetime) -> dict[tuple, list[Any]]:
    query = (
        select(notifications)
        .where(notifications.c.status == HELD, notifications.c.created_at <= utc(now))
        .order_by(notifications.c.created_at, notifications.c.id)
        .with_for_update(skip_locked=True)
    )
    groups: dict[tuple, list[Any]] = defaultdict(list)
    for row in (await session.execute(query)).all():
        groups[(row.recipient_role, row.recipient_key)].append(row)
    return groups


async def _fold(
    session: AsyncSession, renderer: MailRenderer, rows: list[Any], day: date, now: datetime
) -> int:
    first = rows[0]
    person = await PeopleRepository(session).get(first.recipient_nip)
    entries = [DigestEntry(r.subject or "", utc(r.created_at), r.template) for r in rows]
    mail = renderer.render(
        DIGEST_TEMPLATE,
        role=first.recipient_role,
        recipient_name=person.name if person else None,
        day=day,
        entries=entries,
    )
    trigger = f"digest:{day.isoformat()}"
    digest_id = notification_id(trigger, first.recipient_role, first.recipient_key, "EMAIL")
    added = await NotificationRepository(session).add(
        id=digest_id,
        trigger_event_id=trigger,
        trigger_event_type=DIGEST_EVENT_TYPE,
        correlation_id=digest_id,
        template=DIGEST_TEMPLATE,
        channel="EMAIL",
        priority=NORMAL,
        recipient_role=first.recipient_role,
        recipient_nip=first.recipient_nip,
        recipient_address=first.recipient_address,
        recipient_key=first.recipient_key,
        subject=mail.subject,
        body=mail.body,
        status=PENDING,
        attempts=0,
        created_at=utc(now),
        next_attempt_at=utc(now),
    )
    if not added:
        return 0  # today's digest already went to this recipient: these wait for tomorrow's
    await session.execute(
        update(notifications)
        .where(notifications.c.id.in_([r.id for r in rows]), notifications.c.status == HELD)
        .values(status=DIGESTED, digest_id=digest_id)
    )
    return 1


async def run_digests(
    sessions: async_sessionmaker, renderer: MailRenderer, settings: Any, signal: Any
) -> None:
    """The background loop: assemble due digests every digest_poll_seconds until cancelled."""
    log.info("digest.started", digest_hour=settings.digest_hour)
    try:
        while True:
            try:
                now = datetime.now(UTC)
                if await assemble_digests(sessions, renderer, now, settings.digest_hour):
                    signal.wake()
            except Exception as exc:
                # The type only: a database error's text carries bound values (addresses).
                log.error("digest.pass_failed", error=type(exc).__name__)
            await asyncio.sleep(settings.digest_poll_seconds)
    finally:
        log.info("digest.stopped")
