"""What every service's HTTP app does for every request (asn_shared.runtime.guard): a request id,
the body limit, no bare 500, and 422s that never echo what was sent. Driven through
`service_api`, the builder both the runtime and the tests use."""

from __future__ import annotations

import json

import httpx
import pytest
import structlog
from fastapi import APIRouter
from pydantic import BaseModel, model_validator

from asn_shared.runtime.http import service_api
from asn_shared.settings import ServiceSettings

router = APIRouter()
SECRET = "Diminta biaya tambahan oleh petugas loket"


class Complaint(BaseModel):
    text: str
    count: int

    @model_validator(mode="after")
    def _sane(self) -> Complaint:
        if self.count < 0:
            raise ValueError("count must not be negative")  # pydantic keeps the exception in ctx
        return self


@router.post("/complaints/{unit_id}")
async def file(unit_id: str, body: Complaint) -> dict[str, int]:
    return {"length": len(body.text)}


@router.get("/broken/{nip}")
async def broken(nip: str) -> dict[str, str]:
    raise RuntimeError(f"a bug that mentions {nip}")


@pytest.fixture
async def client():
    app = service_api("probe", [router], ServiceSettings(ASN_HTTP_MAX_BODY_BYTES=2048))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://probe") as client:
        yield client


async def test_a_request_id_is_kept_when_plain_and_made_otherwise(client):
    given = await client.post("/complaints/u1", json={"text": "a", "count": 1},
                              headers={"X-Request-ID": "abc-123"})  # fmt: skip
    assert given.status_code == 200 and given.headers["x-request-id"] == "abc-123"
    made = await client.post("/complaints/u1", json={"text": "a", "count": 1},
                             headers={"X-Request-ID": "not plain; DROP TABLE"})  # fmt: skip
    assert made.headers["x-request-id"] != "not plain; DROP TABLE"
    assert len(made.headers["x-request-id"]) == 32


async def test_a_body_over_the_limit_is_413_by_its_length_and_while_it_streams(client):
    big = json.dumps({"text": "x" * 4000, "count": 1}).encode()
    declared = await client.post("/complaints/u1", content=big,
                                 headers={"content-type": "application/json"})  # fmt: skip
    assert declared.status_code == 413
    assert declared.json() == {"detail": {"message": "the request body is larger than 2048 bytes"}}

    async def chunks():
        for start in range(0, len(big), 500):
            yield big[start : start + 500]

    streamed = await client.post("/complaints/u1", content=chunks(),
                                 headers={"content-type": "application/json"})  # fmt: skip
    assert streamed.status_code == 413 and "content-length" not in streamed.request.headers
    small = await client.post("/complaints/u1", json={"text": "x" * 1000, "count": 1})
    assert small.status_code == 200


async def test_an_unhandled_error_is_a_json_500_logged_with_the_request_id(client):
    with structlog.testing.capture_logs() as logs:
        answer = await client.get("/broken/198703122010011004", headers={"X-Request-ID": "r-9"})
    assert answer.status_code == 500
    assert answer.json() == {"detail": {"message": "internal error", "request_id": "r-9"}}
    [line] = [entry for entry in logs if entry["event"] == "http.unhandled_error"]
    assert line["route"] == "/broken/{nip}" and line["method"] == "GET"
    assert line["log_level"] == "error" and line["exc_info"] is True


@pytest.mark.parametrize(
    "body",
    [
        {"text": SECRET, "count": "many"},  # a type error: pydantic's input is the whole value
        {"text": SECRET, "count": -1},  # a validator's ValueError: ctx holds the exception
        {"count": 1, "extra": SECRET},  # a missing field: its input is the whole body
    ],
)
async def test_a_refusal_names_the_field_and_never_echoes_the_input(client, body):
    refused = await client.post("/complaints/u1", json=body)
    assert refused.status_code == 422
    assert SECRET not in refused.text and "many" not in refused.text
    problems = refused.json()["detail"]
    assert problems and all(set(p) == {"type", "loc", "msg"} for p in problems)


async def test_operations_with_a_body_declare_413(client):
    schema = (await client.get("/openapi.json")).json()
    assert "413" in schema["paths"]["/complaints/{unit_id}"]["post"]["responses"]
    assert "413" not in schema["paths"]["/broken/{nip}"]["get"]["responses"]
