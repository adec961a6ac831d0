"""Reading the audit stream (`asn.audit`) over AMQP 0.9.1 with aio-pika.

Streams over AMQP have rules (docs/architecture.md section 8), kept by `stream.StreamConsumer`:
a prefetch, manual `ack` of every message and never a nack or reject (either closes the whole
connection), so a message that is not a CloudEvent is acknowledged too and handed on as a record
with the reason. Further:

- the starting point is the `x-stream-offset` consumer argument: "first", an integer offset, or a
  point in time (sent as an AMQP timestamp, whole seconds, broker clock). A time attaches at the
  stream chunk written at or after it, so a few events published shortly before may come too;
  filter on the CloudEvents time (`--since`) for an exact cut.
- the broker keeps no offsets for AMQP consumers: each delivery carries its offset in the
  `x-stream-offset` header, and callers store the last one they processed (as `asn-audit
  replay --resume-file` does).

Where a replay stops: at the stream's end as of when it started. `find_end` attaches two
short-lived consumers: one at "next", whose first delivery (if any) is the first message
published after the replay started, so the end is the offset just before it; and one at "last"
(the stream's last chunk, delivered at once) whose highest offset is the end when nothing is
being published. The replay then stops right after that offset, however many events arrive
meanwhile. The broker's message count is not used: on RabbitMQ 3.10 a passive declare of a stream
reports it about a second late (0 just after a publish), and it is a count, not the last offset,
once retention has truncated the stream's head. An idle timeout is the safety net for a broker
that stops delivering before the end offset (a start after the end, retention removing what was
about to be read).
"""

from __future__ import annotations

import asyncio
import contextlib
import urllib.parse
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import aio_pika
import aiormq.exceptions

from ..messaging.topology import AUDIT_STREAM
from .errors import AuditError
from .records import AuditRecord, record_from_message
from .stream import StreamConsumer, connect, offset_of
from .times import parse_time

StartAt = Literal["first"] | int | datetime
DEFAULT_AMQP_URL = "amqp://guest:guest@localhost:5672/"
_AUTO: Any = object()


def parse_start(text: str) -> StartAt:
    """`--from`: "first", an offset (e.g. 1200) or an ISO time (e.g. 2026-10-05T09:30:00+07:00)."""
    value = text.strip()
    if value.lower() == "first":
        return "first"
    if value.isdigit():
        return int(value)
    try:
        return parse_time(value)
    except AuditError:
        raise AuditError(
            f"--from {text!r}: expected 'first', an offset (e.g. 1200) or an ISO time "
            "(e.g. 2026-10-05T09:30:00+07:00)"
        ) from None


def describe_start(start: StartAt) -> str:
    if isinstance(start, datetime):
        return f"time {start.isoformat()}"
    if isinstance(start, int):
        return f"offset {start}"
    return "the first event"


@dataclass
class ReadStats:
    end_offset: int | None = None
    first_offset: int | None = None
    last_offset: int | None = None
    read: int = 0
    bytes: int = 0
    stopped_by: str = ""  # "end", "empty", "idle" or "caller"
    gap: tuple[int, int] | None = None  # requested offsets the stream no longer holds


