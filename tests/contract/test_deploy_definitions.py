"""The RabbitMQ definitions ops load stay in step with the topology the services declare."""

from __future__ import annotations

import json

from asn_deploy.paths import AGENCIES_FILE as AGENCIES
from asn_deploy.paths import DEFINITIONS_FILE
from asn_deploy.rabbitmq import definitions as generator
from asn_shared.catalog import event_model
from asn_shared.messaging.agencies import load_agencies
from asn_shared.messaging.authority import authority_problem


def test_committed_definitions_match_the_services_topology() -> None:
    expected = generator.build_definitions(generator.load_consumers())
    committed = json.loads(DEFINITIONS_FILE.read_text())
    assert committed == expected, (
        "run `make definitions` and commit deploy/rabbitmq/definitions.json"
    )


def test_every_service_queue_is_quorum_with_a_dead_letter_queue_and_delivery_limit() -> None:
    committed = json.loads(DEFINITIONS_FILE.read_text())
    queues = {q["name"]: q["arguments"] for q in committed["queues"]}
    for service in ("assessment", "feedback", "sanctions", "notifications"):
        assert queues[service]["x-queue-type"] == "quorum"
        assert queues[service]["x-delivery-limit"] > 0
        assert queues[service]["x-overflow"] == "reject-publish"
        assert queues[service]["x-dead-letter-strategy"] == "at-least-once"
        assert queues[f"{service}.dlq"]["x-queue-type"] == "quorum"
    assert queues["asn.audit"]["x-queue-type"] == "stream"


def test_agency_users_speak_for_the_source_the_consumers_enforce() -> None:
    """Every committed agency is accepted for its own sources and types both with agencies.json
    as the services' allowlist and, without one, by the naming convention (make run, tests)."""
    allowlist = load_agencies(AGENCIES)
    for agency in allowlist:
        for source in agency.sources:
            for event_type in agency.types:
                model = event_model(event_type)
                assert authority_problem(allowlist, agency.user, source, model) is None
                assert authority_problem(None, agency.user, source, model) is None


def test_definitions_give_each_agency_of_the_file_exactly_its_routing_keys() -> None:
    committed = json.loads(DEFINITIONS_FILE.read_text())
    allowlist = load_agencies(AGENCIES)
    topic = {(p["user"], p["vhost"]): p["write"] for p in committed["topic_permissions"]}
    assert {u["name"] for u in committed["users"]} == {a.user for a in allowlist}
    for agency in allowlist:
        assert topic[(agency.user, agency.vhost)] == generator.routing_key_regex(
            agency.routing_keys
        )
