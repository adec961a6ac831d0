"""Open311 GeoReport v2 against the feedback service, spoken by a client that knows only the
GeoReport spec: form-encoded POST, `.json` resources, lists in every response, errors as
[{code, description}]. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.integration.test_feedback_handling import DESK, OFFICIALS
from tests.integration.test_feedback_satisfaction import UNIT, feedback

SERVICES = [
    {
        "service_code": "KTP-EL",
        "service_name": "Pelayanan KTP-el",
        "group": "Kependudukan",
        "keywords": ["ktp", "e-ktp"],
        "unit_id": UNIT,
        "category": "pelayanan-ktp",
    },
    {
        "service_code": "AKTA",
        "service_name": "Akta Kelahiran",
        "unit_id": UNIT,
        "category": "akta-kelahiran",
    },
]


@dataclass
class GeoReportClient:
    """A GeoReport v2 client (JSON format): base URL, jurisdiction, the calls of the spec."""

    http: httpx.AsyncClient
    base: str = "/open311/v2"
    jurisdiction_id: str = "kotabumi.go.id"

    async def services(self) -> list[dict[str, Any]]:
        return (
            await self.http.get(
                f"{self.base}/services.json", params={"jurisdiction_id": self.jurisdiction_id}
            )
        ).json()

    async def post_request(self, **params: str) -> httpx.Response:
        form = {"jurisdiction_id": self.jurisdiction_id, **params}
        return await self.http.post(f"{self.base}/requests.json", data=form)  # urlencoded

    async def get_requests(self, **params: str) -> httpx.Response:
        return await self.http.get(f"{self.base}/requests.json", params=params)

    async def get_request(self, service_request_id: str) -> httpx.Response:
        return await self.http.get(f"{self.base}/requests/{service_request_id}.json")


def services_file(tmp_path: Path) -> Path:
    path = tmp_path / "open311-services.json"
    path.write_text(json.dumps(SERVICES))
    return path


async def test_a_city_app_files_and_tracks_a_request(database_url, tmp_path):
    async with feedback(database_url, open311_services_file=services_file(tmp_path)) as f:
        client = GeoReportClient(f.client)
        listed = await client.services()
        assert [s["service_code"] for s in listed] == ["KTP-EL", "AKTA"]
        assert (
            listed[0] | {"keywords": "ktp,e-ktp", "metadata": False, "type": "realtime"}
            == listed[0]
        )

        created = await client.post_request(
            service_code="KTP-EL",
            lat="-4.8357",
            long="104.8786",
            description="Antrean KTP-el tidak dilayani sejak pagi",
            first_name="Rina",
            last_name="Wulandari",
            email="rina@contoh.id",
            media_url="https://contoh.id/foto.jpg",
        )
        assert created.status_code == 200, created.text
        [receipt] = created.json()
        request_id = receipt["service_request_id"]
        assert receipt["service_notice"].startswith("Tanda terima TT-")
        [pending] = (await client.get_request(request_id)).json()  # before the consumer ran
        assert (pending["status"], pending["status_notes"]) == ("open", "RECEIVED")

        assert await f.pump() == 1
        [event] = await f.outbox("ComplaintReceived")
        assert event["data"]["channel"] == "OPEN311" and event["data"]["unit_id"] == UNIT
        assert event["data"]["complainant"] == {"privacy": "ANONIM"}  # the contact is sealed
        assert "sealedcontact" in event and "rina@contoh.id" not in json.dumps(event)
        await f.admin.put(f"/api/v1/units/{UNIT}/complaint-officials", json=OFFICIALS)
        steps = f"/api/v1/complaints/OPEN311/{request_id}/steps"
        for body in (
            {"action": "VERIFY_COMPLETE", "actor_nip": DESK},
            {"action": "DECIDE", "actor_nip": OFFICIALS["head_nip"], "decision": "TIDAK_TERBUKTI"},
        ):
            assert (await f.client.post(steps, json=body)).status_code == 200
        [closed] = (await client.get_request(request_id)).json()
        assert (closed["status"], closed["status_notes"]) == ("closed", "DECIDED")
        assert (closed["lat"], closed["long"]) == (-4.8357, 104.8786)
        assert closed["expected_datetime"].endswith("T23:59:59+07:00")
        assert "Rina" not in json.dumps(closed) and "rina@contoh.id" not in json.dumps(closed)
        assert closed["description"] is None

        opened = (await client.get_requests(status="open")).json()
        assert opened == []
        assert [
            r["service_request_id"]
            for r in (await client.get_requests(service_request_id=request_id)).json()
        ] == [request_id]


async def test_georeport_errors_and_confidential_requests(database_url, tmp_path):
    async with feedback(database_url, open311_services_file=services_file(tmp_path)) as f:
        client = GeoReportClient(f.client)
        unknown = await client.post_request(service_code="SAMPAH", address_string="Jl. Merdeka 1")
        assert unknown.status_code == 400
        assert unknown.json() == [
            {"code": 400, "description": "service_code missing or not one of GET services.json"}
        ]
        nowhere = await client.post_request(service_code="AKTA", description="x")
        assert nowhere.status_code == 400 and "location" in nowhere.json()[0]["description"]
        bad_email = await client.post_request(
            service_code="AKTA", address_string="Jl. A", email="bukan-email"
        )
        assert bad_email.status_code == 400
        assert "bukan-email" not in bad_email.text and "email" in bad_email.json()[0]["description"]
        secret = await client.post_request(
            service_code="AKTA", address_string="Jl. B", **{"attribute[privacy]": "RAHASIA"}
        )
        [receipt] = secret.json()
        hidden = await client.get_request(receipt["service_request_id"])
        assert hidden.status_code == 404 and hidden.json()[0]["code"] == 404
        assert (await client.get_requests()).json() == []
        bad_status = await client.get_requests(status="pending")
        assert bad_status.status_code == 400
