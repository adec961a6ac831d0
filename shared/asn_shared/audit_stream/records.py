"""One message read from the audit stream, parsed as far as it can be.

A record always carries where it was in the stream (offset, routing key) and the AMQP properties
an auditor asks about (message_id, user_id: the broker-validated publishing user, timestamp,
content type). If the message is a CloudEvent, in structured or binary mode, `event` holds it;
if not, `error` says why and the raw body is kept: the replay reports it and goes on.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from ..envelope import (
    STRUCTURED_CONTENT_TYPE,
    CloudEvent,
    InvalidMessage,
    _binary_attributes,  # the same binary-mode rule parse_amqp_message applies
    parse_amqp_message,
)

# The header the audit writer keeps the original publisher's user_id in (the audit service's
# asn_audit/adapters/writer.py sets it; every reader of the stream needs it).
ORIGINAL_USER_HEADER = "x-asn-user-id"

STRUCTURED = "structured"
BINARY = "binary"


@dataclass(frozen=True, slots=True)
class AuditRecord:
    offset: int
    routing_key: str
    body: bytes
    message_id: str | None = None
    user_id: str | None = None
    timestamp: datetime | None = None
    content_type: str | None = None
    event: CloudEvent | None = None
    event_json: dict[str, Any] | None = None
    mode: str | None = None
    error: str | None = None
    # The AMQP headers as delivered: a binary-mode event's attributes, and what a rebuild hands
    # to the service's consumer (not exported: the CloudEvent above already holds what matters).
    headers: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def parsed(self) -> bool:
        return self.event is not None

    def to_export(self) -> dict[str, Any]:
        """The JSON Lines object for this record (before the hash chain fields are added).

        A structured-mode event is exported exactly as it was published (the body's JSON); a
        binary-mode one as the CloudEvent its headers and body make up.
        """
        out: dict[str, Any] = {
            "offset": self.offset,
            "routing_key": self.routing_key,
            "user_id": self.user_id,
            "message_id": self.message_id,
            "published_at": self.timestamp.isoformat() if self.timestamp else None,
            "content_type": self.content_type,
            "mode": self.mode,
            "event": self.event_json,
        }
        if self.event_json is None:
            out["error"] = self.error
            out["body_base64"] = base64.b64encode(self.body).decode("ascii")
        return out


def record_from_message(
    *,
    offset: int,
    routing_key: str,
    body: bytes,
    headers: Mapping[str, Any] | None,
    content_type: str | None,
    message_id: str | None = None,
    user_id: str | None = None,
    timestamp: datetime | None = None,
) -> AuditRecord:
    """Parse a delivered message the way the services' consumers do (`parse_amqp_message`).

    The audit writer publishes each copy as its own broker user and keeps the original
    publisher's broker-validated `user_id` in a header: that one is the record's `user_id`.
    """
    original = (headers or {}).get(ORIGINAL_USER_HEADER)
    if isinstance(original, bytes):
        original = original.decode()
    if original is not None:
        user_id = original or None
    record = AuditRecord(
        offset=offset,
        routing_key=routing_key,
        body=body,
        message_id=message_id,
        user_id=user_id,
        timestamp=timestamp,
        content_type=content_type,
        headers=dict(headers or {}),
    )
    try:
        event = parse_amqp_message(body, headers, content_type)
    except InvalidMessage as refused:
        return replace(record, error=refused.reason)
    if _is_binary(headers, content_type):
        mode, event_json = BINARY, event.model_dump(mode="json", exclude_none=True)
    else:
        mode, event_json = STRUCTURED, json.loads(body)
    return replace(record, event=event, event_json=event_json, mode=mode)


def _is_binary(headers: Mapping[str, Any] | None, content_type: str | None) -> bool:
    base = (content_type or "").split(";")[0].strip()
    return bool(_binary_attributes(dict(headers or {}))) and base != STRUCTURED_CONTENT_TYPE
