"""What a use case refuses, in terms the HTTP layer maps to a status (api/common.py)."""

from __future__ import annotations


class FeedbackError(Exception):
    """A refusal with a clear message, returned to the caller as `{"message": ...}`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(FeedbackError):
    """404: no such complaint."""


class NotPermitted(FeedbackError):
    """403: this person may not take this step (the wrong official, or no receipt number)."""


class Conflict(FeedbackError):
    """409: not in the current state (a step the status does not allow, no officials named, no
    complete questionnaire yet)."""


class SealingUnavailable(FeedbackError):
    """503: a contact was given but FEEDBACK_CONTACT_KEY is not set: refuse rather than publish
    it in clear."""
