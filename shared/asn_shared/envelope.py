"""The CloudEvents 1.0 envelope over AMQP, structured and binary modes.

We publish structured mode (the whole event as the JSON body, content type
`application/cloudevents+json`) so every stored message is self-describing. We accept binary mode
too: attributes in `ce-` headers (and the AMQP binding's `cloudEvents_` / `cloudEvents:`
prefixes), `data` as the body.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from .catalog import EventData

STRUCTURED_CONTENT_TYPE = "application/cloudevents+json"
JSON_CONTENT_TYPE = "application/json"
_BINARY_PREFIXES = ("ce-", "ce_", "cloudEvents_", "cloudEvents:")


class InvalidMessage(Exception):
    """A message we cannot accept. The reason goes with it to the dead-letter queue."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CloudEvent(BaseModel):
    """A CloudEvents 1.0 event. `correlationid`/`causationid` are extension attributes."""

    model_config = ConfigDict(extra="allow", frozen=True)

    specversion: str = Field(default="1.0", pattern=r"^1\.0$")
    id: str = Field(min_length=1)
    source: str = Field(min_length=1)
    type: str = Field(min_length=1)
    time: AwareDatetime
    subject: str | None = None
    datacontenttype: str | None = JSON_CONTENT_TYPE
    dataschema: str | None = None
    correlationid: str | None = None
    causationid: str | None = None
    data: dict[str, Any] | None = None

    @property
    def correlation_id(self) -> str:
        """The conversation this event belongs to; an event with none starts its own."""
        return self.correlationid or self.id

    def to_json_bytes(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode()


_CAUSED_IDS = uuid.UUID("0c7b1f55-8a4e-4f3c-9d6e-5b2a1e0f9c43")


def caused_event_id(cause: CloudEvent, index: int, event_type: str) -> str:
    """The id of the `index`-th event `cause` caused, of type `event_type`: the same whether it
    is emitted the first time (a handler, an HTTP act) or again by a rebuild from the log."""
    return str(uuid.uuid5(_CAUSED_IDS, f"{cause.source}|{cause.id}|{index}|{event_type}"))


def new_event(
    data: EventData,
    *,
    source: str,
    cause: CloudEvent | None = None,
    correlation_id: str | None = None,
    causation_id: str | None = None,
    event_id: str | None = None,
    time: datetime | None = None,
    extensions: Mapping[str, str] | None = None,
) -> CloudEvent:
    """Wrap event data in an envelope; a caused event inherits the cause's correlation id.

    `correlation_id`/`causation_id` serve code that no longer holds the cause itself (e.g. a
    dispatcher acting on a stored row).
    """
    return CloudEvent(
        id=event_id or str(uuid.uuid4()),
        source=source,
        type=data.event_type,
        time=time or datetime.now(UTC),
        subject=data.subject(),
        datacontenttype=JSON_CONTENT_TYPE,
        correlationid=cause.correlation_id if cause else correlation_id,
        causationid=cause.id if cause else causation_id,
        data=data.model_dump(mode="json", exclude_none=True),
        **dict(extensions or {}),
    )


def parse_amqp_message(
    body: bytes, headers: Mapping[str, Any] | None, content_type: str | None
) -> CloudEvent:
    """Read a CloudEvent from an AMQP message in either mode, or raise InvalidMessage."""
    headers = dict(headers or {})
    binary_attrs = _binary_attributes(headers)
    if binary_attrs and (content_type or "").split(";")[0].strip() != STRUCTURED_CONTENT_TYPE:
        raw = dict(binary_attrs)
        raw["datacontenttype"] = raw.get("datacontenttype") or content_type or JSON_CONTENT_TYPE
        raw["data"] = _load_json(body, what="data")
        if not isinstance(raw["data"], dict):
            raise InvalidMessage("binary-mode data must be a JSON object")
    else:
        raw = _load_json(body, what="event")
        if not isinstance(raw, dict):
            raise InvalidMessage("a structured CloudEvent must be a JSON object")
    try:
        return CloudEvent.model_validate(raw)
    except ValidationError as exc:
        raise InvalidMessage("invalid CloudEvents envelope: " + describe_errors(exc)) from None


def _binary_attributes(headers: Mapping[str, Any]) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    for key, value in headers.items():
        for prefix in _BINARY_PREFIXES:
            if key.lower().startswith(prefix.lower()):
                name = key[len(prefix) :].lower()
                attrs[name] = value.decode() if isinstance(value, bytes) else value
                break
    return attrs


def _load_json(body: bytes, *, what: str) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidMessage(
            f"{what} is not JSON: {exc.msg if hasattr(exc, 'msg') else exc}"
        ) from None


def describe_errors(exc: ValidationError) -> str:
    """Field-level reasons without echoing input values (which may be personal data)."""
    parts = []
    for err in exc.errors(include_input=False, include_url=False):
        loc = ".".join(str(p) for p in err["loc"]) or "(root)"
        parts.append(f"{loc}: {_message_without_reason(err)}")
    return "; ".join(parts)


def _message_without_reason(err: Mapping[str, Any]) -> str:
    """Drop a third-party validator's `reason`: email-validator's may quote part of the input
    (e.g. a label of the address's domain), so only pydantic's own sentence is kept."""
    message = str(err["msg"])
    reason = (err.get("ctx") or {}).get("reason")
    if isinstance(reason, str) and reason:
        message = message.replace(f": {reason}", "").replace(reason, "")
    return message
