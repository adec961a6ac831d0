"""`asn-onboard-agency` (asn_deploy.rabbitmq.onboard) without a broker: what it refuses, what
--print shows.

The commands applied on the real broker: tests/integration/test_agency_onboarding.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer import Typer
from typer.testing import CliRunner

from asn_deploy.paths import AGENCIES_FILE as COMMITTED_AGENCIES
from asn_deploy.rabbitmq.onboard import app


@pytest.fixture(scope="module")
def onboard_app() -> Typer:
    return app


@pytest.fixture
def agencies_file(tmp_path: Path, monkeypatch) -> Path:
    # Any rabbitmqctl call would fail (exit 1), so exit 2 shows nothing was run.
    monkeypatch.setenv("RABBITMQCTL", str(tmp_path / "no-rabbitmqctl-here"))
    path = tmp_path / "agencies.json"
    shutil.copy(COMMITTED_AGENCIES, path)
    return path


def invoke(app, *args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(
    ("user", "source", "event_type", "message"),
    [
        ("bkd-kepahiang", "/agencies/bkd", "AbsenceRecorded", "'bkd-kepahiang' does not match"),
        ("agency-BKD", "/agencies/bkd", "AbsenceRecorded", "'agency-BKD' does not match"),
        ("agency-bkd", "/asn-kinerja/bkd", "AbsenceRecorded", "not under /agencies/"),
        ("agency-bkd", "/agencies/bkd", "AbsenceForged", "not in the event catalog"),
        ("agency-bkd", "/agencies/bkd", "PerformanceRated", "by the assessment service"),
        ("agency-bkd", "/agencies/bkd", "SanctionImposed", "by the sanctions service"),
    ],
)
def test_onboard_refuses_bad_input_with_exit_2_and_changes_nothing(
    onboard_app, agencies_file: Path, user, source, event_type, message
):
    before = agencies_file.read_text()
    result = invoke(
        onboard_app,
        "onboard", user, "--source", source, "--type", event_type,
        "--apply", "--agencies-file", str(agencies_file),
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert agencies_file.read_text() == before


def test_print_shows_the_rabbitmqctl_commands_and_the_entry_without_running_them(
    onboard_app, agencies_file: Path
):
    before = agencies_file.read_text()
    result = invoke(
        onboard_app,
        "onboard", "agency-bkd-kepahiang", "--source", "/agencies/bkd-kepahiang",
        "--type", "EmployeeProfileUpdated", "--type", "AbsenceRecorded",
        "--vhost", "asn", "--print", "--agencies-file", str(agencies_file),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.endswith("add_user agency-bkd-kepahiang") for line in lines)
    assert any(
        line.endswith(r"set_permissions -p asn agency-bkd-kepahiang '^$' '^asn\.events$' '^$'")
        for line in lines
    )
    assert any(
        line.endswith(
            "set_topic_permissions -p asn agency-bkd-kepahiang asn.events "
            r"'^(absence\.recorded\.v1|employee\.profile\.updated\.v1)$' '^$'"
        )
        for line in lines
    )
    assert '#     "user": "agency-bkd-kepahiang",' in lines
    assert agencies_file.read_text() == before


def test_print_is_the_default(onboard_app, agencies_file: Path):
    result = invoke(
        onboard_app,
        "offboard", "agency-lapor", "--agencies-file", str(agencies_file),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].endswith("delete_user agency-lapor")
    assert '"agency-lapor"' in agencies_file.read_text()


def test_offboard_refuses_a_user_that_is_not_an_agency(onboard_app, agencies_file: Path):
    result = invoke(
        onboard_app, "offboard", "guest", "--apply", "--agencies-file", str(agencies_file)
    )
    assert result.exit_code == 2
    assert "'guest' does not match" in result.output


def test_an_invalid_agencies_file_is_refused(onboard_app, agencies_file: Path):
    agencies_file.write_text('{"agencies": [{"user": "agency-x"}]}')
    result = invoke(
        onboard_app,
        "onboard", "agency-bkd", "--source", "/agencies/bkd", "--type", "AbsenceRecorded",
        "--agencies-file", str(agencies_file),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "agencies[0] (agency-x).sources: missing" in result.output
