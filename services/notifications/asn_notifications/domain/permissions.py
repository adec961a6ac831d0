"""Who may call the notifications service's HTTP routes: pure rules, no I/O.

Each rule takes the caller (the NIP and roles of a verified bearer token) and what the route
names, and returns None when the caller may, else the reason they may not: a short sentence
naming the rule and its source, which the API answers with 403 and logs (never personal data).

- **Inbox and preferences: the owner alone** (issue 15, capability 3; docs/architecture.md 4b).
  The inbox holds the rendered notices themselves: a summons (PP 94/2021 Pasal 26), a punishment
  decision delivered to the PNS (Pasal 37), a coaching case, a rating; the examination is closed
  (Pasal 27; docs/regulation.md 3.4). Nobody else reads them: not the supervisor, not the unit's
  HR, not an auditor (the auditor reads the case files in the services that keep them, and the
  delivery log here). Preferences are the person's own choice; critical notices reach them
  whatever they choose (domain/notices.py CRITICAL_TEMPLATES), so nobody else needs to set them.
- **The delivery log: the auditor role** (`Role.AUDITOR`, read-only). Its rows name who was told
  of which event (recipient NIPs, disciplinary and complaint triggers), without addresses or
  text: what an auditor checks (was the summons sent, Pasal 26; was the punishment's notice
  delivered, Pasal 37), and nobody else's business. A person sees their own notices in their
  inbox; the unit administrator role names complaint officials, it reads no logs.

None of these rules needs the directory (the people copy): the inbox and the preferences are
keyed by the NIP itself, so a person whose profile has not arrived yet still owns theirs, and
the delivery log depends on the role alone.
"""

from __future__ import annotations

from asn_shared.identity.caller import Caller, Role

OWN_INBOX = (
    "only the person may read their inbox or mark its notices read: notices are personal "
    "(PP 94/2021 Pasal 26-27, 37; docs/regulation.md 3.4)"
)
OWN_PREFERENCES = (
    "only the person may read or change their notification preferences: they are the "
    "person's own choice (critical notices are delivered anyway, PP 94/2021 Pasal 26, 37)"
)
DELIVERY_LOG = (
    "the delivery log names who was told of what: only the auditor role may read it "
    "(docs/architecture.md 4b)"
)


def may_use_inbox(caller: Caller, nip: str) -> str | None:
    """Read the inbox of `nip`, or mark one of its notices read: `nip` alone."""
    return None if caller.nip == nip else OWN_INBOX


def may_read_preferences(caller: Caller, nip: str) -> str | None:
    """Read the stored channel choices of `nip`: `nip` alone."""
    return None if caller.nip == nip else OWN_PREFERENCES


def may_change_preferences(caller: Caller, nip: str) -> str | None:
    """Switch a channel or a template on or off for `nip`: `nip` alone."""
    return None if caller.nip == nip else OWN_PREFERENCES


def may_read_delivery_log(caller: Caller) -> str | None:
    """Read the delivery log (any recipient's rows): the auditor role."""
    return None if caller.has(Role.AUDITOR) else DELIVERY_LOG
