"""Sending one rendered mail over SMTP (aiosmtplib). What a failure means is the domain's
(domain/delivery.py): a refusal for good is a PermanentMailError, anything else is retried."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from email.message import EmailMessage
from email.utils import formatdate

import aiosmtplib

from ..domain.delivery import OutgoingMail, PermanentMailError
from ..domain.text import header_text
from ..settings import NotificationsSettings

# A connection is kept open between mails: a new one per mail cost a TCP handshake, EHLO and a
# name lookup in a thread each (bench/README.md). Servers close idle ones (Postfix after 300 s)
# and some cap the mails per connection: both are kept well below.
IDLE_SECONDS = 30.0
MAIL_PER_CONNECTION = 100
ASK_AFTER_SECONDS = 1.0  # idle longer: a NOOP first, so a dropped connection costs no attempt


class SmtpMailer:
    """Sends over a few reused connections, as many as mails in flight at once (the dispatcher's
    concurrency); a connection that fails in any way is closed, never reused."""

    def __init__(self, settings: NotificationsSettings) -> None:
        self._settings = settings
        # Idle connections: each with the mails it has carried and when it was last given back.
        self._idle: list[tuple[aiosmtplib.SMTP, int, float]] = []
        # What we call ourselves in EHLO: looked up once, not in a thread per connection.
        self._local_hostname: str | None = None

    def build_message(self, mail: OutgoingMail) -> EmailMessage:
        if any(c in mail.to for c in "\r\n") or "@" not in mail.to:
            raise PermanentMailError("recipient address is malformed")
        sender = self._settings.smtp_from
        message = EmailMessage()
        message["From"] = sender
        try:
            message["To"] = mail.to
        except (ValueError, IndexError) as exc:
            raise PermanentMailError(
                f"recipient address is malformed: {type(exc).__name__}"
            ) from None
        message["Subject"] = header_text(mail.subject)
        message["Date"] = formatdate(usegmt=True)
        # The same for every attempt at one notification: a mail sent again (after a crash
        # between the server's answer and our commit) is one receivers and relays can drop.
        domain = sender.rpartition("@")[2] or "asn.local"
        message["Message-ID"] = f"<{mail.notification_id}@{domain}>"
        # Lets an operator match a delivered mail to its row without reading the address.
        message["X-ASN-Notification-Id"] = mail.notification_id
        message.set_content(mail.body, charset="utf-8")
        return message

    def _credentials(self) -> tuple[str | None, str | None]:
        """SMTP AUTH only with both a username and a password; a half pair is no login."""
        s = self._settings
        if s.smtp_username is None or s.smtp_password is None:
            return None, None
        return s.smtp_username.get_secret_value(), s.smtp_password.get_secret_value()

    async def send(self, mail: OutgoingMail) -> None:
        message = self.build_message(mail)
        client, carried = await self._client()
        try:
            await client.send_message(message)
        except (aiosmtplib.SMTPRecipientsRefused, aiosmtplib.SMTPRecipientRefused) as exc:
            await _close(client)  # the server's state after a refusal is not worth guessing
            if _refused_for_good(exc):
                raise PermanentMailError(_refusal_codes(exc)) from None
            raise
        except BaseException:
            await _close(client)
            raise
        self._idle.append((client, carried + 1, asyncio.get_running_loop().time()))

    async def close(self) -> None:
        """Say goodbye on the idle connections (QUIT); at the service's stop."""
        while self._idle:
            await _close(self._idle.pop()[0])

    async def _client(self) -> tuple[aiosmtplib.SMTP, int]:
        """An open connection: one that sent before (fewer than MAIL_PER_CONNECTION, idle less
        than IDLE_SECONDS, answering NOOP if idle for more than ASK_AFTER_SECONDS), else a new
        one; with the mails it has carried."""
        loop = asyncio.get_running_loop()
        while self._idle:
            client, carried, since = self._idle.pop()
            idle = loop.time() - since
            if idle < IDLE_SECONDS and carried < MAIL_PER_CONNECTION:
                if idle < ASK_AFTER_SECONDS:
                    return client, carried  # under load: in use a moment ago
                try:
                    await client.noop()
                    return client, carried
                except (aiosmtplib.SMTPException, OSError):
                    pass
            await _close(client)
        s = self._settings
        username, password = self._credentials()
        if self._local_hostname is None:
            self._local_hostname = await asyncio.to_thread(socket.getfqdn)
        client = aiosmtplib.SMTP(
            hostname=s.smtp_host,
            port=s.smtp_port,
            start_tls=s.smtp_starttls,
            username=username,
            password=password,
            timeout=s.smtp_timeout_seconds,
            local_hostname=self._local_hostname,
        )
        await client.connect()
        return client, 0


async def _close(client: aiosmtplib.SMTP) -> None:
    with contextlib.suppress(Exception):
        if client.is_connected:
            await client.quit()
    client.close()


def _refused_for_good(exc: Exception) -> bool:
    refusals = getattr(exc, "recipients", None) or [exc]
    return all(getattr(r, "code", 0) >= 500 for r in refusals)


def _refusal_codes(exc: Exception) -> str:
    refusals = getattr(exc, "recipients", None) or [exc]
    return "recipient refused by the SMTP server: " + ", ".join(
        str(getattr(r, "code", "?")) for r in refusals
    )
