"""The notifications service's refusals; api/common.py turns each into its 4xx."""

from __future__ import annotations


class NotificationsError(Exception):
    """A request the service refuses; the message says why (never an address)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(NotificationsError):
    """What the request names does not exist (for this person)."""


class Invalid(NotificationsError):
    """The request asks for something the rules do not allow."""
