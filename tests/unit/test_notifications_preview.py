"""`notifications-service preview`: every template renders from the catalog's example event."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from asn_notifications.domain.templates import TEMPLATE_ROLES
from asn_notifications.main import cli
from asn_shared.catalog.export import EXAMPLE_DIR

runner = CliRunner()


@pytest.mark.parametrize(
    ("template", "role"),
    [(t, r) for t, roles in sorted(TEMPLATE_ROLES.items()) for r in sorted(roles)],
)
def test_every_template_previews_for_each_of_its_roles(template: str, role: str) -> None:
    result = runner.invoke(cli, ["preview", template, "--role", role])

    assert result.exit_code == 0, result.output
    subject, _, body = result.output.partition("\n\n")
    assert subject.startswith("Subject: ") and len(subject) > len("Subject: ") + 10
    assert body.rstrip().endswith("mohon tidak membalas pesan ini.")


def test_the_summons_preview_shows_the_hearing_time_in_jakarta() -> None:
    result = runner.invoke(cli, ["preview", "panggilan_pemeriksaan"])

    assert result.exit_code == 0
    assert "Jumat, 24 April 2026" in result.output and "pukul 09.00 WIB" in result.output


def test_another_time_zone_moves_the_hearing_time() -> None:
    result = runner.invoke(cli, ["preview", "panggilan_pemeriksaan", "--timezone", "Asia/Makassar"])
    assert "pukul 10.00 WITA" in result.output


def test_an_event_file_replaces_the_example(tmp_path: Path) -> None:
    text = (EXAMPLE_DIR / "sanction.imposed.v1.json").read_text()
    own = tmp_path / "event.json"
    own.write_text(text.replace("800.1.6.3/117/Disdukcapil/2026", "KEP-99/2026"))

    result = runner.invoke(cli, ["preview", "hukuman_disiplin", "--event", str(own)])

    assert result.exit_code == 0 and "KEP-99/2026" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["preview", "tidak_ada"], "unknown template"),
        (["preview", "skp_disetujui", "--role", "OFFICIAL"], "addresses ASN, not OFFICIAL"),
        (
            ["preview", "hukuman_disiplin", "--event", str(EXAMPLE_DIR / "reward.granted.v1.json")],
            "needs SanctionImposed",
        ),
    ],
)
def test_a_wrong_request_is_refused_with_the_reason(args: list[str], message: str) -> None:
    result = runner.invoke(cli, args)

    assert result.exit_code == 2
    assert message in result.output
