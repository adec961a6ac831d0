"""The event catalog against docs/agency-contract-v1.md and against its committed artefacts.

The contract doc is vendored as docs/agency-contract-v1.md so that the tests need nothing outside
the repository (see docs/README.md for refreshing it). The v1 field lists and example are also
frozen here: v1 is an external API, so neither a model change nor an edit of the doc may silently
change what agencies can send.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from asn_shared.catalog import all_events, event_model
from asn_shared.catalog.agency_events import AssessmentSubmitted, Complainant, ComplaintReceived
from asn_shared.catalog.export import REGENERATE, example_path, schema_files, stale_schemas
from asn_shared.catalog.vocabulary import AssessorRole, Predikat, RatingLevel
from asn_shared.envelope import (
    JSON_CONTENT_TYPE,
    STRUCTURED_CONTENT_TYPE,
    InvalidMessage,
    describe_errors,
    parse_amqp_message,
)

REPO = Path(__file__).resolve().parents[2]
CONTRACT_DOC = REPO / "docs" / "agency-contract-v1.md"
# Our services' own additions within v1 (officials' acts), documented beside the contract.
BEYOND_DOC = REPO / "docs" / "events-beyond-v1.md"

# Frozen v1: (required fields, optional fields) of each event agencies publish.
AGENCY_FIELDS = {
    "EmployeeProfileUpdated": (
        "nip name unit_id unit_name position position_type email",
        "supervisor_nip phone",
    ),
    "AssessmentSubmitted": (
        "nip period assessor_nip assessor_role",
        "rating_hasil_kerja rating_perilaku_kerja perilaku notes",
    ),
    "IndicatorMeasured": (
        "nip period indicator_id value unit_of_measure measured_at",
        "evidence_uri",
    ),
    "AbsenceRecorded": ("nip date excused", "reason"),
    "ComplaintReceived": (
        "complaint_id channel received_at service_date unit_id category description complainant",
        "subject_nip",
    ),
    "CitizenRatingSubmitted": ("nip unit_id score served_at", "comment"),
    "SurveyResponseSubmitted": ("unit_id service_name period answers", ""),
}
FROZEN_ROUTING_KEYS = {
    "EmployeeProfileUpdated": "employee.profile.updated.v1",
    "AssessmentSubmitted": "assessment.submitted.v1",
    "IndicatorMeasured": "indicator.measured.v1",
    "AbsenceRecorded": "absence.recorded.v1",
    "ComplaintReceived": "complaint.received.v1",
    "CitizenRatingSubmitted": "citizen.rating.submitted.v1",
    "SurveyResponseSubmitted": "survey.response.submitted.v1",
}
PUBLISHED = {
    "assessment": "PerformanceRated PerformancePlanApproved RatingObjectionDecided "
    "OrganizationPerformanceRated",
    "feedback": "ComplaintVerified ComplaintResolved ComplaintDeadlineMissed "
    "ServiceSatisfactionMeasured CitizenFeedbackSummarized",
    "sanctions": "CoachingStarted CoachingCompleted DisciplinaryCaseOpened HearingScheduled "
    "SanctionImposed ObjectionDecided RewardGranted TrainingRecommended RotationRecommended",
    "notifications": "NotificationSent NotificationFailed",
}
FROZEN_EXAMPLE: dict[str, Any] = {
    "specversion": "1.0",
    "id": "5b1f0c3e-7c3a-4c8e-9a51-0f7d2f4b9e10",
    "source": "/agencies/ekinerja-kotabumi",
    "type": "AssessmentSubmitted",
    "subject": "198703122010011004",
    "time": "2026-10-05T09:30:00+07:00",
    "datacontenttype": "application/json",
    "data": {
        "nip": "198703122010011004",
        "period": "2026-Q3",
        "assessor_nip": "197501012000031002",
        "assessor_role": "SUPERVISOR",
        "rating_hasil_kerja": "DI_BAWAH_EKSPEKTASI",
        "rating_perilaku_kerja": "SESUAI_EKSPEKTASI",
        "notes": "Target cakupan layanan triwulan III tidak tercapai.",
    },
}
GENERATED = schema_files()


def named_events(doc: Path) -> set[str]:
    """Every event a document names (CamelCase in backticks)."""
    return set(re.findall(r"`([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+)`", doc.read_text()))


def contract_names() -> set[str]:
    """Every event the contract names, and the additions documented beside it."""
    names = named_events(CONTRACT_DOC)
    assert len(names) >= 27, f"parsed only {sorted(names)} from {CONTRACT_DOC}"
    return names | named_events(BEYOND_DOC)


def stated_routing_keys() -> dict[str, str]:
    """The routing keys the contract spells out: `Name` (`key`) and `Name` -> `key`."""
    text = CONTRACT_DOC.read_text()
    pairs = re.findall(r"`([A-Z]\w+)`\s*(?:\(|->)\s*`([a-z0-9.]+\.v[0-9]+)`", text)
    return dict(pairs)


def contract_rule(name: str, version: int = 1) -> str:
    """The contract's rule, written independently of routing_key_for."""
    return ".".join(word.lower() for word in re.findall(r"[A-Z][^A-Z]*", name)) + f".v{version}"


