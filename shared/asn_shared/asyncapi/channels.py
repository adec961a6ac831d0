"""The channels of an AsyncAPI document: for one event's routing key, the operations (`publish`:
others send it to the application; `subscribe`: the application sends it) and their structured
and binary-mode messages with the golden example. Used by documents.py, which builds the documents.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Any

from ..catalog.base import EventData
from ..catalog.export import example_path
from ..envelope import JSON_CONTENT_TYPE, STRUCTURED_CONTENT_TYPE
from ..messaging.topology import EVENTS_EXCHANGE as EXCHANGE
from ..messaging.topology import ConsumerSpec, TopologySettings
from .catalog_view import EXCHANGE_BINDING, PERSISTENT, summary
from .schemas import BINARY_PREFIX, SCHEMAS_REF, binary_headers

AGENCY = "agency"


def golden_example(model: type[EventData]) -> dict[str, Any] | None:
    path = example_path(model)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _structured_message(model: type[EventData]) -> dict[str, Any]:
    message: dict[str, Any] = {
        "messageId": f"{model.event_type}:structured",
        "name": model.event_type,
        "title": f"{model.event_type} (structured mode)",
        "summary": summary(model),
        "contentType": STRUCTURED_CONTENT_TYPE,
        "x-publisher": model.publisher,
        "payload": {
            "allOf": [
                {"$ref": SCHEMAS_REF + "CloudEvent"},
                {
                    "type": "object",
                    "required": ["data"],
                    "properties": {
                        "type": {"const": model.event_type},
                        "data": {"$ref": SCHEMAS_REF + model.event_type},
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
        "summary": summary(model),
        "contentType": JSON_CONTENT_TYPE,
        "x-publisher": model.publisher,
        "headers": {
            "type": "object",
            "allOf": [
                {"$ref": SCHEMAS_REF + "CloudEventBinaryHeaders"},
                {"properties": {BINARY_PREFIX + "type": {"const": model.event_type}}},
            ],
        },
        "payload": {"$ref": SCHEMAS_REF + model.event_type},
    }
    example = golden_example(model)
    if example is not None:
        message["examples"] = [
            {"name": "golden", "headers": binary_headers(example), "payload": example["data"]}
        ]
    return message


def who_publishes(publisher: str) -> str:
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
            f"Published by {who_publishes(model.publisher)} (structured mode); consumers accept "
            "binary mode too."
        )
    return {
        "operationId": "publish" + model.event_type,
        "summary": summary(model),
        "description": how,
        "bindings": copy.deepcopy(PERSISTENT),
        "message": {"oneOf": [_structured_message(model), _binary_message(model)]},
    }


def _subscribe_operation(model: type[EventData]) -> dict[str, Any]:
    """The application sends the event: our services publish structured mode only."""
    return {
        "operationId": "receive" + model.event_type,
        "summary": summary(model),
        "description": (
            f"Published by {who_publishes(model.publisher)} in structured mode, persistent "
            f"(delivery mode 2), to the exchange `{EXCHANGE}` with this routing key."
        ),
        "bindings": copy.deepcopy(PERSISTENT),
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


def channel_for(
    model: type[EventData],
    *,
    description: str,
    publish: bool,
    subscribe: bool,
    queues: Sequence[ConsumerSpec],
) -> dict[str, Any]:
    bindings = copy.deepcopy(EXCHANGE_BINDING)
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
