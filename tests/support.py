"""Small helpers shared by the tests (fakes and message builders)."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn_shared.catalog import EventData
from asn_shared.clock import Clock, system_clock
from asn_shared.envelope import STRUCTURED_CONTENT_TYPE, CloudEvent, new_event
from asn_shared.identity.tokens import TokenVerifier
from asn_shared.messaging.consumer import Delivery
from asn_shared.persistence.engine import Sessions
from asn_shared.runtime.migrations import upgrade
from asn_shared.runtime.unit_of_work import UnitOfWork, unit_of_work
from tests.identity import verifier

REPO = Path(__file__).resolve().parent.parent
CONTRACT_DOC = REPO / "docs" / "agency-contract-v1.md"


@dataclass
class FakePublisher:
    """Records what would have gone to the broker; can be told to fail."""

    published: list[dict[str, Any]] = field(default_factory=list)
    dead_letters: list[dict[str, Any]] = field(default_factory=list)
    fail_with: Exception | None = None

    async def publish_body(self, body: bytes, **kwargs: Any) -> None:
        await asyncio.sleep(0)  # let concurrent relays interleave, as real I/O would
        if self.fail_with:
            raise self.fail_with
        self.published.append({"body": body, **kwargs})

    async def dead_letter(self, consumer: str, body: bytes, **kwargs: Any) -> None:
        self.dead_letters.append({"consumer": consumer, "body": body, **kwargs})


@dataclass
class FakeRuntime:
    """What a service's API needs of ServiceRuntime: sessions, settings, the clock (the one
    "now" of a command: a test passes its `clock` fixture) and a unit of work."""

    sessions: Sessions
    settings: Any
    clock: Clock = system_clock
    # Bearer tokens of the tests' issuer (tests/identity.py), checked as in production.
    identity: TokenVerifier = field(default_factory=verifier)

    def unit_of_work(self, actor: str | None = None) -> AbstractAsyncContextManager[UnitOfWork]:
        return unit_of_work(
            self.sessions,
            self.settings.event_source,
            clock=self.clock,
            actor=actor,
            consumer=self.settings.service_name,  # a service's consumer is named after it
        )


async def migrate(migrations_dir: Path, database_url: str) -> None:
    """Alembic's env runs its own event loop, so it gets a thread of its own."""
    await asyncio.to_thread(upgrade, migrations_dir, database_url)


def delivery(event: CloudEvent, routing_key: str | None = None) -> Delivery:
    return Delivery(
        body=event.to_json_bytes(),
        headers={},
        content_type=STRUCTURED_CONTENT_TYPE,
        routing_key=routing_key,
        message_id=event.id,
    )


def agency_event(data: EventData, source: str = "/agencies/test") -> CloudEvent:
    return new_event(data, source=source)


def contract_example() -> dict[str, Any]:
    """The structured-mode example of docs/agency-contract-v1.md, exactly as agencies see it."""
    text = CONTRACT_DOC.read_text()
    return json.loads(text.split("```json", 1)[1].split("```", 1)[0])


_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(?P<offset>Z|[+-]\d{2}:\d{2})?$"
)


def date_times(value: Any) -> Iterator[str]:
    """Every string in a JSON answer that is a date-time."""
    if isinstance(value, dict):
        for item in value.values():
            yield from date_times(item)
    elif isinstance(value, list):
        for item in value:
            yield from date_times(item)
    elif isinstance(value, str) and _DATE_TIME.match(value):
        yield value


def without_offset(value: Any) -> list[str]:
    """The date-times of a JSON answer that name no offset: a bare 09:00 says nothing about
    when."""
    found = (_DATE_TIME.match(t) for t in date_times(value))
    return [m.group(0) for m in found if m and not m.group("offset")]
