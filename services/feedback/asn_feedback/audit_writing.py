"""The feedback service runs the audit writer (asn_shared/audit/writer.py) as a background task.

Feedback is the complaint desk and holds the key that seals complainants' contact, so the copy
of every event into the audit stream, with agencies' complaints sealed, belongs here. The intake
queue has a single active consumer: with several replicas one writes and the others wait.
"""

from __future__ import annotations

from typing import Any

from asn_shared.audit.writer import AuditWriter


async def audit_writer(runtime: Any) -> None:
    settings = runtime.settings
    await AuditWriter(settings.amqp_url, settings.contact_seal).run_forever()
