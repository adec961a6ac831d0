"""Sending one rendered mail over SMTP (aiosmtplib). What a failure means is the domain's
(domain/delivery.py): a refusal for good is a PermanentMailError, anything else is retried."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import aiosmtplib

from ..domain.delivery import OutgoingMail, PermanentMailError
from ..domain.text import header_text
from ..settings import NotificationsSettings


class SmtpMailer:
    def __init__(self, settings: NotificationsSettings) -> None:
        self._settings = settings

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
        message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
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
        s = self._settings
        username, password = self._credentials()
        try:
            await aiosmtplib.send(
                self.build_message(mail),
                hostname=s.smtp_host,
                port=s.smtp_port,
                start_tls=s.smtp_starttls,
                username=username,
                password=password,
                timeout=s.smtp_timeout_seconds,
            )
        except (aiosmtplib.SMTPRecipientsRefused, aiosmtplib.SMTPRecipientRefused) as exc:
            if _refused_for_good(exc):
                raise PermanentMailError(_refusal_codes(exc)) from None
            raise


def _refused_for_good(exc: Exception) -> bool:
    refusals = getattr(exc, "recipients", None) or [exc]
    return all(getattr(r, "code", 0) >= 500 for r in refusals)


def _refusal_codes(exc: Exception) -> str:
    refusals = getattr(exc, "recipients", None) or [exc]
    return "recipient refused by the SMTP server: " + ", ".join(
        str(getattr(r, "code", "?")) for r in refusals
    )
