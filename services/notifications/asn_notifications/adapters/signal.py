"""The wake-up between the handlers and the dispatcher: a notice recorded as due wakes the
dispatcher as soon as its transaction commits, instead of at the next poll."""

from __future__ import annotations

import asyncio
from contextlib import suppress

from sqlalchemy import event as sa_event
from sqlalchemy.ext.asyncio import AsyncSession


class DispatchSignal:
    """Lets the handler path wake the dispatcher as soon as a new row is committed."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def wake(self) -> None:
        self._event.set()

    def wake_after_commit(self, session: AsyncSession) -> None:
        # After commit, not now: woken before the commit, the dispatcher would find nothing.
        sa_event.listen(session.sync_session, "after_commit", lambda _s: self.wake(), once=True)

    def is_set(self) -> bool:
        return self._event.is_set()

    def clear(self) -> None:
        self._event.clear()

    async def wait(self, timeout: float) -> None:
        with suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout=timeout)
