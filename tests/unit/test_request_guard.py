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


@router.get("/people/{nip}/preferences")
async def preferences(nip: str) -> dict[str, str]:
    return {"nip": nip}


@router.put("/people/{nip}/preferences")
async def change_preferences(nip: str, body: Complaint) -> dict[str, str]:
    return {"nip": nip}


@pytest.mark.parametrize(
    ("method", "url", "content", "content_type"),
    [
        ("GET", "/people/a%00b/preferences", None, None),  # in the path
        ("GET", "/people/ab/preferences?q=x%00y", None, None),  # in the query
        ("POST", "/complaints/u1", b'{"text": "a\\u0000b", "count": 1}', "application/json"),
        ("POST", "/complaints/u1", b"text=a%00b&count=1", "application/x-www-form-urlencoded"),
    ],
)
async def test_a_nul_character_is_refused_with_400_wherever_it_comes(
    client, method, url, content, content_type
):
    headers = {"content-type": content_type} if content_type else {}
    refused = await client.request(method, url, content=content, headers=headers)
    assert refused.status_code == 400
    assert refused.json() == {"detail": {"message": "NUL characters are not accepted"}}


async def test_percent_zero_zero_in_json_text_is_just_text(client):
    kept = await client.post("/complaints/u1", json={"text": "diskon 50%00 hari ini", "count": 1})
    assert kept.status_code == 200


async def test_a_405_allows_every_method_of_the_path(client):
    answer = await client.delete("/people/198703122010011004/preferences")
    assert answer.status_code == 405 and answer.headers["allow"] == "GET, PUT"


async def test_every_operation_declares_400(client):
    schema = (await client.get("/openapi.json")).json()
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert "400" in operation["responses"]
