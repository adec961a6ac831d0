"""The notifications service's refusals; api/common.py turns each into its 4xx."""

from __future__ import annotations


class NotificationsError(Exception):
    """A request the service refuses; the message says why (never an address, and never a value
    the request sent: a refusal names the field and the rule, not what was submitted)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(NotificationsError):
    """What the request names does not exist (for this person)."""


class Invalid(NotificationsError):
    """The request asks for something the rules do not allow; `field` is the body field at
    fault (the 422 names it as FastAPI's own refusals do: `loc` ["body", field])."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field
