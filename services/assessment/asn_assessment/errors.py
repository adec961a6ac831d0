"""What a use case refuses, in terms the HTTP layer maps to 4xx (api/common.py)."""

from __future__ import annotations

from typing import Any


class CycleError(Exception):
    """A refusal with a clear message and, where it helps, details (fields, a report)."""

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(CycleError):
    """404: the plan, objection, rating or person does not exist here."""


class Conflict(CycleError):
    """409: not now, given the current state (a closed period, a plan already approved)."""


class NotPermitted(CycleError):
    """403: this person may not take this step (only the evaluator approves, ...)."""


class Invalid(CycleError):
    """422: the request itself is wrong in a way the schema could not express."""
