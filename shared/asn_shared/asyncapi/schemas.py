"""The schemas an AsyncAPI document embeds: the event data schemas with their shared definitions
moved under `components/schemas`, the CloudEvents envelope, and binary mode's `ce-` headers.
Used by documents.py, which builds the documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..catalog.base import EventData
from ..catalog.export import event_schema
from ..envelope import JSON_CONTENT_TYPE, CloudEvent

BINARY_PREFIX = "ce-"
# Sent in the AMQP content type (binary mode) rather than as a `ce-` header.
_NOT_HEADERS = ("data", "datacontenttype")
_DEFS_REF = "#/$defs/"
SCHEMAS_REF = "#/components/schemas/"


def embedded_data_schemas(
    models: Iterable[type[EventData]], schema_dir: str | None = None
) -> dict[str, dict[str, Any]]:
    """`components/schemas` entries for the events' data.

    One schema per event, named by its type, plus the `$defs` they use, moved up beside them (a
    definition shared by several events, such as `Predikat`, appears once). `$schema` and `$id`
    are dropped: inside an AsyncAPI document the schemas are AsyncAPI Schema Objects, and an `$id`
    would make `#/components/...` resolve against the URN instead of the document. With
    `schema_dir`, `x-schema-file` names the standalone copy of the event's schema.
    """
    schemas: dict[str, dict[str, Any]] = {}
    for model in models:
        schema = event_schema(model)
        definitions = schema.pop("$defs", {})
        schema.pop("$schema", None)
        schema.pop("$id", None)
        if schema_dir is not None:
            schema["x-schema-file"] = f"{schema_dir}{model.routing_key()}.json"
        add_schema(schemas, model.event_type, _moved_refs(schema))
        for name, definition in definitions.items():
            add_schema(schemas, name, _moved_refs(definition))
    return schemas


def envelope_schemas() -> dict[str, dict[str, Any]]:
    """The CloudEvents envelope: structured mode (the event as the body) and binary mode headers."""
    envelope = CloudEvent.model_json_schema()
    headers = {
        BINARY_PREFIX + name: _header_schema(name, prop)
        for name, prop in envelope["properties"].items()
        if name not in _NOT_HEADERS
    }
    return {
        "CloudEvent": envelope,
        "CloudEventBinaryHeaders": {
            "title": "CloudEventBinaryHeaders",
            "description": (
                "CloudEvents 1.0 binary mode over AMQP: each attribute in a header named "
                f"`{BINARY_PREFIX}<attribute>`, the event's `data` as the JSON body (content type "
                f"`{JSON_CONTENT_TYPE}`). Other headers are allowed."
            ),
            "type": "object",
            "required": [BINARY_PREFIX + name for name in envelope["required"]],
            "properties": headers,
            "additionalProperties": True,
        },
    }


def binary_headers(event: dict[str, Any]) -> dict[str, Any]:
    """The binary-mode headers of a structured event (its `data` becomes the body)."""
    return {BINARY_PREFIX + k: v for k, v in event.items() if k not in _NOT_HEADERS}


def _header_schema(name: str, prop: dict[str, Any]) -> dict[str, Any]:
    header = {k: v for k, v in prop.items() if k not in ("anyOf", "default", "title")}
    for branch in prop.get("anyOf", []):
        if branch.get("type") != "null":
            header.update(branch)
    header["description"] = f"The CloudEvents `{name}` attribute."
    return header


def add_schema(schemas: dict[str, dict[str, Any]], name: str, schema: dict[str, Any]) -> None:
    if name in schemas and schemas[name] != schema:
        raise ValueError(f"two different schemas are named {name!r}: rename one of the models")
    schemas[name] = schema


def _moved_refs(node: Any) -> Any:
    """A copy with `#/$defs/X` references turned into `#/components/schemas/X`."""
    if isinstance(node, dict):
        return {
            k: (
                SCHEMAS_REF + v[len(_DEFS_REF) :]
                if k == "$ref" and isinstance(v, str) and v.startswith(_DEFS_REF)
                else _moved_refs(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_moved_refs(v) for v in node]
    return node
