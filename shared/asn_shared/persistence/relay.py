"""The outbox relay: publishes committed outbox rows with confirms, then marks them published.

At-least-once: a crash between the broker's confirm and the mark publishes the row again, and the
consumers' inboxes make that harmless. On PostgreSQL rows are claimed with FOR UPDATE SKIP LOCKED
so several replicas of a service can run their relays side by side.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import func, select, update

from ..logging import get_logger
from ..metrics import OUTBOX_PUBLISHED
from .engine import Sessions
from .tables import outbox_table

log = get_logger(__name__)


class BodyPublisher(Protocol):
    async def publish_body(
        self,
        body: bytes,
        *,
        routing_key: str,
        message_id: str | None,
        message_type: str | None,
        correlation_id: str | None,
    ) -> None: ...


class OutboxRelay:
    def __init__(
        self,
        sessions: Sessions,
        publisher: BodyPublisher,
        *,
        batch_size: int = 200,
        poll_seconds: float = 1.0,
    ) -> None:
        self._sessions = sessions
        self._publisher = publisher
        self._batch_size = batch_size
        self._poll_seconds = poll_seconds
        self._wakeup = asyncio.Event()
        self.last_error: str | None = None

    def wake(self) -> None:
        """Called after a transaction that wrote to the outbox commits: publish without waiting."""
        self._wakeup.set()

    async def run(self) -> None:
        backoff = self._poll_seconds
        while True:
            # Cleared before the pass, not after: a commit's wake during it keeps it set, and the
            # rows that commit wrote go out at once instead of after the poll interval.
            self._wakeup.clear()
            try:
                published = await self.publish_pending()
                self.last_error = None
                backoff = self._poll_seconds
            except Exception as exc:  # broker or database away: keep the rows, try again later
                self.last_error = str(exc)
                log.warning("outbox.relay_failed", error=str(exc))
                published = 0
                backoff = min(backoff * 2, 30.0)
            if published >= self._batch_size:
                continue  # more may be waiting
            try:
                await asyncio.wait_for(self._wakeup.wait(), timeout=backoff)
            except TimeoutError:
                pass

    async def publish_pending(self) -> int:
        """Publish one batch of unpublished rows in order; return how many were published."""
        async with self._sessions() as session, session.begin():
            rows = (
                await session.execute(
                    select(
                        outbox_table.c.id,
                        outbox_table.c.event_id,
                        outbox_table.c.event_type,
                        outbox_table.c.routing_key,
                        outbox_table.c.body,
                    )
                    .where(outbox_table.c.published_at.is_(None))
                    .order_by(outbox_table.c.id)
                    .limit(self._batch_size)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            if not rows:
                return 0
            # Publishing concurrently pipelines the confirms; frames still leave in id order.
            results = await asyncio.gather(
                *(self._publish(row) for row in rows), return_exceptions=True
            )
            now = datetime.now(UTC)
            done = [row.id for row, result in zip(rows, results, strict=True) if result is None]
            failed = [(row, r) for row, r in zip(rows, results, strict=True) if r is not None]
            if done:
                await session.execute(
                    update(outbox_table).where(outbox_table.c.id.in_(done)).values(published_at=now)
                )
            for row, error in failed:
                await session.execute(
                    update(outbox_table)
                    .where(outbox_table.c.id == row.id)
                    .values(attempts=outbox_table.c.attempts + 1, last_error=str(error)[:2000])
                )
        if failed:
            raise RuntimeError(f"{len(failed)} outbox events not published: {failed[0][1]}")
        OUTBOX_PUBLISHED.inc(len(done))
        log.debug("outbox.published", count=len(done))
        return len(done)

    async def _publish(self, row) -> None:  # type: ignore[no-untyped-def]
        await self._publisher.publish_body(
            row.body.encode(),
            routing_key=row.routing_key,
            message_id=row.event_id,
            message_type=row.event_type,
            correlation_id=None,
        )

    async def pending_count(self) -> int:
        async with self._sessions() as session:
            result = await session.execute(
                select(func.count())
                .select_from(outbox_table)
                .where(outbox_table.c.published_at.is_(None))
            )
            return int(result.scalar_one())
