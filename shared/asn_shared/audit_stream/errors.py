"""The one error type reading the audit stream raises for the people running it."""

from __future__ import annotations


class AuditError(Exception):
    """A problem to report in one line (bad option, broker unreachable, stream missing...).

    `asn-audit` prints the message and exits with code 2, a service's `rebuild` refuses with it;
    neither shows a traceback.
    """
