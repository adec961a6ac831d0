"""The AMQP side of reading a stream: connecting with clear errors, and one stream consumer.

`StreamConsumer` keeps the rules for streams over AMQP 0.9.1 (docs/architecture.md section 8): a
prefetch, manual acknowledgement with `ack` only (a nack or reject closes the whole connection),
and an orderly stop: cancel the consumer, ack what was delivered, then close the channel (an ack
racing a channel close costs the connection too).
"""

from __future__ import annotations

import asyncio
import contextlib
import urllib.parse
from typing import Any

import aio_pika
import aiormq.exceptions
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractQueue

from .errors import AuditError

OFFSET_HEADER = "x-stream-offset"


def mask_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


class StreamClosed(AuditError):
    """The connection or channel went away in the middle of a read."""


class _Closed:
    def __init__(self, exc: BaseException | None) -> None:
        text = (exc.args[-1] if exc.args else repr(exc)) if exc else "closed"
        self.reason = str(text).splitlines()[0] if str(text) else repr(exc)


class StreamConsumer:
    """A stream consumer on its own channel that hands out deliveries in order and acks them.

    Only `ack` is ever sent. Leaving the context cancels the consumer, acks everything delivered
    (handed out or still buffered) and then closes the channel, in that order.
    """

    def __init__(self, connection: Any, stream: str, start: Any, prefetch: int) -> None:
        self._connection = connection
        self._stream = stream
        self._start = start
        self._prefetch = prefetch
        self._ack_every = max(1, prefetch // 4)
        # A _Closed marker wakes a reader waiting on the buffer when the channel goes away.
        self._buffer: asyncio.Queue[AbstractIncomingMessage | _Closed] = asyncio.Queue()
        self._channel: AbstractChannel | None = None
        self._queue: AbstractQueue | None = None
        self._tag: str | None = None
        self._newest: AbstractIncomingMessage | None = None
        self._unacked = 0
        self._refused = False
        self._leaving = False
        self.first_offset: int | None = None  # of the first delivery, as soon as it arrives

    async def __aenter__(self) -> StreamConsumer:
        self._channel = await self._connection.channel()
        self._channel.close_callbacks.add(self._on_close)
        await self._channel.set_qos(prefetch_count=self._prefetch)
        self._queue = await self._channel.declare_queue(self._stream, passive=True)
        try:
            self._tag = await self._queue.consume(
                self._on_message, arguments={OFFSET_HEADER: self._start}
            )
        except aiormq.exceptions.ChannelPreconditionFailed as refused:
            reason = refused.args[0] if refused.args else refused
            raise AuditError(f"{self._stream!r} is not a stream ({reason})") from None
        return self

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        if self.first_offset is None:
            offset = (message.headers or {}).get(OFFSET_HEADER)
            self.first_offset = offset if isinstance(offset, int) else -1
        self._buffer.put_nowait(message)

    def _on_close(self, _channel: object, exc: BaseException | None) -> None:
        if not self._leaving:  # the broker or the network closed it under us: wake the reader
            self._buffer.put_nowait(_Closed(exc))

    async def next(self, timeout: float) -> AbstractIncomingMessage | None:
        try:
            message = self._buffer.get_nowait()  # the usual case, without a timer task
        except asyncio.QueueEmpty:
            try:
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a
                # cancellation (Ctrl-C, SIGTERM) that arrives together with a message.
                async with asyncio.timeout(timeout):
                    message = await self._buffer.get()
            except TimeoutError:
                return None
        if isinstance(message, _Closed):
            raise StreamClosed(self._closed_message(message.reason))
        if not isinstance((message.headers or {}).get(OFFSET_HEADER), int):
            # Not a stream: leave the message unacknowledged, so closing the channel gives it back.
            self._refused = True
            return message
        self._newest = message
        self._unacked += 1
        if self._unacked >= self._ack_every:
            await self._ack()
        return message

    async def _ack(self) -> None:
        if self._newest is not None and self._unacked:
            try:
                await self._newest.ack(multiple=True)
            except (aiormq.exceptions.AMQPError, aiormq.exceptions.ChannelInvalidStateError) as exc:
                raise StreamClosed(self._closed_message(_Closed(exc).reason)) from None
            self._unacked = 0

    def _closed_message(self, reason: str) -> str:
        return f"the broker closed the channel while reading {self._stream!r}: {reason}"

    async def __aexit__(self, *exc_info: object) -> None:
        self._leaving = True
        channel = self._channel
        if channel is None or channel.is_closed:
            return
        try:
            if self._queue is not None and self._tag is not None:
                await self._queue.cancel(self._tag)
            for _ in range(3):  # let delivery callbacks already scheduled reach the buffer
                await asyncio.sleep(0)
            if not self._refused:
                while not self._buffer.empty():
                    message = self._buffer.get_nowait()
                    if not isinstance(message, _Closed):
                        self._newest = message
                        self._unacked += 1
                await self._ack()
        except Exception:
            pass  # the connection is going away anyway; never nack a stream message
        finally:
            with contextlib.suppress(Exception):
                await channel.close()


def offset_of(message: AbstractIncomingMessage, stream: str) -> int:
    offset = (message.headers or {}).get(OFFSET_HEADER)
    if not isinstance(offset, int):
        raise AuditError(
            f"{stream!r} is not a stream: its messages carry no {OFFSET_HEADER} header "
            "(nothing was consumed from it)"
        )
    return offset


async def connect(url: str, timeout: float) -> aio_pika.abc.AbstractConnection:
    shown = mask_url(url)
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("amqp", "amqps") or not parts.hostname:
        raise AuditError(
            f"invalid AMQP URL {shown!r}: expected amqp://user:password@host:port/vhost"
        )
    vhost = urllib.parse.unquote(parts.path[1:]) or "/"
    try:
        async with asyncio.timeout(timeout + 1):
            return await aio_pika.connect(
                url, timeout=timeout, client_properties={"connection_name": "asn-audit"}
            )
    except aiormq.exceptions.ProbableAuthenticationError:
        raise AuditError(f"{shown}: login refused for user {parts.username!r}") from None
    except (aiormq.exceptions.InvalidFrameError, aiormq.exceptions.ConnectionNotAllowed):
        raise AuditError(
            f"{shown}: the broker refused vhost {vhost!r} (does it exist, may the user use it?)"
        ) from None
    except TimeoutError:
        raise AuditError(f"{shown}: no answer within {timeout:g}s") from None
    except (aiormq.exceptions.AMQPError, OSError, ValueError) as exc:
        reason = exc.args[-1] if exc.args else exc
        raise AuditError(f"cannot connect to {shown}: {reason}") from None
