"""Onboard (or offboard) an agency: its broker user, its permissions and its agencies.json entry.

    asn-onboard-agency onboard agency-bkd-kepahiang \\
        --source /agencies/bkd-kepahiang --type AbsenceRecorded --type EmployeeProfileUpdated \\
        --apply
    asn-onboard-agency offboard agency-bkd-kepahiang --apply

(`python -m asn_deploy.rabbitmq.onboard` is the same command.)

Without `--apply` (or with `--print`) nothing changes: the rabbitmqctl commands are printed (a
shell script) with the agencies.json entry they go with.

`onboard --apply`:

1. checks the user name (`agency-[a-z0-9-]+`), the sources (under `/agencies/`) and the types
   (events of the catalog that agencies publish) - exit 2 otherwise, nothing changed;
2. creates the broker user with a generated password (32 random bytes, URL-safe), handed to
   rabbitmqctl on stdin (never on a command line) and printed once, alone, on stdout: nothing else
   keeps it. A user that already exists keeps its password (no line on stdout): re-running
   `onboard` updates an agency's sources and types;
3. `set_permissions -p <vhost> <user> '^$' '^asn\\.events$' '^$'` (publish to the events exchange
   only) and `set_topic_permissions -p <vhost> <user> asn.events '^(<its routing keys>)$' '^$'`;
4. adds or replaces the entry in the agencies file (the sources, types and vhost given are the
   whole new entry; the description is kept unless a new one is given; a moved vhost has its old
   permissions cleared) and, when that is the committed deploy/rabbitmq/agencies.json,
   regenerates deploy/rabbitmq/definitions.json (as `make definitions` does). Commit both.

A failure after the user was created deletes it again (no half-onboarded agency).

`offboard --apply` deletes the broker user (which drops its permissions in every vhost) and its
entry, then regenerates definitions.json the same way.

rabbitmqctl is found as asn_deploy.rabbitmq.rabbitmqctl finds it: RABBITMQCTL overrides (e.g.
`RABBITMQCTL="docker exec -i rabbitmq rabbitmqctl"`: `-i`, the password goes through stdin),
otherwise `rabbitmqctl` on PATH or in /usr/sbin, through `sudo -n` when not root.

Exit status: 0 done (or printed), 1 rabbitmqctl failed, 2 refused input (user, source, type,
vhost, agencies file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from asn_deploy.paths import AGENCIES_FILE, DEFINITIONS_FILE
from asn_deploy.rabbitmq import definitions
from asn_deploy.rabbitmq.agency_users import (
    CommandFailed,
    broker_vhosts,
    clear_commands,
    create_user,
    ctl_text,
    note,
    permission_commands,
    run_ctl,
)
from asn_shared.messaging.agencies import (
    DEFAULT_VHOST,
    Agency,
    AllowlistError,
    entry_document,
    parse_agencies,
    read_document,
    render_document,
    source_problem,
    type_problem,
    user_problem,
)

DEFAULT_AGENCIES = AGENCIES_FILE
DEFAULT_DEFINITIONS = DEFINITIONS_FILE

app = typer.Typer(
    help="Onboard or offboard an agency: broker user, permissions, agencies.json entry.",
    no_args_is_help=True,
    add_completion=False,
)

ApplyOption = Annotated[
    bool,
    typer.Option(
        "--apply/--print",
        help="--apply: run the commands and write the files; --print (default): only show them.",
    ),
]
AgenciesOption = Annotated[
    Path,
    typer.Option(help="The agencies file to update (the services' ASN_AGENCY_ALLOWLIST_FILE)."),
]


class Refused(Exception):
    """Input we will not act on (exit 2)."""


# ------------------------------------------------------------------------------------------------
# commands
# ------------------------------------------------------------------------------------------------


@app.command()
def onboard(
    user: Annotated[str, typer.Argument(help="Broker user, agency-<name>.")],
    source: Annotated[
        list[str], typer.Option("--source", help="CloudEvents source it speaks for (repeatable).")
    ],
    event_type: Annotated[
        list[str], typer.Option("--type", help="Event type it may publish (repeatable).")
    ],
    vhost: Annotated[str, typer.Option(help="The vhost it publishes into.")] = DEFAULT_VHOST,
    description: Annotated[str, typer.Option(help="Who the agency is (for the file).")] = "",
    apply: ApplyOption = False,
    agencies_file: AgenciesOption = DEFAULT_AGENCIES,
) -> None:
    """Create (or update) an agency's broker user, permissions and agencies.json entry."""
    try:
        document = read_agencies(agencies_file)
        existing = find_entry(document, user)
        if not description and existing is not None:
            description = existing.get("description", "")  # kept unless a new one is given
        agency = checked_agency(user, source, event_type, vhost, description)
        updated = replace_entry(document, agency)
        parse_agencies(updated, origin=str(agencies_file))  # the file stays valid
        commands = permission_commands(agency)
        if existing is not None and existing.get("vhost", DEFAULT_VHOST) != agency.vhost:
            commands = clear_commands(user, existing.get("vhost", DEFAULT_VHOST)) + commands
        if not apply:
            print_plan(
                [f"printf '%s' \"$AGENCY_PASSWORD\" | {ctl_text(['add_user', user])}", *commands],
                f"then {'update' if existing else 'add'} in {agencies_file}:",
                render_document(entry_document(agency)),
            )
            return
        if agency.vhost not in broker_vhosts():
            raise Refused(f"vhost {agency.vhost!r} does not exist on the broker")
        created = create_user(user)
        try:
            for command in commands:
                run_ctl(command)
        except CommandFailed:
            if created:
                run_ctl(["delete_user", user], check=False)
                note(f"{user}: permissions failed, the new user was deleted again")
            raise
        write_agencies(agencies_file, updated)
        note(f"{user}: {'updated' if existing else 'added'} in {agencies_file}")
        regenerate_definitions(agencies_file)
    except Refused as exc:
        fail(str(exc), 2)
    except CommandFailed as exc:
        fail(str(exc), 1)


