"""RabbitMQ's admin command, `rabbitmqctl`: throw-away vhosts for runs and tests, queue depths, and
the command agency onboarding runs. Standard library only.

    from asn_deploy.rabbitmq.rabbitmqctl import create_vhost, delete_vhost, vhost_url

    create_vhost("asn-try")                  # guest gets full permissions on it
    url = vhost_url("amqp://guest:guest@127.0.0.1:5672/", "asn-try")
    ...
    delete_vhost("asn-try")                  # with every queue, message and stream in it

We run as root locally and in CI; without root the command goes through password-less sudo. Set
RABBITMQCTL to another command line to reach a broker elsewhere, e.g.
`RABBITMQCTL="docker exec -i rabbitmq rabbitmqctl"` (`-i`: onboarding hands passwords over stdin).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import urllib.parse

__all__ = [
    "RabbitmqctlError",
    "create_vhost",
    "ctl",
    "delete_vhost",
    "list_queues",
    "rabbitmqctl_command",
    "vhost_of",
    "vhost_url",
]

_KNOWN_PLACES = ("/usr/sbin/rabbitmqctl", "/usr/lib/rabbitmq/bin/rabbitmqctl")


class RabbitmqctlError(RuntimeError):
    """rabbitmqctl is missing or failed; the message carries its output."""


def rabbitmqctl_command() -> list[str]:
    """The command line that runs rabbitmqctl here: RABBITMQCTL if set, else the installed one
    (through `sudo -n` when not root)."""
    override = os.environ.get("RABBITMQCTL")
    if override:
        return shlex.split(override)
    found = shutil.which("rabbitmqctl") or next(
        (p for p in _KNOWN_PLACES if os.path.exists(p)),
        None,
    )
    if found is None:
        raise RabbitmqctlError(
            "rabbitmqctl not found: install RabbitMQ (bash deploy/local-servers.sh "
            "--rabbitmq-only) or set RABBITMQCTL to a command that runs it "
            "(e.g. 'docker exec rabbitmq rabbitmqctl')"
        )
    if os.geteuid() != 0 and shutil.which("sudo"):
        return ["sudo", "-n", found]
    return [found]


def ctl(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `rabbitmqctl <args>`; with `check`, a non-zero exit raises RabbitmqctlError."""
    command = [*rabbitmqctl_command(), *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if check and result.returncode != 0:
        raise RabbitmqctlError(
            f"{shlex.join(command)} failed (exit {result.returncode}): "
            f"{(result.stderr or result.stdout).strip()}"
        )
    return result


def create_vhost(name: str, user: str = "guest") -> None:
    """Create a vhost (no error if it exists) and give `user` full permissions on it."""
    ctl("add_vhost", name)
    ctl("set_permissions", "-p", name, user, ".*", ".*", ".*")


def delete_vhost(name: str, missing_ok: bool = True) -> None:
    """Delete a vhost with everything in it (queues, messages, streams)."""
    result = ctl("delete_vhost", name, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        if missing_ok and "does not exist" in output:
            return
        raise RabbitmqctlError(f"rabbitmqctl delete_vhost {name} failed: {output}")


def vhost_url(base_amqp_url: str, vhost: str) -> str:
    """`base_amqp_url` pointed at `vhost` (URL-encoded: `/` becomes `%2F`)."""
    parts = urllib.parse.urlsplit(base_amqp_url)
    return urllib.parse.urlunsplit(
        (parts.scheme, parts.netloc, "/" + urllib.parse.quote(vhost, safe=""), parts.query, "")
    )


def vhost_of(amqp_url: str) -> str:
    """The vhost an AMQP URL points at (`/` when the path is empty, as pika and aio-pika do)."""
    path = urllib.parse.urlsplit(amqp_url).path
    return urllib.parse.unquote(path[1:]) if len(path) > 1 else "/"


def list_queues(vhost: str = "/") -> dict[str, int]:
    """Queue name -> messages (ready + unacknowledged) in `vhost` (`rabbitmqctl list_queues`)."""
    result = ctl("list_queues", "-p", vhost, "-q", "--no-table-headers", "name", "messages")
    queues: dict[str, int] = {}
    for line in result.stdout.splitlines():
        name, _, count = line.rpartition("\t")
        if name and count.strip().isdigit():
            queues[name] = int(count)
    return queues
