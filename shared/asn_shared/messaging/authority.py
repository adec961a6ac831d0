"""Who may speak for which `source` (docs/architecture.md section 3).

Each agency publishes with its own broker user; RabbitMQ validates the `user_id` message property
against the connection's user, so a consumer can trust it. Two modes:

- **Allowlist** (`ASN_AGENCY_ALLOWLIST_FILE`, the format of `deploy/rabbitmq/agencies.json`): an
  agency event (`publisher == "agency"`) is accepted only from a listed broker user, for one of its
  `sources` and one of its `types`; without a `user_id` it is refused. Our own doors (assessment's
  and feedback's HTTP intake publish AssessmentSubmitted and ComplaintReceived) pass when the
  `user_id` is a service's broker user (not an agency's; our publisher sets it on every message)
  and the source is not an agency's. An agency user (listed, or named `agency-...`) may never
  publish an event our services publish. Our services' events without an agency `user_id` pass.
- **Convention** (no allowlist; `make run`, the demo, the tests): `agency-<name>` speaks only for
  `/agencies/<name>` and only for agency events; a message without an agency `user_id` is not
  restricted here (the broker's topic permissions still apply).

Pure: no I/O; the reasons name the user, the source and the type, never payload values.
"""

from __future__ import annotations

from ..catalog import EventData
from .agencies import AGENCY_SOURCE_PREFIX, AgencyAllowlist

AGENCY_USER_PREFIX = "agency-"

__all__ = ["AGENCY_SOURCE_PREFIX", "AGENCY_USER_PREFIX", "authority_problem"]


def authority_problem(
    allowlist: AgencyAllowlist | None,
    user_id: str | None,
    source: str,
    model: type[EventData],
) -> str | None:
    """Why this publisher may not publish this event, or None when it may."""
    if allowlist is None:
        return _convention_problem(user_id, source, model)
    event_type = model.event_type
    if model.publisher != "agency":
        if user_id and (user_id in allowlist or user_id.startswith(AGENCY_USER_PREFIX)):
            return (
                f"broker user {user_id!r} is an agency; {event_type} is published by the "
                f"{model.publisher} service, not by agencies"
            )
        return None
    if not user_id:
        return (
            f"{event_type} from source {source!r} has no user_id: agency events must be published "
            "by an allowlisted broker user with user_id set"
        )
    agency = allowlist.get(user_id)
    if agency is None and _our_own_door(user_id, source):
        return None
    if agency is None:
        return (
            f"broker user {user_id!r} is not in the agency allowlist "
            f"(type {event_type}, source {source!r})"
        )
    if source not in agency.sources:
        return (
            f"broker user {user_id!r} may not speak for source {source!r} "
            f"(allowed: {', '.join(agency.sources)}; type {event_type})"
        )
    if event_type not in agency.types:
        return (
            f"broker user {user_id!r} may not publish {event_type} "
            f"(allowed: {', '.join(agency.types)}; source {source!r})"
        )
    return None


def _our_own_door(user_id: str, source: str) -> bool:
    # A service's broker user (RabbitMQ vouches for user_id) speaking for a non-agency source.
    return not user_id.startswith(AGENCY_USER_PREFIX) and not source.startswith(
        AGENCY_SOURCE_PREFIX
    )


def _convention_problem(user_id: str | None, source: str, model: type[EventData]) -> str | None:
    if not user_id or not user_id.startswith(AGENCY_USER_PREFIX):
        return None
    expected = AGENCY_SOURCE_PREFIX + user_id[len(AGENCY_USER_PREFIX) :]
    if source != expected:
        return f"broker user {user_id!r} may publish only as source {expected!r}, not {source!r}"
    if model.publisher != "agency":
        return f"{model.event_type} is published by the {model.publisher} service, not by agencies"
    return None
