"""Who may speak for which source: the naming convention, and the agency allowlist when set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from asn_shared.catalog.agency_events import (
    AbsenceRecorded,
    AssessmentSubmitted,
    ComplaintReceived,
)
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.envelope import describe_errors
from asn_shared.messaging.agencies import (
    Agency,
    AgencyAllowlist,
    AllowlistError,
    load_agencies,
    parse_agencies,
)
from asn_shared.messaging.authority import authority_problem
from asn_shared.settings import ServiceSettings

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "deploy" / "rabbitmq" / "agencies.json"

# --- no allowlist: the naming convention (make run, the demo, the e2e tests) ----------------------


@pytest.mark.parametrize(
    ("user_id", "source", "model", "allowed"),
    [
        ("agency-ekinerja-kotabumi", "/agencies/ekinerja-kotabumi", AssessmentSubmitted, True),
        ("agency-ekinerja-kotabumi", "/agencies/lapor", AssessmentSubmitted, False),
        ("agency-ekinerja-kotabumi", "/agencies/ekinerja-kotabumi", PerformanceRated, False),
        (None, "/agencies/anything", AssessmentSubmitted, True),  # no user_id: broker perms only
        ("guest", "/asn-kinerja/assessment", PerformanceRated, True),  # our services
    ],
)
def test_authority_by_convention(user_id, source, model, allowed) -> None:
    problem = authority_problem(None, user_id, source, model)
    assert (problem is None) == allowed
    if problem:
        assert user_id in problem or model.event_type in problem


# --- with an allowlist ----------------------------------------------------------------------------

ALLOWLIST = AgencyAllowlist(
    (
        Agency(
            "agency-ekinerja-kotabumi", ("/agencies/ekinerja-kotabumi",), ("AssessmentSubmitted",)
        ),
        # One account speaking for two sources (e.g. a province's shared attendance platform).
        Agency(
            "agency-presensi-jateng",
            ("/agencies/presensi-surakarta", "/agencies/presensi-semarang"),
            ("AbsenceRecorded",),
        ),
    )
)


@pytest.mark.parametrize(
    ("user_id", "source", "model", "reason_mentions"),
    [
        # listed user, own source, own type
        ("agency-ekinerja-kotabumi", "/agencies/ekinerja-kotabumi", AssessmentSubmitted, None),
        ("agency-presensi-jateng", "/agencies/presensi-semarang", AbsenceRecorded, None),
        # spoofed source (another agency's)
        (
            "agency-ekinerja-kotabumi",
            "/agencies/presensi-surakarta",
            AssessmentSubmitted,
            ["agency-ekinerja-kotabumi", "/agencies/presensi-surakarta", "may not speak for"],
        ),
        # a type it is not allowed (the broker's topic permissions should stop it first)
        (
            "agency-presensi-jateng",
            "/agencies/presensi-surakarta",
            AssessmentSubmitted,
            ["agency-presensi-jateng", "AssessmentSubmitted", "may not publish"],
        ),
        # an agency user the file does not list (convention would have let it through)
        (
            "agency-lapor",
            "/agencies/lapor",
            AssessmentSubmitted,
            ["agency-lapor", "not in the agency allowlist", "/agencies/lapor"],
        ),
        # any other broker user
        ("guest", "/agencies/ekinerja-kotabumi", AssessmentSubmitted, ["guest", "allowlist"]),
        # no user_id at all: the allowlist cannot be checked, so the event is refused
        (None, "/agencies/ekinerja-kotabumi", AssessmentSubmitted, ["no user_id", "Assessment"]),
        ("", "/agencies/ekinerja-kotabumi", AssessmentSubmitted, ["no user_id"]),
        # an agency forging one of our services' events, listed or not
        (
            "agency-ekinerja-kotabumi",
            "/agencies/ekinerja-kotabumi",
            PerformanceRated,
            ["agency-ekinerja-kotabumi", "PerformanceRated", "assessment service"],
        ),
        (
            "agency-unlisted",
            "/asn-kinerja/assessment",
            PerformanceRated,
            ["agency-unlisted", "PerformanceRated"],
        ),
        # an agency-type event from one of our own doors (assessment's POST /api/v1/assessments):
        # our publisher sets the service's broker user as user_id, and the broker vouches for it
        ("svc-assessment", "/asn-kinerja/assessment", AssessmentSubmitted, None),
        ("guest", "/asn-kinerja/feedback", ComplaintReceived, None),
        # ... but without a user_id, or claiming an agency's source, it is refused
        (None, "/asn-kinerja/assessment", AssessmentSubmitted, ["no user_id"]),
        ("svc-assessment", "/agencies/lapor", ComplaintReceived, ["svc-assessment", "allowlist"]),
        # our services' events: no user_id, or a non-agency (service) user
        (None, "/asn-kinerja/assessment", PerformanceRated, None),
        ("svc-assessment", "/asn-kinerja/assessment", PerformanceRated, None),
    ],
)
def test_authority_with_an_allowlist(user_id, source, model, reason_mentions) -> None:
    problem = authority_problem(ALLOWLIST, user_id, source, model)
    if reason_mentions is None:
        assert problem is None
    else:
        assert problem is not None
        for text in reason_mentions:
            assert text in problem


def test_an_empty_allowlist_refuses_every_agency_event_but_not_ours() -> None:
    empty = AgencyAllowlist()
    assert authority_problem(empty, "agency-lapor", "/agencies/lapor", AssessmentSubmitted)
    assert authority_problem(empty, None, "/agencies/lapor", AssessmentSubmitted)
    assert authority_problem(empty, None, "/asn-kinerja/assessment", PerformanceRated) is None


# --- the file ---------------------------------------------------------------------------------


def test_the_committed_agencies_file_is_a_valid_allowlist() -> None:
    allowlist = load_agencies(COMMITTED)
    assert "agency-lapor" in allowlist
    lapor = allowlist.get("agency-lapor")
    assert lapor.sources == ("/agencies/lapor",) and lapor.vhost == "/"
    assert allowlist.get("agency-layanan-surakarta").routing_keys == (
        "citizen.rating.submitted.v1",
        "survey.response.submitted.v1",
    )


def entry(**changes):
    base = {"user": "agency-x", "sources": ["/agencies/x"], "types": ["AbsenceRecorded"]}
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], 'expected an object {"agencies": [...]}'),
        ({"agencies": [], "extra": 1}, "unknown field(s) extra"),
        ({"agencies": ["agency-x"]}, "agencies[0]: expected an object"),
        ({"agencies": [entry(user=None)]}, "agencies[0].user: missing"),
        ({"agencies": [entry(user="bkn")]}, "agencies[0] (bkn).user: broker user 'bkn'"),
        ({"agencies": [entry(sources=[])]}, "agencies[0] (agency-x).sources: expected a non-empty"),
        (
            {"agencies": [entry(sources=["/asn-kinerja/assessment"])]},
            "agencies[0] (agency-x).sources[0]: source '/asn-kinerja/assessment' is not under",
        ),
        (
            {"agencies": [entry(types=["AbsenceRecorded", "Forged"])]},
            "agencies[0] (agency-x).types[1]: event type 'Forged' is not in the event catalog",
        ),
        (
            {"agencies": [entry(types=["PerformanceRated"])]},
            "types[0]: event type 'PerformanceRated' is published by the assessment service",
        ),
        ({"agencies": [entry(type=["AbsenceRecorded"])]}, "(agency-x): unknown field(s) type"),
        ({"agencies": [entry(vhost="")]}, "(agency-x).vhost: expected a non-empty string"),
        ({"agencies": [entry(), entry()]}, "agencies[1] (agency-x).user: listed more than once"),
    ],
)
def test_an_invalid_agencies_file_is_refused_naming_entry_and_field(document, message) -> None:
    with pytest.raises(AllowlistError) as refused:
        parse_agencies(document, origin="agencies.json")
    assert str(refused.value).startswith("agencies.json")
    assert message in str(refused.value)


# --- the setting --------------------------------------------------------------------------------


def test_the_setting_reads_the_file_once_when_the_settings_load(tmp_path, monkeypatch) -> None:
    path = tmp_path / "agencies.json"
    path.write_text(json.dumps({"agencies": [entry(vhost="asn")]}))
    monkeypatch.setenv("ASN_AGENCY_ALLOWLIST_FILE", str(path))
    settings = ServiceSettings()
    path.unlink()  # read at load; nothing reads it later
    assert settings.agency_allowlist_file == path
    assert settings.agency_allowlist.get("agency-x") == Agency(
        "agency-x", ("/agencies/x",), ("AbsenceRecorded",), "asn"
    )


def test_without_the_setting_there_is_no_allowlist(monkeypatch) -> None:
    monkeypatch.delenv("ASN_AGENCY_ALLOWLIST_FILE", raising=False)
    assert ServiceSettings().agency_allowlist is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read it (No such file or directory)"),
        ("{not json", "not JSON"),
        (
            json.dumps({"agencies": [entry(types=["PerformanceRated"])]}),
            "agencies[0] (agency-x).types[0]: event type 'PerformanceRated'",
        ),
    ],
)
def test_an_unusable_allowlist_file_stops_the_settings(tmp_path, monkeypatch, content, message):
    path = tmp_path / "agencies.json"
    if content is not None:
        path.write_text(content)
    monkeypatch.setenv("ASN_AGENCY_ALLOWLIST_FILE", str(path))
    with pytest.raises(ValidationError) as refused:
        ServiceSettings()
    described = describe_errors(refused.value)
    assert "ASN_AGENCY_ALLOWLIST_FILE" in described and str(path) in described
    assert message in described
