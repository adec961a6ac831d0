"""The notifications API against bad input, on both engines: no 500 from what a caller sends, no
refusal that echoes it, the statuses the OpenAPI document declares, and times that keep their
offset. The app is the one production serves (`service_api`, through the harness).

Found by schemathesis or by probing its findings further (tests/integration/
test_notifications_schemathesis.py runs the generated cases): a NUL in a notice's id or in the
delivery log's `trigger_event_id` was a 500 on PostgreSQL (it cannot store or compare one);
a refused preference echoed the template sent; the 404 of marking a notice read named the id
and the NIP sent, and was not declared.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import pytest_asyncio

from asn_shared.identity.caller import Role
from tests.identity import bearer
from tests.unit.notifications_harness import (
    ASN,
    AUDITOR,
    example,
    notifications_app,
    notifications_harness,
)

pytestmark = pytest.mark.integration

AS_AUDITOR = bearer(AUDITOR, [Role.AUDITOR.value])
OPENAPI = notifications_app().openapi()


@pytest_asyncio.fixture
async def harness(tmp_path: Path, database_url: str):
    async with notifications_harness(tmp_path, database_url=database_url) as harness:
        await harness.know_people()
        await harness.deliver(example("reward.granted.v1"))
        yield harness


@pytest.mark.parametrize("nul", ["a%00b", "%00"], ids=["nul inside", "nul alone"])
async def test_a_nul_in_an_id_is_400_before_any_route_not_500(harness, nul):
    """PostgreSQL cannot store or compare NUL: the shared guard refuses it (runtime/guard.py)."""
    async with harness.http() as http:
        log = await http.get(f"/api/v1/notifications?trigger_event_id={nul}", headers=AS_AUDITOR)
        read = await http.post(f"/api/v1/people/{ASN}/inbox/{nul}/read")
    for answer in (log, read):
        assert answer.status_code == 400, answer.text
        assert answer.json() == {"detail": {"message": "NUL characters are not accepted"}}


async def test_control_characters_in_ids_are_422_not_500(harness):
    async with harness.http() as http:
        log = await http.get("/api/v1/notifications?trigger_event_id=x%1Fy", headers=AS_AUDITOR)
        read = await http.post(f"/api/v1/people/{ASN}/inbox/x%1Fy/read")
    assert log.status_code == 422, log.text
    assert log.json()["detail"][0]["loc"] == ["query", "trigger_event_id"]
    assert read.status_code == 422, read.text
    assert read.json()["detail"][0]["loc"] == ["path", "notification_id"]


async def test_a_refused_preference_names_the_field_never_the_value(harness):
    secret = "nama_templat_rahasia_yang_tidak_ada"
    async with harness.http() as http:
        unknown = await http.put(
            f"/api/v1/people/{ASN}/preferences",
            json={"channel": "EMAIL", "template": secret, "enabled": True},
        )
        critical = await http.put(
            f"/api/v1/people/{ASN}/preferences",
            json={"channel": "INBOX", "template": "panggilan_pemeriksaan", "enabled": False},
        )
        loose = await http.put(
            f"/api/v1/people/{ASN}/preferences", json={"channel": "EMAIL", "enabled": 0}
        )
        unreadable = await http.put(
            f"/api/v1/people/{ASN}/preferences",
            content=b'{"channel": "EMAIL", "template": "\xff\xfe", "enabled": true}',
            headers={"content-type": "application/json"},
        )
    for refused in (unknown, critical):
        assert refused.status_code == 422, refused.text
        [problem] = refused.json()["detail"]
        assert set(problem) == {"type", "loc", "msg"} and problem["loc"] == ["body", "template"]
    assert secret not in unknown.text
    assert "panggilan_pemeriksaan" not in critical.text and "critical" in critical.text
    # JSON as written: 0 is not false (strict), and the refusal does not quote it back.
    assert loose.status_code == 422 and loose.json()["detail"][0]["loc"] == ["body", "enabled"]
    assert "input" not in loose.json()["detail"][0]
    # A body that is not UTF-8 is 400, declared in the document.
    assert unreadable.status_code == 400
    assert "400" in OPENAPI["paths"]["/api/v1/people/{nip}/preferences"]["put"]["responses"]


async def test_marking_a_foreign_notice_read_is_a_declared_404_that_echoes_nothing(harness):
    [theirs, *_] = [r for r in await harness.rows("INBOX") if r.recipient_nip != ASN]
    missing = "00000000-0000-4000-8000-000000000000"
    async with harness.http() as http:
        absent = await http.post(f"/api/v1/people/{ASN}/inbox/{missing}/read")
        foreign = await http.post(f"/api/v1/people/{ASN}/inbox/{theirs.id}/read")
    for refused in (absent, foreign):
        assert refused.status_code == 404
        assert refused.json() == {"detail": {"message": "no such notice in this inbox"}}
    assert missing not in absent.text and ASN not in absent.text
    operation = OPENAPI["paths"]["/api/v1/people/{nip}/inbox/{notification_id}/read"]["post"]
    assert "404" in operation["responses"]


async def test_a_body_over_the_limit_is_413_with_a_request_id(harness):
    async with harness.http() as http:
        big = await http.put(
            f"/api/v1/people/{ASN}/preferences",
            json={"channel": "EMAIL", "template": "x" * 1_100_000, "enabled": True},
            headers={"X-Request-ID": "probe-1"},
        )
    assert big.status_code == 413 and big.headers["x-request-id"] == "probe-1"
    assert "x" * 100 not in big.text


def _aware(value: str | None) -> bool:
    return value is None or datetime.fromisoformat(value).utcoffset() is not None


async def test_every_time_read_back_is_aware(harness):
    """SQLite hands timestamps back naive; the API writes each with its offset anyway."""
    async with harness.http() as http:
        [notice, *_] = (await http.get(f"/api/v1/people/{ASN}/inbox")).json()
        read = (await http.post(f"/api/v1/people/{ASN}/inbox/{notice['id']}/read")).json()
        log = (await http.get("/api/v1/notifications", headers=AS_AUDITOR)).json()
    assert read["read_at"] and read["created_at"].endswith("+00:00")
    times = [read["created_at"], read["read_at"], notice["created_at"]]
    times += [row[key] for row in log for key in ("created_at", "sent_at", "read_at")]
    assert all(_aware(t) for t in times), times
    assert any(row["read_at"] for row in log)
