"""Generate deploy/rabbitmq/definitions.json: the broker definitions ops load.

    .venv/bin/python deploy/rabbitmq/generate_definitions.py           # (re)write the file
    .venv/bin/python deploy/rabbitmq/generate_definitions.py --check   # exit 1 if it is stale
    .venv/bin/python deploy/rabbitmq/generate_definitions.py --without-users --output /tmp/t.json
    make definitions

The topology (exchanges, quorum queues with their dead-letter queues, the audit stream, bindings)
comes from the same code every service declares at start: `asn_shared.messaging.topology
.rabbitmq_definitions` over the four services' `asn_<svc>.subscriptions.CONSUMER` specs. On top of
it this script adds one broker user per agency that publishes into the system, allowed to write to
the events exchange only, and only with its own routing keys (topic permissions). See README.md
beside this file for how ops load it and set the agencies' passwords (the file carries none).
Careful: importing a user without `password_hash` resets (clears) the password of an existing user
(checked on RabbitMQ 3.10.8), so re-loads on a live broker use `--without-users` (topology only).

Exit status: 0 written / up to date, 1 `--check` found the file missing or different,
2 the service packages (or asn_shared) cannot be imported.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE / "definitions.json"
SERVICES = ("assessment", "feedback", "sanctions", "notifications")
VHOST = "/"


@dataclass(frozen=True)
class Agency:
    """An external system with its own broker account.

    `source` is the CloudEvents `source` the account may speak for: consumers compare it with the
    `user_id` message property, which RabbitMQ checks against the connection's user.
    """

    user: str
    source: str
    routing_keys: tuple[str, ...]
    description: str


AGENCIES: tuple[Agency, ...] = (
    Agency(
        "agency-bkn-siasn",
        "/agencies/bkn-siasn",
        ("employee.profile.updated.v1",),
        "National HR system (BKN SIASN): civil servants' profiles.",
    ),
    Agency(
        "agency-ekinerja-kotabumi",
        "/agencies/ekinerja-kotabumi",
        ("assessment.submitted.v1",),
        "Kotabumi's e-Kinerja application: assessments.",
    ),
    Agency(
        "agency-dinkes-kepahiang",
        "/agencies/dinkes-kepahiang",
        ("indicator.measured.v1",),
        "Kepahiang health office: measured indicator values (e.g. immunisation coverage).",
    ),
    Agency(
        "agency-absensi-surakarta",
        "/agencies/absensi-surakarta",
        ("absence.recorded.v1",),
        "Surakarta's attendance system: absences.",
    ),
    Agency(
        "agency-lapor",
        "/agencies/lapor",
        ("complaint.received.v1",),
        "SP4N-LAPOR!, the national complaint channel: complaints.",
    ),
    Agency(
        "agency-layanan-surakarta",
        "/agencies/layanan-surakarta",
        ("citizen.rating.submitted.v1", "survey.response.submitted.v1"),
        "Surakarta's public service app: citizens' ratings of officers and SKM survey responses.",
    ),
)


def load_consumers() -> list[Any]:
    """The four services' ConsumerSpecs (import errors name what is missing)."""
    consumers = []
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


def check_agency_routing_keys(agencies: tuple[Agency, ...]) -> None:
    """Every key an agency may publish must be an event of the catalog."""
    from asn_shared.catalog.base import model_for_routing_key

    unknown = [
        f"{agency.user}: {key}"
        for agency in agencies
        for key in agency.routing_keys
        if model_for_routing_key(key) is None
    ]
    if unknown:
        raise LookupError("routing keys not in the event catalog: " + ", ".join(unknown))


def routing_key_regex(keys: tuple[str, ...]) -> str:
    """An anchored regex matching exactly these routing keys (RabbitMQ uses PCRE-style regexes)."""
    return "^(" + "|".join(re.escape(key) for key in sorted(keys)) + ")$"


def agency_definitions(
    agencies: tuple[Agency, ...], exchange: str, vhost: str = VHOST
) -> dict[str, list[dict[str, Any]]]:
    users = [
        # No password_hash: ops set each agency's password with `rabbitmqctl change_password`
        # (see README.md); the repository never holds credentials.
        {"name": agency.user, "tags": [], "limits": {}}
        for agency in agencies
    ]
    permissions = [
        {
            "user": agency.user,
            "vhost": vhost,
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
            "vhost": vhost,
            "exchange": exchange,
            "write": routing_key_regex(agency.routing_keys),
            "read": "^$",
        }
        for agency in agencies
    ]
    return {"users": users, "permissions": permissions, "topic_permissions": topic_permissions}


def build_definitions(consumers: list[Any], *, with_users: bool = True) -> dict[str, Any]:
    from asn_shared.messaging.topology import (
        EVENTS_EXCHANGE,
        TopologySettings,
        rabbitmq_definitions,
    )

    check_agency_routing_keys(AGENCIES)
    topology = rabbitmq_definitions(consumers, TopologySettings(), vhost=VHOST)
    agencies = agency_definitions(AGENCIES, EVENTS_EXCHANGE, vhost=VHOST)
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--without-users",
        action="store_true",
        help="topology only (no users/permissions), to re-load a live broker; needs --output",
    )
    args = parser.parse_args(argv)
    if args.without_users and args.output.resolve() == DEFAULT_OUTPUT:
        parser.error("--without-users needs --output (the committed file keeps the users)")

    try:
        text = render(build_definitions(load_consumers(), with_users=not args.without_users))
    except (ImportError, LookupError) as exc:
        print(f"generate_definitions: {exc}", file=sys.stderr)
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
