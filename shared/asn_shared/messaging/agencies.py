"""The agencies allowed to publish into the system: `deploy/rabbitmq/agencies.json` as data.

One file is the source of truth for both sides of agency identity (docs/architecture.md section 3):

- the broker: `asn-definitions` and `asn-onboard-agency` (deploy/asn_deploy/rabbitmq) turn each
  entry into a broker user allowed to publish only the routing keys of its event types;
- the services: `ASN_AGENCY_ALLOWLIST_FILE` points at the same file, and the consumer accepts an
  agency event only from a listed broker user (`user_id`, validated by RabbitMQ), for one of its
  `sources` and `types` (`authority.authority_problem`).

Format (unknown fields are refused, so a typo cannot silently widen or narrow an entry):

    {"agencies": [
      {"user": "agency-lapor", "sources": ["/agencies/lapor"], "types": ["ComplaintReceived"],
       "vhost": "/", "description": "SP4N-LAPOR!"}
    ]}

`vhost` (default "/") and `description` are optional; a top-level `"$comment"` is allowed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import all_events

AGENCY_USER_PATTERN = re.compile(r"^agency-[a-z0-9-]+$")
AGENCY_SOURCE_PREFIX = "/agencies/"
AGENCY_SOURCE_PATTERN = re.compile(r"^/agencies/[a-z0-9][a-z0-9._/-]*$")
DEFAULT_VHOST = "/"

_ENTRY_FIELDS = ("user", "sources", "types", "vhost", "description")
_TOP_LEVEL_FIELDS = ("agencies", "$comment")


class AllowlistError(ValueError):
    """The agencies file (or one value for it) is not usable; the message says where and why."""


@dataclass(frozen=True)
class Agency:
    """One external system with its own broker user."""

    user: str
    sources: tuple[str, ...]
    types: tuple[str, ...]
    vhost: str = DEFAULT_VHOST
    description: str = ""

    @property
    def routing_keys(self) -> tuple[str, ...]:
        """The routing keys of its event types (every catalog version), sorted."""
        return routing_keys_for(self.types)


@dataclass(frozen=True)
class AgencyAllowlist:
    """The agencies file, looked up by broker user."""

    agencies: tuple[Agency, ...] = ()
    _by_user: dict[str, Agency] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_user", {agency.user: agency for agency in self.agencies})

    def get(self, user: str | None) -> Agency | None:
        return self._by_user.get(user) if user else None

    def __contains__(self, user: object) -> bool:
        return user in self._by_user

    def __iter__(self) -> Iterator[Agency]:
        return iter(self.agencies)

    def __len__(self) -> int:
        return len(self.agencies)


# ------------------------------------------------------------------------------------------------
# single values (shared with the onboarding command)
# ------------------------------------------------------------------------------------------------


def user_problem(user: object) -> str | None:
    if not isinstance(user, str) or not AGENCY_USER_PATTERN.match(user):
        return f"broker user {user!r} does not match {AGENCY_USER_PATTERN.pattern}"
    return None


def source_problem(source: object) -> str | None:
    if not isinstance(source, str) or not AGENCY_SOURCE_PATTERN.match(source):
        return (
            f"source {source!r} is not under {AGENCY_SOURCE_PREFIX} "
            f"(expected {AGENCY_SOURCE_PATTERN.pattern})"
        )
    return None


def type_problem(event_type: object) -> str | None:
    models = [m for m in all_events() if m.event_type == event_type]
    if not models:
        return f"event type {event_type!r} is not in the event catalog"
    others = sorted({m.publisher for m in models if m.publisher != "agency"})
    if others:
        return f"event type {event_type!r} is published by the {others[0]} service, not by agencies"
    return None


def routing_keys_for(types: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted({m.routing_key() for m in all_events() if m.event_type in set(types)}))


# ------------------------------------------------------------------------------------------------
# the file
# ------------------------------------------------------------------------------------------------


def load_agencies(path: Path) -> AgencyAllowlist:
    """Read and validate an agencies file; AllowlistError (naming file, entry, field) or OSError."""
    return parse_agencies(read_document(path), origin=str(path))


def read_document(path: Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise AllowlistError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    except UnicodeDecodeError:
        raise AllowlistError(f"{path}: not UTF-8 text") from None


def parse_agencies(document: Any, origin: str = "agencies") -> AgencyAllowlist:
    if not isinstance(document, dict) or not isinstance(document.get("agencies"), list):
        raise AllowlistError(f'{origin}: expected an object {{"agencies": [...]}}')
    unknown = sorted(set(document) - set(_TOP_LEVEL_FIELDS))
    if unknown:
        raise AllowlistError(f"{origin}: unknown field(s) {', '.join(unknown)}")
    agencies = [
        _parse_entry(entry, f"{origin}: agencies[{i}]")
        for i, entry in enumerate(document["agencies"])
    ]
    seen: set[str] = set()
    for index, agency in enumerate(agencies):
        if agency.user in seen:
            raise AllowlistError(
                f"{origin}: agencies[{index}] ({agency.user}).user: listed more than once"
            )
        seen.add(agency.user)
    return AgencyAllowlist(tuple(agencies))


def _parse_entry(entry: Any, where: str) -> Agency:
    if not isinstance(entry, dict):
        raise AllowlistError(f"{where}: expected an object")
    if isinstance(entry.get("user"), str):
        where = f"{where} ({entry['user']})"
    unknown = sorted(set(entry) - set(_ENTRY_FIELDS))
    if unknown:
        raise AllowlistError(
            f"{where}: unknown field(s) {', '.join(unknown)} (allowed: {', '.join(_ENTRY_FIELDS)})"
        )
    for required in ("user", "sources", "types"):
        if required not in entry:
            raise AllowlistError(f"{where}.{required}: missing")
    problem = user_problem(entry["user"])
    if problem:
        raise AllowlistError(f"{where}.user: {problem}")
    sources = _string_list(entry["sources"], f"{where}.sources", source_problem)
    types = _string_list(entry["types"], f"{where}.types", type_problem)
    vhost = entry.get("vhost", DEFAULT_VHOST)
    if not isinstance(vhost, str) or not vhost:
        raise AllowlistError(f"{where}.vhost: expected a non-empty string")
    description = entry.get("description", "")
    if not isinstance(description, str):
        raise AllowlistError(f"{where}.description: expected a string")
    return Agency(entry["user"], sources, types, vhost, description)


def _string_list(value: Any, where: str, check: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise AllowlistError(f"{where}: expected a non-empty list")
    for index, item in enumerate(value):
        problem = check(item)
        if problem:
            raise AllowlistError(f"{where}[{index}]: {problem}")
    if len(set(value)) != len(value):
        raise AllowlistError(f"{where}: an entry is listed twice")
    return tuple(value)


def entry_document(agency: Agency) -> dict[str, Any]:
    """One agency as it is written to the file (`vhost` only when not the default)."""
    entry: dict[str, Any] = {
        "user": agency.user,
        "sources": list(agency.sources),
        "types": list(agency.types),
    }
    if agency.vhost != DEFAULT_VHOST:
        entry["vhost"] = agency.vhost
    if agency.description:
        entry["description"] = agency.description
    return entry


def render_document(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