def structured(event: dict[str, Any]) -> bytes:
    return json.dumps(event).encode()


# --- committed artefacts ----------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(GENERATED), ids=lambda p: p.name)
def test_committed_export_equals_generated(path: Path) -> None:
    hint = f"run `{REGENERATE}` and commit the result"
    assert path.exists(), f"{path.name} is missing: {hint}"
    assert path.read_text(encoding="utf-8") == GENERATED[path], f"{path.name} is stale: {hint}"


def test_no_schema_without_a_registered_event() -> None:
    assert not stale_schemas(GENERATED), f"remove them: run `{REGENERATE}`"


@pytest.mark.parametrize("model", all_events(), ids=lambda m: m.routing_key())
def test_golden_example_parses_and_validates(model) -> None:
    path = example_path(model)
    assert path.exists(), f"hand-write the golden example {path.name} (see shared/README.md)"
    event = parse_amqp_message(path.read_bytes(), {}, STRUCTURED_CONTENT_TYPE)
    assert event_model(event.type) is model
    data = event_model(event.type).model_validate(event.data)
    assert event.subject == data.subject()
    # Unknown fields would be ignored silently, so a misspelt one would prove nothing.
    assert set(event.data) <= set(model.model_fields)


def test_assessment_submitted_example_is_the_contracts() -> None:
    example = json.loads(example_path(AssessmentSubmitted).read_text(encoding="utf-8"))
    assert example == FROZEN_EXAMPLE
    block = CONTRACT_DOC.read_text().split("```json", 1)[1].split("```", 1)[0]
    assert example == json.loads(block)


@pytest.mark.parametrize("model", all_events(), ids=lambda m: m.event_type)
def test_every_event_documents_itself(model) -> None:
    # The docstring is the schema's description and the AsyncAPI summary agencies read.
    assert model.__doc__ and "__doc__" in vars(model) and model.publisher


def test_every_event_is_in_the_readme() -> None:
    readme = (REPO / "shared" / "README.md").read_text(encoding="utf-8")
    missing = [m.routing_key() for m in all_events() if f"`{m.routing_key()}`" not in readme]
    assert not missing, f"add to the event table of shared/README.md: {missing}"


# --- the contract -----------------------------------------------------------------------------


def test_every_contract_event_is_in_the_catalog() -> None:
    missing = sorted(n for n in contract_names() if event_model(n) is None)
    assert not missing


def test_every_catalog_event_is_in_the_contract() -> None:
    extra = sorted({m.event_type for m in all_events()} - contract_names())
    assert not extra, "name new events in docs/events-beyond-v1.md (or the contract) first"


@pytest.mark.parametrize("name", sorted(contract_names()))
def test_routing_key_follows_the_contract_rule(name: str) -> None:
    assert event_model(name).routing_key() == contract_rule(name)


def test_routing_keys_the_contract_states() -> None:
    stated = stated_routing_keys()
    assert {name: stated.get(name) for name in FROZEN_ROUTING_KEYS} == FROZEN_ROUTING_KEYS
    for name, key in stated.items():
        assert event_model(name).routing_key() == key


@pytest.mark.parametrize("name", sorted(AGENCY_FIELDS))
def test_agency_event_fields_are_the_frozen_contract(name: str) -> None:
    model = event_model(name)
    required, optional = (set(words.split()) for words in AGENCY_FIELDS[name])
    assert model.publisher == "agency"
    assert set(model.model_fields) == required | optional
    assert {f for f, info in model.model_fields.items() if info.is_required()} == required


def test_complainant_fields_are_the_frozen_contract() -> None:
    assert set(Complainant.model_fields) == {"name", "email", "phone", "privacy"}
    assert [f for f, i in Complainant.model_fields.items() if i.is_required()] == ["privacy"]


