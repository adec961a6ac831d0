"""The SMTP mailer keeps connections open between mails (adapters/mailer.py), against a real
SMTP server (aiosmtpd) that counts the connections it is given: several mails go over one; a
connection the server dropped or that carried a refusal is never used again, and the mail after
it still goes out."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from asn_notifications.adapters import mailer as mailer_module
from asn_notifications.adapters.mailer import SmtpMailer
from asn_notifications.domain.delivery import OutgoingMail, PermanentMailError
from asn_notifications.settings import NotificationsSettings

from .notifications_servers import Collector, serving


class Counting(Collector):
    """Keeps what it accepts, counts connections, refuses one address for good."""

    def __init__(self) -> None:
        super().__init__()
        self.connections = 0

    async def handle_EHLO(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address.startswith("tidak-ada"):
            return "550 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def server():
    yield from serving(Counting())


def mail(i: int, to: str = "pegawai@example.go.id") -> OutgoingMail:
    return OutgoingMail(f"n-{i}", to, f"Pemberitahuan {i}", "Isi pemberitahuan.")


def mailer_for(controller: Controller) -> SmtpMailer:
    return SmtpMailer(NotificationsSettings(smtp_host="127.0.0.1", smtp_port=controller.port))


async def test_mails_in_a_row_share_one_connection(server) -> None:
    controller, handler = server
    mailer = mailer_for(controller)
    for i in range(5):
        await mailer.send(mail(i))
    await mailer.close()
    assert len(handler.messages) == 5
    assert handler.connections == 1


async def test_mails_at_once_open_a_connection_each_and_reuse_them(server) -> None:
    controller, handler = server
    mailer = mailer_for(controller)
    await asyncio.gather(*(mailer.send(mail(i)) for i in range(3)))
    await asyncio.gather(*(mailer.send(mail(i)) for i in range(3, 6)))
    await mailer.close()
    assert len(handler.messages) == 6
    assert handler.connections == 3


async def test_a_dropped_connection_is_replaced_and_the_mail_goes_out(server, monkeypatch) -> None:
    controller, handler = server
    mailer = mailer_for(controller)
    await mailer.send(mail(1))
    controller.stop()  # the server goes away, and the idle connection with it
    monkeypatch.setattr(mailer_module, "ASK_AFTER_SECONDS", 0.0)  # as if idle for a while
    again = Controller(handler, hostname="127.0.0.1", port=controller.port)
    again.start()
    try:
        await mailer.send(mail(2))
        await mailer.close()
    finally:
        again.stop()
    assert [m["Subject"] for _, m in handler.messages] == ["Pemberitahuan 1", "Pemberitahuan 2"]
    assert handler.connections == 2


async def test_a_refusal_closes_the_connection_and_is_permanent(server) -> None:
    controller, handler = server
    mailer = mailer_for(controller)
    with pytest.raises(PermanentMailError, match="550"):
        await mailer.send(mail(1, to="tidak-ada@example.go.id"))
    await mailer.send(mail(2))
    await mailer.close()
    assert len(handler.messages) == 1
    assert handler.connections == 2


async def test_a_connection_is_retired_after_its_share_of_mails(server, monkeypatch) -> None:
    controller, handler = server
    monkeypatch.setattr(mailer_module, "MAIL_PER_CONNECTION", 2)
    mailer = mailer_for(controller)
    for i in range(5):
        await mailer.send(mail(i))
    await mailer.close()
    assert len(handler.messages) == 5
    assert handler.connections == 3


async def test_a_mail_sent_again_has_the_same_message_id(server) -> None:
    controller, handler = server
    mailer = mailer_for(controller)
    await mailer.send(mail(7))
    await mailer.send(mail(7))  # the same notification, as after a crash before the commit
    await mailer.send(mail(8))
    await mailer.close()
    ids = [m["Message-ID"] for _, m in handler.messages]
    assert ids[0] == ids[1] == "<n-7@asn.local>" and ids[2] == "<n-8@asn.local>"
