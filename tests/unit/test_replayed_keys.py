"""A service's own outcomes are applied in a rebuild but not bound live (ConsumerSpec
.replayed_keys): their echo was most of the notifications hop's deliveries (bench/README.md)."""

from __future__ import annotations

import pytest

from asn_notifications.subscriptions import CONSUMER
from asn_shared.catalog.notifications_events import NotificationFailed, NotificationSent
from asn_shared.messaging.topology import ConsumerSpec, TopologySettings, rabbitmq_definitions
from asn_shared.runtime.definition import ServiceDefinition

OWN_OUTCOMES = {NotificationSent.routing_key(), NotificationFailed.routing_key()}


def test_the_notifications_queue_is_not_bound_to_its_own_outcomes() -> None:
    definitions = rabbitmq_definitions([CONSUMER], TopologySettings())
    bound = {
        b["routing_key"] for b in definitions["bindings"] if b["destination"] == "notifications"
    }
    assert bound == set(CONSUMER.routing_keys)
    assert not bound & OWN_OUTCOMES
    assert OWN_OUTCOMES <= set(CONSUMER.applied_keys)  # a rebuild still applies them


def test_a_handler_must_be_bound_or_replayed_and_a_key_must_have_a_handler() -> None:
    from asn_notifications.main import build

    definition = build()
    unbound = ConsumerSpec(CONSUMER.name, CONSUMER.routing_keys)  # the replayed keys dropped
    with pytest.raises(ValueError, match="notification.failed.v1"):
        ServiceDefinition(**{**vars(definition), "consumer": unbound})
