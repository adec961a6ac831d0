"""Self-contained AsyncAPI 2.6 documents: one per service and one for the whole system.

`asyncapi.json` beside this file is the catalog's own view, whose messages `$ref` the schema files
next to it. The documents built here are for agencies and embed every schema they use (the event
data schemas, their shared definitions and the CloudEvents envelope) under `components/schemas`,
so a single file is enough to read, render or validate against, offline. `docs/generate_asyncapi.py`
writes them to `docs/asyncapi/`, beside copies of the schema files in `docs/schemas/`.

What a service consumes is that service's own knowledge (`asn_<svc>.subscriptions.CONSUMER`), and
shared code imports no service: the ConsumerSpecs are passed in. What a service publishes is every
catalog event whose `publisher` is the service's name.

AsyncAPI 2.x speaks from the application's side, as `asyncapi.json` does: a `publish` operation is
a message others send to the application (what it consumes), a `subscribe` operation one it sends
(what it publishes).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..envelope import JSON_CONTENT_TYPE, STRUCTURED_CONTENT_TYPE, CloudEvent
from ..messaging.topology import ConsumerSpec, TopologySettings
from .base import EventData, all_events
from .export import _EXCHANGE_BINDING, _PERSISTENT, EXCHANGE, _summary, event_schema, example_path

ASYNCAPI_VERSION = "2.6.0"
API_VERSION = "1"  # the agency contract's version
SERVER = "rabbitmq"
AGENCY = "agency"
BINARY_PREFIX = "ce-"
# Sent in the AMQP content type (binary mode) rather than as a `ce-` header.
_NOT_HEADERS = ("data", "datacontenttype")
_DEFS_REF = "#/$defs/"
_SCHEMAS_REF = "#/components/schemas/"


# --- schemas ---------------------------------------------------------------------------------


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
        _add(schemas, model.event_type, _moved_refs(schema))
        for name, definition in definitions.items():
            _add(schemas, name, _moved_refs(definition))
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


def _add(schemas: dict[str, dict[str, Any]], name: str, schema: dict[str, Any]) -> None:
    if name in schemas and schemas[name] != schema:
        raise ValueError(f"two different schemas are named {name!r}: rename one of the models")
    schemas[name] = schema


def _moved_refs(node: Any) -> Any:
    """A copy with `#/$defs/X` references turned into `#/components/schemas/X`."""
    if isinstance(node, dict):
        return {
            k: (
                _SCHEMAS_REF + v[len(_DEFS_REF) :]
                if k == "$ref" and isinstance(v, str) and v.startswith(_DEFS_REF)
                else _moved_refs(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_moved_refs(v) for v in node]
    return node


# --- messages, operations, channels ----------------------------------------------------------


def golden_example(model: type[EventData]) -> dict[str, Any] | None:
    path = example_path(model)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _structured_message(model: type[EventData]) -> dict[str, Any]:
    message: dict[str, Any] = {
        "messageId": f"{model.event_type}:structured",
        "name": model.event_type,
        "title": f"{model.event_type} (structured mode)",
        "summary": _summary(model),
        "contentType": STRUCTURED_CONTENT_TYPE,
        "x-publisher": model.publisher,
        "payload": {
            "allOf": [
                {"$ref": _SCHEMAS_REF + "CloudEvent"},
                {
                    "type": "object",
                    "required": ["data"],
                    "properties": {
                        "type": {"const": model.event_type},
                        "data": {"$ref": _SCHEMAS_REF + model.event_type},
                    },
                },
            ]
        },
    }
    example = golden_example(model)
    if example is not None:
        message["examples"] = [{"name": "golden", "payload": example}]
    return message


def _binary_message(model: type[EventData]) -> dict[str, Any]:
    message: dict[str, Any] = {
        "messageId": f"{model.event_type}:binary",
        "name": model.event_type,
        "title": f"{model.event_type} (binary mode)",
        "summary": _summary(model),
        "contentType": JSON_CONTENT_TYPE,
        "x-publisher": model.publisher,
        "headers": {
            "type": "object",
            "allOf": [
                {"$ref": _SCHEMAS_REF + "CloudEventBinaryHeaders"},
                {"properties": {BINARY_PREFIX + "type": {"const": model.event_type}}},
            ],
        },
        "payload": {"$ref": _SCHEMAS_REF + model.event_type},
    }
    example = golden_example(model)
    if example is not None:
        message["examples"] = [
            {"name": "golden", "headers": binary_headers(example), "payload": example["data"]}
        ]
    return message


def _who(publisher: str) -> str:
    return "agencies' systems" if publisher == AGENCY else f"the {publisher} service"


def _publish_operation(model: type[EventData]) -> dict[str, Any]:
    """Others send the event to the application: structured or binary mode, both accepted."""
    if model.publisher == AGENCY:
        how = (
            f"Publish it persistent (delivery mode 2) to the exchange `{EXCHANGE}` with this "
            "routing key, in structured or binary mode. An agency's broker user (`agency-<name>`) "
            "may publish only the routing keys of its own events. Set the AMQP `user_id` property "
            "to that user name (RabbitMQ checks it) and `source` to a source the user speaks for "
            "(`/agencies/<name>`): the consumers dead-letter an agency event whose `source` its "
            "`user_id` may not speak for."
        )
    else:
        how = (
            f"Published by {_who(model.publisher)} (structured mode); consumers accept binary "
            "mode too."
        )
    return {
        "operationId": "publish" + model.event_type,
        "summary": _summary(model),
        "description": how,
        "bindings": copy.deepcopy(_PERSISTENT),
        "message": {"oneOf": [_structured_message(model), _binary_message(model)]},
    }


def _subscribe_operation(model: type[EventData]) -> dict[str, Any]:
    """The application sends the event: our services publish structured mode only."""
    return {
        "operationId": "receive" + model.event_type,
        "summary": _summary(model),
        "description": (
            f"Published by {_who(model.publisher)} in structured mode, persistent (delivery "
            f"mode 2), to the exchange `{EXCHANGE}` with this routing key."
        ),
        "bindings": copy.deepcopy(_PERSISTENT),
        "message": _structured_message(model),
    }


def queue_binding(consumer: ConsumerSpec) -> dict[str, Any]:
    """A consumer's queue, as the services declare it (`declare_topology`).

    The AMQP channel binding 0.2.0 has no queue for `is: routingKey` channels, hence the
    extension `x-queues` listing the queues bound to the routing key.
    """
    return {
        "name": consumer.queue,
        "type": consumer.queue_arguments(TopologySettings())["x-queue-type"],
        "durable": True,
        "exclusive": False,
        "autoDelete": False,
        "deadLetterQueue": consumer.dead_letter_queue,
    }


def _channel(
    model: type[EventData],
    *,
    description: str,
    publish: bool,
    subscribe: bool,
    queues: Sequence[ConsumerSpec],
) -> dict[str, Any]:
    bindings = copy.deepcopy(_EXCHANGE_BINDING)
    if queues:
        bindings["amqp"]["x-queues"] = [queue_binding(q) for q in queues]
    channel: dict[str, Any] = {"description": description, "bindings": bindings}
    if publish:
        channel["publish"] = _publish_operation(model)
    if subscribe:
        channel["subscribe"] = _subscribe_operation(model)
    if publish and subscribe:
        # A service reading back its own events (notifications, to settle a rebuild): messageId
        # must be unique in the document, so the inbound copies are named as such.
        for message in channel["publish"]["message"]["oneOf"]:
            message["messageId"] += ":inbound"
    return channel


# --- documents -------------------------------------------------------------------------------


def _document(
    *,
    doc_id: str,
    title: str,
    description: str,
    channels: dict[str, dict[str, Any]],
    models: Iterable[type[EventData]],
    schema_dir: str | None,
) -> dict[str, Any]:
    schemas = envelope_schemas()
    for name, schema in embedded_data_schemas(models, schema_dir).items():
        _add(schemas, name, schema)
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "id": doc_id,
        "info": {"title": title, "version": API_VERSION, "description": description},
        "servers": {
            SERVER: {
                "url": "{host}:{port}",
                "protocol": "amqp",
                "protocolVersion": "0.9.1",
                "description": (
                    f"The RabbitMQ broker. Every event travels on the durable topic exchange "
                    f"`{EXCHANGE}`; the channel names are its routing keys."
                ),
                "variables": {
                    "host": {"description": "The broker's host name.", "default": "localhost"},
                    "port": {"default": "5672"},
                },
                "security": [{"brokerUser": []}],
            }
        },
        "defaultContentType": STRUCTURED_CONTENT_TYPE,
        "channels": dict(sorted(channels.items())),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {
                "brokerUser": {
                    "type": "userPassword",
                    "description": (
                        "A RabbitMQ user and password. Each agency has its own user, "
                        "`agency-<name>`, allowed to publish to the events exchange only and "
                        "only its own routing keys."
                    ),
                }
            },
        },
    }


_MODES = (
    f"Messages are CloudEvents 1.0, in structured mode (content type `{STRUCTURED_CONTENT_TYPE}`, "
    f"the whole event as the body) or, where a service consumes them, binary mode too (attributes "
    f"in `{BINARY_PREFIX}` headers, `data` as the `{JSON_CONTENT_TYPE}` body)."
)


def _generated_note(generator: str, schema_dir: str | None) -> str:
    copies = (
        f" The event data schemas are also standalone JSON Schema files in `{schema_dir}`."
        if schema_dir
        else ""
    )
    return (
        "Every schema used is embedded under `components/schemas`." + copies + " The names of the "
        "events and the agencies' fields are fixed by the agency contract v1 "
        "(`agency-contract-v1.md`). Generated by `" + generator + "`."
    )


def service_document(
    service: str,
    about: str,
    consumer: ConsumerSpec | None,
    *,
    models: Sequence[type[EventData]] | None = None,
    generator: str,
    schema_dir: str | None = None,
) -> dict[str, Any]:
    """One service's document: what it publishes (`subscribe`) and consumes (`publish`)."""
    models = list(all_events() if models is None else models)
    by_key = {model.routing_key(): model for model in models}
    consumed = set(consumer.routing_keys) if consumer else set()
    unknown = sorted(consumed - set(by_key))
    if unknown:
        raise ValueError(f"{service} consumes routing keys not in the catalog: {unknown}")
    published = {m.routing_key() for m in models if m.publisher == service}
    used = [by_key[key] for key in sorted(consumed | published)]
    channels = {}
    for model in used:
        key = model.routing_key()
        parts = []
        if key in consumed:
            parts.append(
                f"Published by {_who(model.publisher)}; the {service} service consumes it from "
                f"its quorum queue `{consumer.queue}`."
            )
        if key in published:
            parts.append(f"Published by the {service} service.")
        channels[key] = _channel(
            model,
            description=f"`{model.event_type}` v{model.version}. " + " ".join(parts),
            publish=key in consumed,
            subscribe=key in published,
            queues=[consumer] if key in consumed else [],
        )
    description = (
        f"{about}\n\n"
        f"The {service} service's events on the RabbitMQ topic exchange `{EXCHANGE}`; each channel "
        "is a routing key. `publish` operations are the events the service consumes (bound to its "
        "queue, listed in the channel's `x-queues`), `subscribe` operations the events it "
        "publishes. " + _MODES + " " + _generated_note(generator, schema_dir)
    )
    return _document(
        doc_id=f"urn:asn-kinerja:events:{service}",
        title=f"ASN performance events: {service} service",
        description=description,
        channels=channels,
        models=used,
        schema_dir=schema_dir,
    )


