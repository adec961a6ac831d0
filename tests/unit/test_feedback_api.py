"""The public complaint queries: status by the channel's id, unit summary, nothing personal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
import pytest_asyncio

import asn_feedback
from asn_feedback.adapters.complaints import ComplaintRepository
from asn_feedback.api.complaints import router
from asn_feedback.domain.complaints import ComplaintStatus
from asn_feedback.settings import FeedbackSettings
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.runtime.http import service_api
from tests.support import migrate

MIGRATIONS = Path(asn_feedback.__file__).parent / "migrations"
PERSONAL = ("Budi Santoso", "budi@contoh.id", "+62 811-0000-1111")


def row(complaint_id: str, privacy: str, unit_id: str = "dukcapil-kotabumi") -> dict[str, object]:
    name, email, phone = PERSONAL
    return {
        "channel": "SP4N-LAPOR!",
        "complaint_id": complaint_id,
        "source": "/agencies/lapor",
        "event_id": f"evt-{complaint_id}",
        "unit_id": unit_id,
        "subject_nip": "198703122010011004",
        "category": "pelayanan-ktp",
        "description": "Antrean tidak dilayani.",
        "privacy": privacy,
        "complainant_name": name,
        "complainant_email": email,
        "complainant_phone": phone,
        "service_date": date(2026, 3, 1),
        "received_at": datetime(2026, 3, 2, 2, 0, tzinfo=UTC),
        "receipt_number": f"TT-TEST-{complaint_id}",
        "status": "RECEIVED",
        "response_due": date(2026, 3, 16),
        "late_filing": False,
        "created_at": datetime(2026, 3, 2, 2, 0, 1, tzinfo=UTC),
    }


@pytest_asyncio.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'feedback.db'}"
    await migrate(MIGRATIONS, url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        repo = ComplaintRepository(session)
        await repo.add(**row("PUB-1", "PUBLIK"))
        await repo.add(**row("ANON-1", "ANONIM"))
        await repo.add(**row("SECRET-1", "RAHASIA"))
        await repo.add(**row("OTHER-1", "PUBLIK", unit_id="disdik-kotabumi"))
    app = service_api("feedback", [router], FeedbackSettings())  # what the runtime serves
    app.state.runtime = SimpleNamespace(sessions=sessions)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://feedback") as http:
        yield http
    await engine.dispose()


@pytest.mark.asyncio
@pytest.mark.parametrize("complaint_id", ["PUB-1", "ANON-1"])
async def test_status_by_channel_id_without_complainant_identity(client, complaint_id):
    response = await client.get(f"/api/v1/complaints/SP4N-LAPOR%21/{complaint_id}")

    assert response.status_code == 200
    assert response.json() == {
        "channel": "SP4N-LAPOR!",
        "complaint_id": complaint_id,
        "receipt_number": f"TT-TEST-{complaint_id}",
        "status": "RECEIVED",
        "unit_id": "dukcapil-kotabumi",
        "response_due": "2026-03-16",
        "late_filing": False,
    }
    for personal in PERSONAL:
        assert personal not in response.text


@pytest.mark.asyncio
async def test_rahasia_complaint_is_indistinguishable_from_an_unknown_one(client):
    secret = await client.get("/api/v1/complaints/SP4N-LAPOR%21/SECRET-1")
    unknown = await client.get("/api/v1/complaints/SP4N-LAPOR%21/NOPE-1")

    assert secret.status_code == unknown.status_code == 404
    assert secret.json() == unknown.json()


@pytest.mark.asyncio
async def test_unit_summary_counts_by_status(client):
    response = await client.get("/api/v1/units/dukcapil-kotabumi/complaints/summary")

    assert response.status_code == 200
    # RAHASIA complaints count: a number reveals neither the complaint nor who made it.
    body = response.json()
    assert (body["unit_id"], body["total"], body["by_status"]["RECEIVED"]) == (
        "dukcapil-kotabumi",
        3,
        3,
    )
    # every status is listed, zero included, so a dashboard's columns never move
    assert set(body["by_status"]) == {s.value for s in ComplaintStatus}
    assert sum(body["by_status"].values()) == 3
    for personal in PERSONAL:
        assert personal not in response.text


@pytest.mark.asyncio
async def test_unit_without_complaints_has_zero_counts(client):
    response = await client.get("/api/v1/units/unknown-unit/complaints/summary")

    assert response.json() == {
        "unit_id": "unknown-unit",
        "total": 0,
        "by_status": {s.value: 0 for s in ComplaintStatus},
    }
