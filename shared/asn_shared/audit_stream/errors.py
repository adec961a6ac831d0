"""The one error type the audit tools raise for the people running them."""

from __future__ import annotations


class AuditError(Exception):
    """A problem to report in one line (bad option, broker unreachable, stream missing...).

    The CLI prints the message and exits with code 2, without a traceback.
    """
