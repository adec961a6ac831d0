"""The AsyncAPI documents agencies integrate from (docs/asyncapi/) and the catalog's asyncapi.json.

Each document is validated against the official AsyncAPI 2.6.0 JSON Schema and its AMQP bindings
against the official AMQP binding 0.2.0 schemas, all vendored from the npm package
`@asyncapi/specs` (see asyncapi-specs/README.md), so no network is needed. The golden examples
inside the documents must validate against their own message schemas, resolved within the
document; each service's document must show exactly what the service consumes (its CONSUMER spec)
and publishes (the catalog events whose `publisher` it is); and no document may name an event the
agency contract does not list.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT7

from asn_shared.asyncapi.schemas import binary_headers
from asn_shared.catalog import all_events
from asn_shared.catalog.export import ASYNCAPI_FILE
from asn_shared.envelope import JSON_CONTENT_TYPE, STRUCTURED_CONTENT_TYPE, parse_amqp_message

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
GENERATOR = REPO / "docs" / "generate_asyncapi.py"
CONTRACT_DOC = REPO / "docs" / "agency-contract-v1.md"
BEYOND_DOC = REPO / "docs" / "events-beyond-v1.md"  # our officials' acts, additions within v1
ASYNCAPI_SCHEMA = HERE / "asyncapi-2.6.0.schema.json"
SPECS = HERE / "asyncapi-specs"
AMQP_BINDINGS = {
    kind: SPECS / f"bindings-amqp-0.2.0-{kind}.json" for kind in ("channel", "operation", "message")
}
SPEC_EXTENSION_3 = SPECS / "definitions-3.0.0-specificationExtension.json"
VENDORED_SHA256 = {
    ASYNCAPI_SCHEMA: "4b0bfe579e3c98a1da14db72bbd22a446ae23d5ae347ec7873a4cb488e446583",
    AMQP_BINDINGS["channel"]: "e446950047c2166cf8edadb61828a0161e578823928c37b7af6ca2a0a298571b",
    AMQP_BINDINGS["operation"]: "38085951c2dcc3ef3d8a5562e7ff662bf1ca9e1865ae87c625e96cd22e75f77d",
    AMQP_BINDINGS["message"]: "ad3c092b07b7de47cc559872f3b985d8915a6c4672870a15656f10700eaf3bcb",
    SPEC_EXTENSION_3: "5597f53441759a161d0e197a0c1c0745ccdee3be99d1ed12036c759d79fae998",
}
# The services that consume events (the audit service consumes none through a ConsumerSpec).
SERVICES = sorted(
    p.name
    for p in (REPO / "services").iterdir()
    if (p / f"asn_{p.name}" / "subscriptions.py").is_file()
)


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_asyncapi", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GEN = load_generator()
DOCS = {f"docs/asyncapi/{p.name}": p for p in sorted(GEN.ASYNCAPI_DIR.glob("*.json"))}
DOCS["catalog/asyncapi.json"] = ASYNCAPI_FILE


@cache
def consumers() -> dict[str, Any]:
    return GEN.load_consumers()


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def service_doc(service: str) -> dict[str, Any]:
    return load(GEN.document_path(service))


def channels_with(doc: dict[str, Any], operation: str) -> set[str]:
    return {key for key, channel in doc["channels"].items() if operation in channel}


def messages(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every message with its JSON pointer, inside `oneOf` lists too."""
    for key, channel in doc["channels"].items():
        for operation in ("publish", "subscribe"):
            if operation not in channel:
                continue
            message = channel[operation]["message"]
            pointer = f"/channels/{key}/{operation}/message"
            if "oneOf" in message:
                for i, one in enumerate(message["oneOf"]):
                    yield f"{pointer}/oneOf/{i}", one
            else:
                yield pointer, message


