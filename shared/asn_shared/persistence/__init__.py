"""Persistence plumbing: async engines, the inbox and outbox tables, the outbox relay."""

from . import inbox, outbox

__all__ = ["inbox", "outbox"]
