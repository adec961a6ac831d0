"""The runner's summary after the demo, and where to look next (logs, databases, mails, APIs)."""

from __future__ import annotations

import email
import json
import os
import sys
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from asn_deploy.identity.files import IssuerFiles
from asn_deploy.local.console import heading, redact, say, table
from asn_deploy.local.defaults import (
    AUDIT_STREAM,
    DEFAULT_AMQP_URL,
    EXCHANGE,
    ISSUER_DIR,
    LOG_DIR,
    MAIL_DIR,
    SMTP_HOST,
    SMTP_PORT,
)
from asn_deploy.local.demo import DemoSummary
from asn_deploy.local.system import LocalSystem
from asn_deploy.local.watch import Outcome, Watcher
from asn_deploy.rabbitmq.rabbitmqctl import list_queues, vhost_of
from asn_shared.identity.caller import Role

FOLLOW_UP_NAMES = {"CoachingStarted": "coaching", "RewardGranted": "reward"}


def read_mails() -> list[tuple[list[str], str]]:
    """(envelope recipients, subject) of each mail in var/mail."""
    mails = []
    for path in sorted(MAIL_DIR.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        recipients = str(message.get("X-Envelope-To", message.get("To", "")))
        to = [a.strip().lower() for a in recipients.split(",")]
        mails.append((to, str(message.get("Subject", ""))))
    return mails


def fetch_ratings(system: LocalSystem, nip: str) -> list[dict[str, Any]] | str:
    """The ASN's ratings as the ASN reads them: with a token of the development issuer."""
    url = system.url("assessment", f"/api/v1/employees/{nip}/ratings")
    token = IssuerFiles(ISSUER_DIR).token(nip)
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            ratings: list[dict[str, Any]] = json.load(response)
            return ratings
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except OSError as exc:
        return f"error: {exc}"


def print_report(
    summary: DemoSummary, watcher: Watcher, system: LocalSystem, outcome: Outcome, follow_ups: bool
) -> None:
    mails = read_mails()

    def mails_to(address: str) -> int:
        return sum(1 for to, _ in mails if address.lower() in to)

    sent = Counter(e.get("correlationid") for e in watcher.of_type("NotificationSent"))
    _asn_table(summary, watcher, system, follow_ups, sent, mails_to)
    say()
    table(
        "Supervisors",
        ["NIP", "Name", "Mails received"],
        [[p.nip, p.name, str(mails_to(p.email))] for p in summary.supervisors],
    )
    say()
    table(
        "Complaints",
        ["Complaint", "Channel", "Privacy", "NotificationSent", "Mails to complainant"],
        [
            [
                c.complaint_id,
                c.channel,
                c.privacy,
                str(sent[c.event_id]),
                str(mails_to(c.complainant_email)) if c.complainant_email else "-",
            ]
            for c in summary.complaints
        ],
    )
    if summary.self_assessment:
        nip, _ = summary.self_assessment
        say(
            f"\nSELF assessment of {nip}: stored by assessment, no predikat "
            "(only the supervisor's counts)."
        )
    by_type = Counter(str(s.body.get("type")) for s in watcher.events)
    say("\nEvents seen on asn.events: " + ", ".join(f"{t} {n}" for t, n in sorted(by_type.items())))
    say(f"Mails in {MAIL_DIR}: {len(mails)}")
    if outcome.complete:
        say(
            f"\nEvery expected event arrived ({outcome.elapsed:.1f} s after the demo was "
            "published)."
        )
    else:
        say("\nNOT everything expected arrived:")
        for line in outcome.wrong + outcome.missing:
            say(f"  - {line}")


def _asn_table(
    summary: DemoSummary,
    watcher: Watcher,
    system: LocalSystem,
    follow_ups: bool,
    sent: Counter[Any],
    mails_to: Callable[[str], int],
) -> None:
    """Per ASN: the predikat the assessment API answers, coaching or reward, notices and mails."""
    failed = Counter(e.get("correlationid") for e in watcher.of_type("NotificationFailed"))
    follow = {
        (e.get("correlationid")): e.get("type")
        for e in watcher.of_type("CoachingStarted") + watcher.of_type("RewardGranted")
    }
    rows = []
    for a in summary.asn:
        ratings = fetch_ratings(system, a.nip)
        if isinstance(ratings, str):
            predikat = ratings
        else:
            current = [
                r
                for r in ratings
                if r.get("period") == summary.period and not r.get("superseded_by")
            ]
            predikat = current[-1]["predikat"] if current else "(none yet)"
        predikat += "" if predikat == a.expected_predikat else f" (expected {a.expected_predikat})"
        seen = FOLLOW_UP_NAMES.get(str(follow.get(a.assessment_id, "")), "-")
        expected = FOLLOW_UP_NAMES.get(a.expected_follow_up or "", "-")
        if follow_ups and seen != expected:
            seen += f" (expected {expected})"
        notified = str(sent[a.assessment_id])
        if failed[a.assessment_id]:
            notified += f" ({failed[a.assessment_id]} failed)"
        rows.append([a.nip, a.name, a.place, predikat, seen, notified, str(mails_to(a.email))])
    table(
        f"Demo {summary.period}: predikat from GET /api/v1/employees/<nip>/ratings",
        [
            "NIP",
            "Name",
            "Unit",
            "Predikat (API)",
            "Coaching/reward",
            "NotificationSent",
            "Mails to ASN",
        ],
        rows,
    )


def _relative(path: Path) -> str:
    return os.path.relpath(path, Path.cwd())


def print_tokens(system: LocalSystem, summary: DemoSummary) -> None:
    """How to call the APIs as one of the demo's people (asn-dev-token, the development issuer)."""
    dev_token = _relative(Path(sys.executable).parent / "asn-dev-token")
    issuer = system.issuer or "(none: authentication is off)"
    say(
        f"Identity provider:   {issuer}  (development only; signing key in "
        f"{_relative(ISSUER_DIR)}/, kept until `make clean`)"
    )
    if not summary.asn:
        say(f"Bearer tokens:       {dev_token} --nip <18-digit NIP> [--role ROLE ...]")
        return
    asn = summary.asn[0]
    say(
        f"Bearer tokens:       {dev_token} --nip {asn.supervisor_nip}   "
        f"({asn.supervisor_name}, supervisor of {asn.name})"
    )
    roles = " or ".join(f"--role {role.value}" for role in Role)
    say(f"                     add {roles} for what no post implies (docs/identity.md)")
    ratings = system.url("assessment", f"/api/v1/employees/{asn.nip}/ratings")
    # Double quotes: the shell must run the $(...) that mints the token.
    say(
        f'                     e.g. curl -H "Authorization: Bearer $({dev_token} --nip '
        f'{asn.supervisor_nip})" {ratings}'
    )


def print_where_to_look(
    system: LocalSystem, amqp_url: str, summary: DemoSummary | None = None
) -> None:
    vhost = vhost_of(amqp_url)
    heading("Where to look")
    rel = _relative
    say(
        f"Logs (JSON lines):   {', '.join(rel(system.log_path(s)) for s in system.services)}, "
        f"{rel(LOG_DIR / 'mail_sink.log')}"
    )
    say(
        f"                     e.g. tail -f {rel(LOG_DIR)}/*.log "
        f"| jq -c '{{service, event, event_type, subject}}'"
    )
    databases = (rel(system.database_path(s)) for s in system.services_with_database)
    say(f"SQLite databases:    {', '.join(databases)}")
    say(f"                     e.g. sqlite3 {rel(system.database_path('assessment'))} .tables")
    say(f"Mails (.eml):        {rel(MAIL_DIR)}/  (SMTP sink on {SMTP_HOST}:{SMTP_PORT})")
    for service in system.services:
        say(f"{'Health ' + service + ':':<21}{system.health_url(service)}")
    say(
        f"Ratings API:         {system.url('assessment', '/api/v1/employees/<nip>/ratings')}  "
        f"(OpenAPI: {system.url('assessment', '/docs')})"
    )
    print_tokens(system, summary or DemoSummary(period=""))
    vhost_arg = "" if vhost == "/" else f" -p {vhost}"
    say(
        f"Queues and DLQs:     rabbitmqctl list_queues{vhost_arg} name messages   "
        f"(each service's queue and <service>.dlq)"
    )
    try:
        queues = list_queues(vhost)
        dlqs = {q: n for q, n in queues.items() if q.endswith(".dlq")}
        if dlqs:
            say(
                "                     now: "
                + ", ".join(f"{q}={n}" for q, n in sorted(dlqs.items()))
            )
    except Exception:
        pass
    say(
        f"Audit stream:        {AUDIT_STREAM} (every event, copied by the audit service's writer "
        f"with complainants' contact sealed; replayable from 'first', an offset or a time)"
    )
    url_arg = "" if amqp_url == DEFAULT_AMQP_URL else f" --amqp-url '{redact(amqp_url)}'"
    say(
        f"Replay it:           .venv/bin/asn-audit replay{url_arg} --format table   (docs/audit.md)"
    )
    say(f"Broker:              {redact(amqp_url)}  exchange {EXCHANGE}")