def walk(node: Any) -> Iterator[tuple[str | None, Any]]:
    """(key, value) of every member of every object, recursively."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


# --- the vendored official schemas -----------------------------------------------------------


@cache
def asyncapi_validator():
    schema = load(ASYNCAPI_SCHEMA)
    cls = validator_for(schema)  # the draft the schema declares (draft-07)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@cache
def binding_validators() -> dict[str, Any]:
    resources = [
        (schema["$id"], Resource.from_contents(schema))
        for schema in map(load, [*AMQP_BINDINGS.values(), SPEC_EXTENSION_3])
    ]
    registry = Registry().with_resources(resources)
    validators = {}
    for kind, path in AMQP_BINDINGS.items():
        schema = load(path)
        cls = validator_for(schema)
        cls.check_schema(schema)
        validators[kind] = cls(schema, registry=registry)
    return validators


def test_the_vendored_schema_is_the_official_asyncapi_2_6_0() -> None:
    schema = load(ASYNCAPI_SCHEMA)
    assert schema["$id"] == "http://asyncapi.com/definitions/2.6.0/asyncapi.json"
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema"
    assert schema["properties"]["asyncapi"]["enum"] == ["2.6.0"]
    # Verbatim copies: the hashes asyncapi-specs/README.md records for @asyncapi/specs 6.11.1.
    for path, sha256 in VENDORED_SHA256.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha256, path.name


def test_the_validators_are_not_vacuous() -> None:
    good = load(GEN.SYSTEM_DOCUMENT)
    assert not list(asyncapi_validator().iter_errors(good))
    for broken in (
        {k: v for k, v in good.items() if k != "info"},
        {**good, "asyncapi": "2.5.0"},
        {**good, "channels": {"x.v1": {"publish": {"message": {"contentType": 1}}}}},
    ):
        assert list(asyncapi_validator().iter_errors(broken))
    # A queue on an `is: routingKey` channel is what AMQP binding 0.2.0 forbids.
    binding = {"is": "routingKey", "exchange": {"name": "asn.events"}, "queue": {"name": "q"}}
    assert list(binding_validators()["channel"].iter_errors(binding))


# --- generated and up to date ----------------------------------------------------------------


def test_committed_documents_are_up_to_date() -> None:
    """What `make catalog CHECK=1` runs: the generator's --check."""
    done = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr + "\nrun `make catalog` and commit"


def test_check_reports_a_stale_a_missing_and_a_stray_file(tmp_path: Path, monkeypatch) -> None:
    files = GEN.generated_files(consumers())
    monkeypatch.setattr(GEN, "ASYNCAPI_DIR", tmp_path / "asyncapi")
    monkeypatch.setattr(GEN, "SCHEMAS_DIR", tmp_path / "schemas")
    monkeypatch.setattr(GEN, "CATALOG_SCHEMAS_DIR", tmp_path / "schemas")
    monkeypatch.setattr(GEN, "REPO", tmp_path)
    moved = {tmp_path / p.parent.name / p.name: text for p, text in files.items()}
    assert GEN.write(moved) and GEN.differences(moved) == []
    stale, missing = sorted(moved)[:2]
    stale.write_text("{}\n")
    missing.unlink()
    (tmp_path / "schemas" / "renamed.event.v1.json").write_text("{}\n")
    assert sorted(GEN.differences(moved)) == sorted(
        [
            f"out of date: {stale.relative_to(tmp_path)}",
            f"missing: {missing.relative_to(tmp_path)}",
            "not generated (remove it): schemas/renamed.event.v1.json",
        ]
    )


def test_every_service_and_the_system_have_a_document() -> None:
    expected = {f"docs/asyncapi/{s}.asyncapi.json" for s in SERVICES}
    expected |= {"docs/asyncapi/system.asyncapi.json"}
    assert set(DOCS) - {"catalog/asyncapi.json"} == expected
    assert SERVICES and set(SERVICES) == set(consumers())


def test_schema_copies_are_the_catalogs_schemas() -> None:
    catalog = ASYNCAPI_FILE.parent / "schemas"
    copies = sorted(p.name for p in GEN.SCHEMAS_DIR.glob("*.json"))
    assert copies == sorted(p.name for p in catalog.glob("*.json"))
    for name in copies:
        assert (GEN.SCHEMAS_DIR / name).read_bytes() == (catalog / name).read_bytes(), name


# --- valid AsyncAPI --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DOCS))
def test_document_is_valid_asyncapi_2_6_0(name: str) -> None:
    doc = load(DOCS[name])
    assert doc["asyncapi"] == "2.6.0"
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
        for e in asyncapi_validator().iter_errors(doc)
    ]
    assert not errors, "\n".join(errors[:20])


@pytest.mark.parametrize("name", sorted(DOCS))
def test_amqp_bindings_are_valid_amqp_binding_0_2_0(name: str) -> None:
    doc = load(DOCS[name])
    checked = 0
    for key, channel in doc["channels"].items():
        found = [("channel", channel["bindings"]["amqp"])]
        for operation in ("publish", "subscribe"):
            if operation in channel:
                found.append(("operation", channel[operation]["bindings"]["amqp"]))
        found += [
            ("message", message["bindings"]["amqp"])
            for _, message in messages({"channels": {key: channel}})
            if "amqp" in message.get("bindings", {})
        ]
        for kind, binding in found:
            errors = [e.message for e in binding_validators()[kind].iter_errors(binding)]
            assert not errors, f"{key} {kind} binding: {errors}"
            checked += 1
    assert checked >= 2 * len(doc["channels"])