@app.command()
def offboard(
    user: Annotated[str, typer.Argument(help="Broker user, agency-<name>.")],
    apply: ApplyOption = False,
    agencies_file: AgenciesOption = DEFAULT_AGENCIES,
) -> None:
    """Delete an agency's broker user (and with it its permissions) and its agencies.json entry."""
    try:
        problem = user_problem(user)
        if problem:
            raise Refused(problem)
        document = read_agencies(agencies_file)
        in_file = find_entry(document, user) is not None
        if not apply:
            print_plan(
                [["delete_user", user]],
                f"then remove {user} from {agencies_file}"
                if in_file
                else f"({user} is not in {agencies_file})",
                None,
            )
            return
        result = run_ctl(["delete_user", user], check=False)
        on_broker = result.returncode == 0
        if not on_broker:
            output = (result.stderr or result.stdout).strip()
            if "does not exist" not in output:
                raise CommandFailed(f"rabbitmqctl delete_user {user} failed: {output}")
            note(f"{user}: no such broker user")
        if not in_file and not on_broker:
            raise CommandFailed(f"{user}: neither a broker user nor in {agencies_file}")
        if in_file:
            document["agencies"] = [e for e in document["agencies"] if e.get("user") != user]
            write_agencies(agencies_file, document)
            note(f"{user}: removed from {agencies_file}")
            regenerate_definitions(agencies_file)
    except Refused as exc:
        fail(str(exc), 2)
    except CommandFailed as exc:
        fail(str(exc), 1)


# ------------------------------------------------------------------------------------------------
# the pieces
# ------------------------------------------------------------------------------------------------


def checked_agency(
    user: str, sources: list[str], types: list[str], vhost: str, description: str
) -> Agency:
    problems = [user_problem(user)]
    problems += [source_problem(s) for s in sources]
    problems += [type_problem(t) for t in types]
    if not vhost:
        problems.append("vhost must not be empty")
    if len(set(sources)) != len(sources) or len(set(types)) != len(types):
        problems.append("a --source or --type is given twice")
    found = [p for p in problems if p]
    if found:
        raise Refused("; ".join(found))
    return Agency(user, tuple(sources), tuple(types), vhost, description)


def read_agencies(path: Path) -> dict[str, Any]:
    try:
        document = read_document(path)
        parse_agencies(document, origin=str(path))
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror or exc}") from None
    except AllowlistError as exc:
        raise Refused(str(exc)) from None
    return document


def find_entry(document: dict[str, Any], user: str) -> dict[str, Any] | None:
    return next((e for e in document["agencies"] if e.get("user") == user), None)


def replace_entry(document: dict[str, Any], agency: Agency) -> dict[str, Any]:
    """A copy of the document with the agency's entry replaced in place, or appended."""
    entry = entry_document(agency)
    entries = list(document["agencies"])
    for index, existing in enumerate(entries):
        if existing.get("user") == agency.user:
            entries[index] = entry
            break
    else:
        entries.append(entry)
    return {**document, "agencies": entries}


def write_agencies(path: Path, document: dict[str, Any]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(render_document(document), encoding="utf-8")
    temporary.replace(path)


def regenerate_definitions(agencies_file: Path) -> None:
    """definitions.json follows the committed agencies file; another file has no definitions."""
    if agencies_file.resolve() != DEFAULT_AGENCIES:
        note(f"({agencies_file} is not {DEFAULT_AGENCIES}: definitions.json left alone)")
        return
    try:
        consumers = definitions.load_consumers()
        built = definitions.build_definitions(consumers, agencies_file=agencies_file)
    except (ImportError, LookupError, ValueError) as exc:
        raise CommandFailed(
            f"definitions.json not regenerated ({exc}): run `make definitions`"
        ) from None
    DEFAULT_DEFINITIONS.write_text(definitions.render(built), encoding="utf-8")
    note(f"wrote {DEFAULT_DEFINITIONS}: commit it with {agencies_file.name}")


def print_plan(commands: list[Any], then: str, entry: str | None) -> None:
    """--print: a shell script on stdout (comments for what is not a command)."""
    typer.echo("# --print: nothing was changed; --apply runs this and updates the file")
    for command in commands:
        typer.echo(command if isinstance(command, str) else ctl_text(command))
    typer.echo(f"# {then}")
    if entry:
        for line in entry.splitlines():
            typer.echo(f"#   {line}")


def fail(message: str, code: int) -> None:
    typer.echo(f"asn-onboard-agency: {message}", err=True)
    raise typer.Exit(code)


def main() -> None:
    """The console script `asn-onboard-agency`."""
    app(prog_name="asn-onboard-agency")


if __name__ == "__main__":
    main()
