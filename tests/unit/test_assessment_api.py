"""The assessment query API answers a malformed NIP with a field-level 422."""

import httpx
from fastapi import FastAPI

from asn_assessment.api import router


async def test_malformed_nip_is_a_422_naming_the_field() -> None:
    app = FastAPI()
    app.include_router(router)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        response = await c.get("/api/v1/employees/12345/ratings")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "nip"]
