"""Fixtures shared by the integration tests: the real SMTP server and webhook receivers."""

from tests.integration.notifications_servers import smtp, start_receiver

__all__ = ["smtp", "start_receiver"]