class AuditStreamReader:
    """One connection to the broker; `records()` replays the stream as AuditRecords.

    async with AuditStreamReader(url) as reader:
        async with contextlib.aclosing(reader.records("first")) as records:
            async for record in records: ...
    """

    def __init__(
        self,
        amqp_url: str = DEFAULT_AMQP_URL,
        stream: str = AUDIT_STREAM,
        *,
        prefetch: int = 1000,
        idle_timeout: float = 5.0,
        connect_timeout: float = 10.0,
        probe_quiet: float = 0.25,
        probe_limit: float = 3.0,
    ) -> None:
        if prefetch < 1:
            raise AuditError("the prefetch must be at least 1 (streams need one)")
        self.amqp_url = amqp_url
        self.stream = stream
        self.prefetch = prefetch
        self.idle_timeout = idle_timeout
        self.connect_timeout = connect_timeout
        self.probe_quiet = probe_quiet
        self.probe_limit = probe_limit
        self.stats = ReadStats()
        self._connection: aio_pika.abc.AbstractConnection | None = None

    @property
    def connection(self) -> aio_pika.abc.AbstractConnection:
        if self._connection is None:
            raise RuntimeError("use `async with AuditStreamReader(...)` first")
        return self._connection

    async def __aenter__(self) -> AuditStreamReader:
        self._connection = await connect(self.amqp_url, self.connect_timeout)
        try:
            await self._check_stream()
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._connection is not None and not self._connection.is_closed:
            with contextlib.suppress(Exception):
                await self._connection.close()

    async def _check_stream(self) -> None:
        vhost = urllib.parse.unquote(urllib.parse.urlsplit(self.amqp_url).path[1:]) or "/"
        channel = await self.connection.channel()
        try:
            await channel.declare_queue(self.stream, passive=True)
        except aiormq.exceptions.ChannelNotFoundEntity:
            raise AuditError(f"no stream {self.stream!r} in vhost {vhost!r}") from None
        except aiormq.exceptions.ChannelAccessRefused:
            raise AuditError(f"access to {self.stream!r} in vhost {vhost!r} refused") from None
        with contextlib.suppress(Exception):
            await channel.close()

    async def find_end(self) -> int | None:
        """The offset of the stream's last message now, or None when the stream is empty."""
        end: int | None = None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.probe_limit
        wait = min(2.0, self.idle_timeout)
        async with (
            StreamConsumer(self.connection, self.stream, "next", self.prefetch) as newer,
            StreamConsumer(self.connection, self.stream, "last", self.prefetch) as last,
        ):
            while newer.first_offset is None and (left := deadline - loop.time()) > 0:
                message = await last.next(min(wait, left))
                if message is None:
                    break  # the last chunk has been delivered and nothing new came
                offset = offset_of(message, self.stream)
                end = offset if end is None else max(end, offset)
                wait = self.probe_quiet
            if newer.first_offset is not None:
                if newer.first_offset < 0:  # not a stream: the "next" consumer got a plain message
                    raise AuditError(f"{self.stream!r} is not a stream")
                end = newer.first_offset - 1 if newer.first_offset > 0 else None
        return end

    async def records(
        self, start: StartAt = "first", *, end: int | None = _AUTO
    ) -> AsyncGenerator[AuditRecord, None]:
        """Every message from `start` to `end` (default: the end now, see `find_end`)."""
        stats = self.stats = ReadStats()
        if end is _AUTO:
            end = await self.find_end()
        stats.end_offset = end
        if end is None or (isinstance(start, int) and start > end):
            stats.stopped_by = "empty" if end is None else "end"
            return
        async with StreamConsumer(self.connection, self.stream, start, self.prefetch) as reading:
            try:
                async for record in self._read(reading, start, end, stats):
                    yield record
            except GeneratorExit:
                stats.stopped_by = stats.stopped_by or "caller"
                raise

    async def _read(
        self, reading: StreamConsumer, start: StartAt, end: int, stats: ReadStats
    ) -> AsyncGenerator[AuditRecord, None]:
        while True:
            message = await reading.next(self.idle_timeout)
            if message is None:
                stats.stopped_by = "idle"
                return
            offset = offset_of(message, self.stream)
            if isinstance(start, int) and offset < start:
                continue  # the broker attaches at a chunk; never hand out what came before
            if stats.first_offset is None:
                stats.first_offset = offset
                if isinstance(start, int) and offset > start:
                    stats.gap = (start, offset - 1)
            if offset > end:
                stats.stopped_by = "end"
                return
            stats.last_offset = offset
            stats.read += 1
            stats.bytes += len(message.body)
            yield record_from_message(
                offset=offset,
                routing_key=message.routing_key or "",
                body=message.body,
                headers=message.headers,
                content_type=message.content_type,
                message_id=message.message_id,
                user_id=message.user_id,
                timestamp=message.timestamp,
            )
            if offset >= end:
                stats.stopped_by = "end"
                return