@pytest.mark.parametrize("publisher", sorted(PUBLISHED))
def test_our_events_have_the_contracts_publishers(publisher: str) -> None:
    for name in PUBLISHED[publisher].split():
        assert event_model(name).publisher == publisher, name


def test_performance_rated_has_at_least_the_contracts_fields() -> None:
    fields = event_model("PerformanceRated").model_fields
    assert {"nip", "period", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat"} <= set(
        fields
    )
    assert [p.value for p in Predikat] == [
        "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG"
    ]  # fmt: skip


def test_feedback_events_never_carry_complainant_identity() -> None:
    forbidden = re.compile(r"complainant|email|phone|address|^name$|^description$|comment")
    for model in all_events():
        if model.publisher != "feedback":
            continue
        leaks = [p for p in _property_names(model.model_json_schema()) if forbidden.search(p)]
        assert not leaks, f"{model.event_type} carries {leaks}"


def _property_names(schema: Any) -> set[str]:
    if isinstance(schema, list):
        return set().union(*map(_property_names, schema)) if schema else set()
    if not isinstance(schema, dict):
        return set()
    names = set(schema.get("properties", {}))
    return names.union(*(_property_names(v) for v in schema.values()))


# --- the envelope -----------------------------------------------------------------------------


def test_contract_example_is_a_valid_assessment_submitted() -> None:
    event = parse_amqp_message(structured(FROZEN_EXAMPLE), {}, STRUCTURED_CONTENT_TYPE)
    data = event_model(event.type).model_validate(event.data)
    assert isinstance(data, AssessmentSubmitted)
    assert data.assessor_role is AssessorRole.SUPERVISOR
    assert data.rating_hasil_kerja is RatingLevel.DI_BAWAH_EKSPEKTASI
    assert event.source == "/agencies/ekinerja-kotabumi" and event.subject == data.nip


@pytest.mark.parametrize("as_bytes", [False, True], ids=["str-headers", "bytes-headers"])
def test_binary_mode_parses_to_the_same_event(as_bytes: bool) -> None:
    attrs = {k: v for k, v in FROZEN_EXAMPLE.items() if k not in ("data", "datacontenttype")}
    headers = {f"ce-{k}": v.encode() if as_bytes else v for k, v in attrs.items()}
    body = json.dumps(FROZEN_EXAMPLE["data"]).encode()
    binary = parse_amqp_message(body, headers, JSON_CONTENT_TYPE)
    assert binary == parse_amqp_message(structured(FROZEN_EXAMPLE), {}, STRUCTURED_CONTENT_TYPE)


def test_a_body_that_is_not_json_is_refused_with_the_reason() -> None:
    with pytest.raises(InvalidMessage) as info:
        parse_amqp_message(b'{"specversion": "1.0", "id": ', {}, STRUCTURED_CONTENT_TYPE)
    assert "not JSON" in info.value.reason


def test_an_event_without_id_is_refused_with_the_reason() -> None:
    event = {k: v for k, v in FROZEN_EXAMPLE.items() if k != "id"}
    with pytest.raises(InvalidMessage) as info:
        parse_amqp_message(structured(event), {}, STRUCTURED_CONTENT_TYPE)
    assert re.search(r"\bid: Field required", info.value.reason)


@pytest.mark.parametrize(
    "email", ["siti.rahmawati@@surel.example", "siti@xn--rahmawati-zzz.example"]
)
def test_validation_errors_never_echo_input_values(email: str) -> None:
    complaint = {
        "complaint_id": "LAPOR-5312-20260302-0417", "channel": "SP4N-LAPOR!",
        "received_at": "2026-03-02T10:41:37+08:00", "service_date": "2026-02-24",
        "unit_id": "kec-maulafa", "subject_nip": "19920318", "category": "Administrasi",
        "description": "Surat pindah belum selesai.",
        "complainant": {"name": "Siti Rahmawati", "email": email, "phone": "+62 812-0000-7788",
                        "privacy": "BOCOR"},
    }  # fmt: skip
    with pytest.raises(ValidationError) as info:
        ComplaintReceived.model_validate(complaint)
    reasons = describe_errors(info.value)
    assert {"subject_nip", "complainant.email", "complainant.privacy"} <= {
        part.split(":")[0] for part in reasons.split("; ")
    }
    for value in (email, email.split("@")[0], "rahmawati", "BOCOR", "19920318"):
        assert value not in reasons
