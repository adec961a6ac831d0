"""One clock for the tests whose outcome depends on the date.

A service counts its deadlines in days as people in Asia/Jakarta live them, seven hours ahead of
UTC: from 17:00 to 24:00 UTC it is already tomorrow there. A test that takes "today" from
somewhere else than the service does passes or fails by the hour. So such a test takes the
`clock` fixture (tests/conftest.py), gives it to the service under test (its runtime's clock:
asn_shared.clock) and asks it for `today()`, and is marked `@pytest.mark.clock`.

The fixture starts at the real time, or at the instant given with `pytest --clock=ISO-8601`, and
ticks from there like a watch; a test that sets `clock.now` stops it at that instant. `make
test-midnight` runs the marked tests with the clock just before and just after midnight in
Jakarta (what CI does after `make test`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")


@dataclass
class TestClock:
    start: datetime = field(default_factory=lambda: datetime.now(UTC))
    _frozen: datetime | None = None
    _started: float = field(default_factory=time.monotonic)

    __test__ = False  # not a test class, whatever pytest thinks of its name

    @classmethod
    def at(cls, moment: datetime) -> TestClock:
        """A clock stopped at `moment` (a test then moves it by setting `now`)."""
        clock = cls()
        clock.now = moment
        return clock

    def __call__(self) -> datetime:
        return self.now

    @property
    def now(self) -> datetime:
        if self._frozen is not None:
            return self._frozen
        return self.start + timedelta(seconds=time.monotonic() - self._started)

    @now.setter
    def now(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("the test clock takes aware datetimes only")
        self._frozen = moment.astimezone(UTC)

    def today(self, zone: ZoneInfo = JAKARTA) -> date:
        """The date where the services count days (Asia/Jakarta unless told)."""
        return self.now.astimezone(zone).date()


def parse_start(text: str | None) -> datetime | None:
    """`--clock`: an ISO-8601 instant with its offset (`2026-12-07T16:59:00Z`), or none."""
    if not text:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"--clock {text!r} needs an offset (Z or +07:00)")
    return moment.astimezone(UTC)
