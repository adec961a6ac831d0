"""The people and agencies around the running system, as test clients: an agency publishing over
AMQP with confirms, a person using a service's HTTP API with a bearer token of the session's
development issuer, and patience for asynchronous consumers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

import aio_pika
import httpx

from asn_deploy.identity.files import IssuerFiles
from asn_shared.catalog import EventData, event_model
from asn_shared.envelope import new_event
from asn_shared.messaging.topology import EVENTS_EXCHANGE
from tests.identity import ActingAs


class Tokens:
    """Bearer tokens of the e2e session's development issuer (asn_deploy.identity), which the
    services started by these tests verify over HTTP.

    - `acting(default)`: an httpx auth for a client; each request gets a token for the person it
      acts as, the one its JSON body names in an actor field (`actor_nip`, `assessor_nip`,
      `decided_by_nip`, ..., then `nip`) or the `/people/{nip}/` of its path (tests/identity.py),
      else `default` (who reads, in that client).
    - `bearer(nip, *roles)`: the headers of one request made as `nip`, e.g. with a role
      (`unit-admin` names complaint officials, `auditor` reads the delivery log).
    """

    def __init__(self, files: IssuerFiles) -> None:
        self.files = files

    def token(self, nip: str, roles: Sequence[str] = ()) -> str:
        return self.files.token(nip, roles)

    def acting(self, default: str | None = None) -> ActingAs:
        return ActingAs(default, mint=self.token)

    def bearer(self, nip: str, *roles: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(nip, roles)}"}


class Unit:
    """A unit's people and the other agencies, as clients of the running system."""

    def __init__(self, unit_id: str, http: httpx.AsyncClient, amqp_url: str) -> None:
        self.unit_id, self.http, self.amqp_url = unit_id, http, amqp_url

    async def publish(self, *payloads: EventData, source: str) -> None:
        """Another agency publishes over AMQP with confirms, as the contract asks."""
        connection = await aio_pika.connect(self.amqp_url)
        async with connection:
            channel = await connection.channel(publisher_confirms=True)
            exchange = await channel.get_exchange(EVENTS_EXCHANGE)
            for payload in payloads:
                event = new_event(payload, source=source)
                message = aio_pika.Message(
                    event.to_json_bytes(),
                    content_type="application/cloudevents+json",
                    delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                    message_id=event.id,
                )
                await exchange.publish(
                    message, routing_key=event_model(event.type).routing_key(), mandatory=True
                )

    async def call(self, method: str, path: str, expect: int = 200, **kw: Any) -> Any:
        response = await self.http.request(method, f"/api/v1{path}", **kw)
        assert response.status_code == expect, f"{method} {path}: {response.text}"
        return response.json()

    async def assess(self, nip: str, period: str, role: str, assessor: str, **kw: Any) -> None:
        body = {"nip": nip, "period": period, "assessor_nip": assessor, "assessor_role": role}
        await self.call("POST", "/assessments", 202, json={**body, **kw})

    async def standing(self, period: str) -> dict[str, Any]:
        return await self.call("GET", f"/units/{self.unit_id}/periods/{period}")


async def eventually(probe: Callable[[], Any], what: str, timeout: float = 60.0) -> Any:
    """Poll until `probe` returns something truthy (consumers apply events asynchronously)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        if result := await probe():
            return result
        assert asyncio.get_running_loop().time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.25)
