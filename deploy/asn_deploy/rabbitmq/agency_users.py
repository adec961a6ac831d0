"""An agency's side of the broker, through rabbitmqctl: its user (with a generated password) and
its permissions, the same ones asn_deploy.rabbitmq.definitions writes into definitions.json.
Used by `asn-onboard-agency` (asn_deploy.rabbitmq.onboard); deploy/rabbitmq/README.md explains
what each permission stops."""

from __future__ import annotations

import re
import secrets
import shlex
import subprocess

import typer

from asn_deploy.rabbitmq import definitions
from asn_deploy.rabbitmq.rabbitmqctl import RabbitmqctlError, rabbitmqctl_command
from asn_shared.messaging.agencies import Agency, routing_keys_for
from asn_shared.messaging.topology import EVENTS_EXCHANGE


class CommandFailed(Exception):
    """rabbitmqctl failed (exit 1)."""


def permission_commands(agency: Agency) -> list[list[str]]:
    """The same permissions asn_deploy.rabbitmq.definitions writes into definitions.json."""
    write_exchange = "^" + re.escape(EVENTS_EXCHANGE) + "$"
    topic = definitions.routing_key_regex(routing_keys_for(agency.types))
    return [
        ["set_permissions", "-p", agency.vhost, agency.user, "^$", write_exchange, "^$"],
        ["set_topic_permissions", "-p", agency.vhost, agency.user, EVENTS_EXCHANGE, topic, "^$"],
    ]


def clear_commands(user: str, vhost: str) -> list[list[str]]:
    return [
        ["clear_permissions", "-p", vhost, user],
        ["clear_topic_permissions", "-p", vhost, user, EVENTS_EXCHANGE],
    ]


def create_user(user: str) -> bool:
    """Add the user with a fresh password (printed once on stdout); False if it already exists."""
    password = secrets.token_urlsafe(32)
    result = run_ctl(["add_user", user], check=False, stdin=password)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        if "already exists" in output:
            note(f"{user}: broker user exists, password unchanged")
            return False
        raise CommandFailed(f"rabbitmqctl add_user {user} failed: {output}")
    note(
        f"{user}: broker user created; its password follows on stdout, shown this once and kept "
        "nowhere: hand it to the agency through your secret channel"
    )
    typer.echo(password)
    return True


def broker_vhosts() -> set[str]:
    result = run_ctl(["list_vhosts", "--silent", "name"])
    return {line.strip() for line in result.stdout.splitlines() if line.strip()}


def run_ctl(
    args: list[str], *, check: bool = True, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    command = [*ctl(), *args]
    note(f"$ {shlex.join(command)}")  # never holds the password (that goes through stdin)
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=60, input=stdin or ""
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CommandFailed(f"{shlex.join(command)}: {exc}") from None
    if check and result.returncode != 0:
        raise CommandFailed(
            f"{shlex.join(command)} failed (exit {result.returncode}): "
            f"{(result.stderr or result.stdout).strip()}"
        )
    return result


def ctl() -> list[str]:
    try:
        return rabbitmqctl_command()
    except RabbitmqctlError as exc:
        raise CommandFailed(str(exc)) from None


def ctl_text(args: list[str]) -> str:
    """A command as printed by --print (plain `rabbitmqctl` when it is not installed here)."""
    try:
        base = rabbitmqctl_command()
    except RabbitmqctlError:
        base = ["rabbitmqctl"]
    return shlex.join([*base, *args])


def note(message: str) -> None:
    typer.echo(message, err=True)