def system_document(
    consumers: Sequence[ConsumerSpec],
    *,
    models: Sequence[type[EventData]] | None = None,
    generator: str,
    schema_dir: str | None = None,
) -> dict[str, Any]:
    """Every event: agencies `publish` theirs into the system, our services' are `subscribe`."""
    models = list(all_events() if models is None else models)
    known = {model.routing_key() for model in models}
    for consumer in consumers:
        unknown = sorted(set(consumer.routing_keys) - known)
        if unknown:
            raise ValueError(f"{consumer.name} consumes routing keys not in the catalog: {unknown}")
    channels = {}
    for model in models:
        key = model.routing_key()
        queues = sorted((c for c in consumers if key in c.routing_keys), key=lambda c: c.name)
        consumed_by = ", ".join(c.name for c in queues) or "no service"
        inbound = model.publisher == AGENCY
        channels[key] = _channel(
            model,
            description=(
                f"`{model.event_type}` v{model.version}. Published by {_who(model.publisher)}; "
                f"consumed by: {consumed_by}."
            ),
            publish=inbound,
            subscribe=not inbound,
            queues=queues,
        )
    description = (
        f"Every event of the ASN performance system on the RabbitMQ topic exchange `{EXCHANGE}`; "
        "each channel is a routing key. `publish` operations are the events agencies publish into "
        "the system, `subscribe` operations the events our services publish; `x-queues` lists "
        "the services' queues bound to the routing key. "
        + _MODES
        + " "
        + _generated_note(generator, schema_dir)
    )
    return _document(
        doc_id="urn:asn-kinerja:events:system",
        title="ASN performance events",
        description=description,
        channels=channels,
        models=models,
        schema_dir=schema_dir,
    )
