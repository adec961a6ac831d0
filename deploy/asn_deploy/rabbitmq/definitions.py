"""Generate deploy/rabbitmq/definitions.json: the broker definitions ops load.

    asn-definitions                                       # (re)write the file (`make definitions`)
    asn-definitions --check                               # exit 1 if it is stale
    asn-definitions --without-users --output /tmp/t.json  # topology only, for a live broker
    asn-definitions --agencies a.json --output /tmp/d.json

(`python -m asn_deploy.rabbitmq.definitions` is the same command.)

The topology (exchanges, quorum queues with their dead-letter queues, the audit stream, bindings)
comes from the same code every service declares at start: `asn_shared.messaging.topology
.rabbitmq_definitions` over the four services' `asn_<svc>.subscriptions.CONSUMER` specs. On top of
it this adds one broker user per agency of `agencies.json` (the one list of agencies, also the
services' allowlist, ASN_AGENCY_ALLOWLIST_FILE), allowed to write to the events exchange only,
and only with the routing keys of its event types (topic permissions). See deploy/rabbitmq/README.md
for how ops load it and set the agencies' passwords (the file carries none).
Careful: importing a user without `password_hash` resets (clears) the password of an existing user
(checked on RabbitMQ 3.10.8), so re-loads on a live broker use `--without-users` (topology only).

Exit status: 0 written / up to date, 1 `--check` found the file missing or different,
2 a service package cannot be imported (run `make venv`), or agencies.json is invalid.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from asn_deploy.paths import AGENCIES_FILE, DEFINITIONS_FILE
from asn_shared.messaging.agencies import Agency
from asn_shared.messaging.agencies import load_agencies as read_allowlist
from asn_shared.messaging.topology import (
    EVENTS_EXCHANGE,
    ConsumerSpec,
    TopologySettings,
    rabbitmq_definitions,
)

DEFAULT_OUTPUT = DEFINITIONS_FILE
DEFAULT_AGENCIES = AGENCIES_FILE
# The event services whose queues the broker holds (the audit writer's intake and stream are part
# of the shared topology itself).
SERVICES = ("assessment", "feedback", "sanctions", "notifications")
VHOST = "/"


def load_agencies(path: Path = DEFAULT_AGENCIES) -> tuple[Agency, ...]:
    """The agencies of `agencies.json`, validated (users, `/agencies/` sources, agency event types
    of the catalog); AllowlistError names the file, the entry and the field."""
    return read_allowlist(path).agencies


def load_consumers() -> list[ConsumerSpec]:
    """The four services' ConsumerSpecs (import errors name what is missing).

    Imported by name: asn_shared must not import a service, and this package is installed beside
    the services rather than depending on them (deploy/pyproject.toml)."""
    consumers: list[ConsumerSpec] = []
    missing = []
    for svc in SERVICES:
        module_name = f"asn_{svc}.subscriptions"
        try:
            module = importlib.import_module(module_name)
            consumers.append(module.CONSUMER)
        except (ImportError, AttributeError) as exc:
            missing.append(f"{module_name}.CONSUMER: {exc}")
    if missing:
        raise LookupError(
            "cannot load every service's consumer spec (run `make venv` first?):\n  "
            + "\n  ".join(missing)
        )
    return consumers


def routing_key_regex(keys: tuple[str, ...]) -> str:
    """An anchored regex matching exactly these routing keys (RabbitMQ uses PCRE-style regexes)."""
    return "^(" + "|".join(re.escape(key) for key in sorted(keys)) + ")$"


def agency_definitions(
    agencies: tuple[Agency, ...], exchange: str
) -> dict[str, list[dict[str, Any]]]:
    users = [
        # No password_hash: ops set each agency's password with `rabbitmqctl change_password`
        # (deploy/rabbitmq/README.md); the repository never holds credentials.
        {"name": agency.user, "tags": [], "limits": {}}
        for agency in agencies
    ]
    permissions = [
        {
            "user": agency.user,
            "vhost": agency.vhost,
            # Declare nothing, consume nothing, publish only to the events exchange.
            "configure": "^$",
            "write": "^" + re.escape(exchange) + "$",
            "read": "^$",
        }
        for agency in agencies
    ]
    topic_permissions = [
        {
            "user": agency.user,
            "vhost": agency.vhost,
            "exchange": exchange,
            "write": routing_key_regex(agency.routing_keys),
            "read": "^$",
        }
        for agency in agencies
    ]
    return {"users": users, "permissions": permissions, "topic_permissions": topic_permissions}


def build_definitions(
    consumers: list[ConsumerSpec],
    *,
    with_users: bool = True,
    agencies_file: Path = DEFAULT_AGENCIES,
) -> dict[str, Any]:
    topology = rabbitmq_definitions(consumers, TopologySettings(), vhost=VHOST)
    agencies = agency_definitions(load_agencies(agencies_file), EVENTS_EXCHANGE)
    # Key order follows `rabbitmqctl export_definitions` (users before permissions before topology).
    users = (
        {
            "users": agencies["users"],
            "permissions": agencies["permissions"],
            "topic_permissions": agencies["topic_permissions"],
        }
        if with_users
        else {}
    )
    return {
        **users,
        "exchanges": topology["exchanges"],
        "queues": topology["queues"],
        "bindings": topology["bindings"],
    }


def render(definitions: dict[str, Any]) -> str:
    return json.dumps(definitions, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="asn-definitions", description="Generate deploy/rabbitmq/definitions.json."
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--agencies", type=Path, default=DEFAULT_AGENCIES, help="the agencies file to read"
    )
    parser.add_argument(
        "--without-users",
        action="store_true",
        help="topology only (no users/permissions), to re-load a live broker; needs --output",
    )
    args = parser.parse_args(argv)
    if args.without_users and args.output.resolve() == DEFAULT_OUTPUT:
        parser.error("--without-users needs --output (the committed file keeps the users)")

    try:
        definitions = build_definitions(
            load_consumers(), with_users=not args.without_users, agencies_file=args.agencies
        )
        text = render(definitions)
    except (ImportError, LookupError, ValueError, OSError) as exc:
        print(f"asn-definitions: {exc}", file=sys.stderr)
        return 2

    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current == text:
            print(f"{args.output} is up to date")
            return 0
        sys.stdout.writelines(
            difflib.unified_diff(
                current.splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile=f"{args.output} (committed)",
                tofile=f"{args.output} (generated)",
            )
        )
        print(f"{args.output} is stale: run `make definitions` and commit it", file=sys.stderr)
        return 1

    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
