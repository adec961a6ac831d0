"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON format, one jurisdiction.

A city app that speaks GeoReport files complaints here: a request becomes ComplaintReceived
(channel OPEN311, complaint_id = service_request_id) through the outbox, the same path as every
channel's, and its location and media stay in `open311_requests`. Services come from
FEEDBACK_OPEN311_SERVICES_FILE (service_code -> unit and category).

Status mapping (GeoReport knows open and closed): closed once the provider decided, re-routed,
archived or the complaint was withdrawn; open before. `status_notes` carries our status. Responses
carry no personal data and no complaint text: a RAHASIA request is not listed at all, and its
own URL answers 404 like an unknown one.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.catalog.vocabulary import Privacy
from asn_shared.logging import get_logger
from asn_shared.persistence.timestamps import as_utc

from . import domain
from .domain import ComplaintStatus as S
from .intake import SealingUnavailable, publish_complaint
from .open311_repository import Open311Repository

log = get_logger(__name__)
router = APIRouter(prefix="/open311/v2", tags=["open311"])
CHANNEL = "OPEN311"
CLOSED = {S.DECIDED, S.NOTIFIED, S.CLOSED, S.REROUTED, S.ARCHIVED, S.WITHDRAWN}
DESCRIPTION_MAX = 4000  # GeoReport v2


def error(status: int, description: str) -> JSONResponse:
    """GeoReport's error body: a list of {code, description}."""
    return JSONResponse([{"code": status, "description": description}], status_code=status)


@router.get("/services.json")
async def services(request: Request) -> list[dict[str, Any]]:
    return [
        {
            "service_code": s.service_code,
            "service_name": s.service_name,
            "description": s.description,
            "metadata": False,
            "type": "realtime",
            "keywords": ",".join(s.keywords),
            "group": s.group,
        }
        for s in request.app.state.runtime.settings.open311_services
    ]


@router.post("/requests.json", response_model=None)
async def create_request(request: Request) -> Any:
    form = {k: v[-1] for k, v in parse_qs((await request.body()).decode("utf-8")).items()}
    settings = request.app.state.runtime.settings
    service = next(
        (s for s in settings.open311_services if s.service_code == form.get("service_code")), None
    )
    if service is None:
        return error(400, "service_code missing or not one of GET services.json")
    if not (form.get("lat") and form.get("long")) and not form.get("address_string"):
        return error(400, "a location is required: lat and long, or address_string")
    try:
        data, extras = _complaint(form, service)
    except (ValidationError, ValueError) as exc:
        return error(400, _first_problem(exc))
    runtime = request.app.state.runtime
    try:
        async with runtime.unit_of_work() as uow:
            await publish_complaint(uow, data, runtime.settings.contact_seal)
            await Open311Repository(uow.session).add(**extras)
    except SealingUnavailable as exc:
        return error(503, str(exc))
    log.info("open311.request", service_code=service.service_code, unit_id=service.unit_id)
    notice = f"Tanda terima {domain.receipt_number(CHANNEL, data.complaint_id)}"
    return [{"service_request_id": data.complaint_id, "service_notice": notice, "account_id": None}]


@router.get("/requests.json")
async def list_requests(request: Request) -> Any:
    query = request.query_params
    ids = [i for i in query.get("service_request_id", "").split(",") if i]
    status = query.get("status")
    if status not in (None, "open", "closed"):
        return error(400, "status is open or closed")
    try:
        start = _when(query.get("start_date"))
        end = _when(query.get("end_date"))
    except ValueError:
        return error(400, "start_date and end_date are ISO 8601 date-times with a time zone")
    async with request.app.state.runtime.sessions() as session:
        rows = await Open311Repository(session).requests(
            ids=ids, service_code=query.get("service_code"), start=start, end=end
        )
    views = [_view(r, request) for r in rows if r.privacy != Privacy.RAHASIA.value]
    return [v for v in views if status is None or v["status"] == status]


@router.get("/requests/{service_request_id}.json")
async def get_request(request: Request, service_request_id: str) -> Any:
    async with request.app.state.runtime.sessions() as session:
        rows = await Open311Repository(session).requests(ids=[service_request_id])
    if not rows or rows[0].privacy == Privacy.RAHASIA.value:
        return error(404, "service request not found")
    return [_view(rows[0], request)]


def _complaint(form: dict[str, str], service: Any) -> tuple[ComplaintReceived, dict[str, Any]]:
    description = form.get("description") or service.service_name
    if len(description) > DESCRIPTION_MAX:
        raise ValueError(f"description is longer than {DESCRIPTION_MAX} characters")
    name = " ".join(p for p in (form.get("first_name"), form.get("last_name")) if p) or None
    now = datetime.now(UTC)
    service_date = form.get("attribute[service_date]") or domain.local_date(now).isoformat()
    data = ComplaintReceived.model_validate(
        {
            "complaint_id": str(uuid.uuid4()),
            "channel": CHANNEL,
            "received_at": now,
            "service_date": service_date,
            "unit_id": service.unit_id,
            "category": service.category,
            "description": description,
            "subject_nip": form.get("attribute[subject_nip]") or None,
            "complainant": {
                "name": name,
                "email": form.get("email") or None,
                "phone": form.get("phone") or None,
                # GeoReport has no privacy field: identity hidden unless the citizen says otherwise
                "privacy": form.get("attribute[privacy]") or Privacy.ANONIM.value,
            },
        }
    )
    extras = {
        "service_request_id": data.complaint_id,
        "service_code": service.service_code,
        "lat": float(form["lat"]) if form.get("lat") else None,
        "long": float(form["long"]) if form.get("long") else None,
        "address": form.get("address_string") or None,
        "media_url": form.get("media_url") or None,
        "privacy": data.complainant.privacy.value,
        "requested_at": now,
    }
    return data, extras


def _first_problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        return f"{where}: {problem['msg']}"  # names the field, never echoes the value
    return str(exc)


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("no time zone")
    return moment


def _view(row: Any, request: Request) -> dict[str, Any]:
    status = S(row.status) if row.status else S.RECEIVED  # not yet applied by the consumer
    services = {s.service_code: s for s in request.app.state.runtime.settings.open311_services}
    service = services.get(row.service_code)
    return {
        "service_request_id": row.service_request_id,
        "status": "closed" if status in CLOSED else "open",
        "status_notes": status.value,
        "service_name": service.service_name if service else None,
        "service_code": row.service_code,
        "description": None,  # may quote personal data: not public
        "agency_responsible": service.unit_id if service else None,
        "service_notice": f"Tanda terima {domain.receipt_number(CHANNEL, row.service_request_id)}",
        "requested_datetime": as_utc(row.requested_at).isoformat(),
        "updated_datetime": as_utc(row.updated_at or row.requested_at).isoformat(),
        "expected_datetime": _expected(row),
        "address": row.address,
        "lat": row.lat,
        "long": row.long,
        "media_url": row.media_url,
    }


def _expected(row: Any) -> str | None:
    due: date | None = row.response_due
    return f"{due.isoformat()}T23:59:59+07:00" if due else None