def example_errors(path: Path, doc: dict[str, Any]) -> tuple[list[str], int]:
    """Each message example against the message's own schemas, resolved from the document's
    place: inside it, or (asyncapi.json) in the schema files beside it. Errors and count."""
    base = path.as_uri()

    def retrieve(uri: str) -> Resource:
        if not uri.startswith("file://") or uri == base:
            raise NoSuchResource(ref=uri)
        return Resource.from_contents(load(Path(uri.removeprefix("file://"))))

    registry = Registry(retrieve=retrieve).with_resource(base, DRAFT7.create_resource(doc))
    errors, checked = [], 0
    for pointer, message in messages(doc):
        if not message.get("examples"):
            errors.append(f"{pointer}: no example")
        for example in message.get("examples", []):
            for part in ("payload", "headers"):
                if part not in example:
                    continue
                if part not in message:
                    errors.append(f"{pointer}: an example {part} but no {part} schema")
                    continue
                validator = Draft7Validator(
                    {"$ref": f"{base}#{pointer}/{part}"},
                    registry=registry,
                    format_checker=Draft7Validator.FORMAT_CHECKER,
                )
                errors += [
                    f"{pointer} example {part}: {e.message}"
                    for e in validator.iter_errors(example[part])
                ]
                checked += 1
    return errors, checked


@pytest.mark.parametrize("name", sorted(DOCS))
def test_every_message_example_validates_against_its_schemas(name: str) -> None:
    doc = load(DOCS[name])
    errors, checked = example_errors(DOCS[name], doc)
    assert not errors, "\n".join(errors)
    assert checked >= len(doc["channels"])


@pytest.mark.parametrize("name", ["docs/asyncapi/system.asyncapi.json", "catalog/asyncapi.json"])
def test_a_bad_example_would_be_found(name: str) -> None:
    doc = load(DOCS[name])
    (pointer, message), *_ = messages(doc)
    message["examples"][0]["payload"]["data"]["nip"] = "12345"
    message["examples"][0]["payload"]["type"] = "SomethingElse"
    errors, _ = example_errors(DOCS[name], doc)
    assert len(errors) == 2 and all(e.startswith(pointer) for e in errors), errors


@pytest.mark.parametrize("name", sorted(n for n in DOCS if n.startswith("docs/")))
def test_message_ids_are_unique(name: str) -> None:
    """AsyncAPI 2.6: `messageId` MUST be unique among all messages of the document."""
    ids = [message["messageId"] for _, message in messages(load(DOCS[name]))]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", sorted(n for n in DOCS if n.startswith("docs/")))
def test_document_is_self_contained(name: str) -> None:
    """Every `$ref` points into the document; `x-schema-file` names an existing schema copy."""
    path = DOCS[name]
    doc = load(path)
    for key, value in walk(doc):
        if key == "$ref":
            assert value.startswith("#/"), value
            node: Any = doc
            for part in value[2:].split("/"):
                node = node[part]
        elif key == "x-schema-file":
            assert (path.parent / value).resolve().is_file(), value


@pytest.mark.parametrize("name", sorted(n for n in DOCS if n.startswith("docs/")))
def test_binary_mode_example_reads_as_the_structured_one(name: str) -> None:
    """The documented binary mode is what the consumers' envelope parser accepts."""
    doc = load(DOCS[name])
    for key, channel in doc["channels"].items():
        if "publish" not in channel:
            continue
        structured, binary = channel["publish"]["message"]["oneOf"]
        assert structured["contentType"] == STRUCTURED_CONTENT_TYPE
        assert binary["contentType"] == JSON_CONTENT_TYPE
        event = structured["examples"][0]["payload"]
        example = binary["examples"][0]
        assert example["headers"] == binary_headers(event)
        as_binary = parse_amqp_message(
            json.dumps(example["payload"]).encode(), example["headers"], binary["contentType"]
        )
        as_structured = parse_amqp_message(
            json.dumps(event).encode(), {}, structured["contentType"]
        )
        assert as_binary == as_structured, key


