"""GET /api/v1/employees/{nip}/follow-ups over a database filled through the real consumer, read
by the ASN themselves (their bearer token); who else may read is tests/integration/
test_sanctions_authorisation.py."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from asn_sanctions.api import ROUTERS
from asn_sanctions.settings import SanctionsSettings
from asn_shared.messaging.consumer import Outcome
from asn_shared.runtime.http import service_api
from tests.identity import ActingAs
from tests.unit.sanctions_harness import NIP, rated_event, sanctions_harness

EMPLOYEE_PATH = re.compile(r"/employees/([0-9]{18})/")


class TheEmployee(ActingAs):
    """A token for the ASN whose follow-ups the path names."""

    def actor(self, request: httpx.Request) -> str | None:
        found = EMPLOYEE_PATH.search(request.url.path)
        return found.group(1) if found else self.default


@pytest_asyncio.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with sanctions_harness(tmp_path) as harness:
        first = rated_event("SANGAT_KURANG", period="2025")
        for event in (
            first,
            rated_event("SANGAT_BAIK", period="2025", supersedes=first.id),  # after a keberatan
            rated_event("SANGAT_KURANG", period="2026"),
        ):
            assert await harness.deliver(event) is Outcome.APPLIED
        app = service_api("sanctions", ROUTERS, SanctionsSettings())
        app.state.runtime = harness  # the routes need only `.sessions` and `.identity`
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://sanctions",
            auth=TheEmployee(default=NIP),
        ) as http:
            yield http


@pytest.mark.asyncio
async def test_lists_coaching_cases_and_rewards_with_their_status(client):
    response = await client.get(f"/api/v1/employees/{NIP}/follow-ups")

    assert response.status_code == 200
    body = response.json()
    assert body["nip"] == NIP
    cases = [(c["period"], c["status"], c["coaching_type"]) for c in body["coaching_cases"]]
    assert cases == [
        ("2025", "CANCELLED_BY_SUPERSESSION", "KONSELING_KINERJA"),
        ("2026", "OPEN", "KONSELING_KINERJA"),
    ]
    open_case = body["coaching_cases"][1]
    assert (open_case["started_on"], open_case["improvement_deadline"]) == (
        "2026-02-01",
        "2026-08-01",
    )
    assert open_case["legal_basis"] == ["PP 30/2019 Pasal 30-34", "PP 30/2019 Pasal 58"]
    [reward] = body["rewards"]
    assert (reward["period"], reward["status"], reward["reward_type"]) == (
        "2025",
        "GRANTED",
        "PENGHARGAAN",
    )
    assert reward["legal_basis"] == ["PP 30/2019 Pasal 53-55", "UU 20/2023 Pasal 21"]
    [training] = body["training_recommendations"]
    assert (training["period"], training["status"], training["kind"]) == (
        "2025",
        "GRANTED",
        "ADVANCED_TRAINING",
    )
    assert (training["competencies"], training["legal_basis"]) == (
        ["Pelatihan lanjutan"],
        ["UU 20/2023 Pasal 21"],
    )
    assert training["recommended_on"] == "2026-02-01"


@pytest.mark.asyncio
async def test_lists_the_ratings_received_and_which_are_in_force(client):
    body = (await client.get(f"/api/v1/employees/{NIP}/follow-ups")).json()

    ratings = [(r["period"], r["predikat"], r["in_force"]) for r in body["ratings"]]
    assert ratings == [
        ("2025", "SANGAT_KURANG", False),  # superseded by the keberatan's decision
        ("2025", "SANGAT_BAIK", True),
        ("2026", "SANGAT_KURANG", True),
    ]
    assert body["ratings"][1]["supersedes"] == body["ratings"][0]["rated_event_id"]


@pytest.mark.asyncio
async def test_an_asn_without_follow_ups_gets_empty_lists(client):
    response = await client.get("/api/v1/employees/199001012020121001/follow-ups")

    assert response.status_code == 200
    assert response.json() == {
        "nip": "199001012020121001",
        "ratings": [],
        "coaching_cases": [],
        "rewards": [],
        "training_recommendations": [],
    }


@pytest.mark.asyncio
async def test_a_malformed_nip_is_refused(client):
    response = await client.get("/api/v1/employees/12345/follow-ups")
    assert response.status_code == 422
