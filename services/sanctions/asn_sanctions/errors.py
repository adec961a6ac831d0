"""What the sanctions use cases refuse, in terms the HTTP layer maps to 4xx (api/common.py).

A step the discipline workflow does not allow now is `domain.discipline.workflow.StepRefused`
(409), raised by the rules themselves.
"""

from __future__ import annotations


class NotFound(Exception):
    """404: no such case or objection."""


class NotPermitted(Exception):
    """403: the actor may not take this step (the message names the article)."""


class Refused(Exception):
    """409: a coaching step not allowed now; the message says why and cites the article."""


class DatedInFuture(Exception):
    """422: a step that has happened (a hearing held, a decision taken, a delivery made, an
    objection filed...) dated after today; `field` is the body's field that carries the date."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