# --- what each service consumes and publishes ------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_service_document_has_every_routing_key_it_consumes(service: str) -> None:
    doc = service_doc(service)
    consumer = consumers()[service]
    assert channels_with(doc, "publish") == set(consumer.routing_keys)
    for key in consumer.routing_keys:
        queues = doc["channels"][key]["bindings"]["amqp"]["x-queues"]
        assert [(q["name"], q["type"]) for q in queues] == [(consumer.queue, "quorum")]


@pytest.mark.parametrize("service", SERVICES)
def test_service_document_has_every_event_it_publishes(service: str) -> None:
    doc = service_doc(service)
    published = {m.routing_key() for m in all_events() if m.publisher == service}
    assert published, f"{service} publishes no event of the catalog"
    assert channels_with(doc, "subscribe") == published
    for key in published:
        message = doc["channels"][key]["subscribe"]["message"]
        assert message["x-publisher"] == service


def test_system_document_has_every_event_and_every_consumer() -> None:
    doc = load(GEN.SYSTEM_DOCUMENT)
    models = all_events()
    assert set(doc["channels"]) == {m.routing_key() for m in models}
    assert channels_with(doc, "publish") == {
        m.routing_key() for m in models if m.publisher == "agency"
    }
    for key, channel in doc["channels"].items():
        queues = {q["name"] for q in channel["bindings"]["amqp"].get("x-queues", [])}
        assert queues == {s for s, c in consumers().items() if key in c.routing_keys}, key


# --- nothing outside the agency contract -----------------------------------------------------


def contract_events() -> set[str]:
    """The event names the contract lists, in its sections on agencies' and services' events."""
    text = CONTRACT_DOC.read_text(encoding="utf-8")
    start = text.index("## Events agencies publish")
    end = text.index("\n## ", text.index("## Events our services publish"))
    return set(re.findall(r"`([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+)`", text[start:end]))


def documented_events() -> set[str]:
    """The contract's events and the acts documented beside it (docs/events-beyond-v1.md)."""
    text = BEYOND_DOC.read_text(encoding="utf-8")
    acts = text[text.index("## Acts the assessment service publishes") :]
    return contract_events() | set(re.findall(r"`([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+)`", acts))


def contract_rule(name: str) -> str:
    """The contract's routing-key rule, written independently of the catalog's."""
    return ".".join(w.lower() for w in re.findall(r"[A-Z][^A-Z]*", name)) + ".v1"


def test_the_contract_list_is_read_whole() -> None:
    names = contract_events()
    assert len(names) == 27 and {"EmployeeProfileUpdated", "NotificationFailed"} <= names


def events_outside_contract(doc: dict[str, Any]) -> set[str]:
    """Event names and routing keys the document mentions that the contract does not list."""
    events = documented_events()
    keys = {contract_rule(event) for event in events}
    named = {message["name"] for _, message in messages(doc)}
    named |= {
        value["const"]
        for key, value in walk(doc)
        if key in ("type", "ce-type") and isinstance(value, dict) and "const" in value
    }
    named |= {
        example["payload"]["type"]
        for _, message in messages(doc)
        for example in message.get("examples", [])
        if isinstance(example.get("payload"), dict) and "type" in example["payload"]
    }
    mentioned = set(doc["channels"]) | {
        value
        for _, value in walk(doc)
        if isinstance(value, str) and re.fullmatch(r"[a-z]+(\.[a-z]+)+\.v[0-9]+", value)
    }
    return (named - events) | (mentioned - keys)


@pytest.mark.parametrize("name", sorted(DOCS))
def test_document_names_only_events_of_the_agency_contract(name: str) -> None:
    assert not events_outside_contract(load(DOCS[name]))


def test_an_event_outside_the_contract_would_be_found() -> None:
    doc = copy.deepcopy(load(GEN.SYSTEM_DOCUMENT))
    channel = copy.deepcopy(doc["channels"]["absence.recorded.v1"])
    channel["publish"]["message"]["oneOf"][0]["name"] = "EmployeeFired"
    doc["channels"]["employee.fired.v1"] = channel
    assert events_outside_contract(doc) == {"EmployeeFired", "employee.fired.v1"}


def test_integrating_page_links_resolve() -> None:
    page = REPO / "docs" / "integrating.md"
    links = re.findall(r"\]\(([^)#]+)\)", page.read_text(encoding="utf-8"))
    local = [link for link in links if "://" not in link]
    assert "asyncapi/system.asyncapi.json" in local and "agency-contract-v1.md" in local
    assert [link for link in local if not (page.parent / link).exists()] == []
