"""Who may speak for which `source` (architecture.md section 3).

Each agency publishes with its own broker user `agency-<name>`; RabbitMQ validates the `user_id`
message property against the connection's user, so a consumer can trust it. Such a user speaks
only for the source `/agencies/<name>`, and only for the events agencies publish: an agency cannot
forge a rating from our assessment service. Messages without an agency `user_id` (our own services,
a developer's broker) are not restricted here; the broker's topic permissions still apply.
"""

from __future__ import annotations

from ..catalog import EventData

AGENCY_USER_PREFIX = "agency-"
AGENCY_SOURCE_PREFIX = "/agencies/"


def authority_problem(user_id: str | None, source: str, model: type[EventData]) -> str | None:
    """Why this publisher may not publish this event, or None when it may."""
    if not user_id or not user_id.startswith(AGENCY_USER_PREFIX):
        return None
    expected = AGENCY_SOURCE_PREFIX + user_id[len(AGENCY_USER_PREFIX) :]
    if source != expected:
        return f"broker user {user_id!r} may publish only as source {expected!r}, not {source!r}"
    if model.publisher != "agency":
        return f"{model.event_type} is published by the {model.publisher} service, not by agencies"
    return None
