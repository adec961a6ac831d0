"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON format, one jurisdiction.

A city app that speaks GeoReport files complaints here: a request becomes ComplaintReceived
(channel OPEN311, complaint_id = service_request_id) through the outbox, the same path as every
channel's, and its location and media stay in `open311_requests`. Services come from
FEEDBACK_OPEN311_SERVICES_FILE (service_code -> unit and category).

Status mapping (GeoReport knows open and closed): closed once the provider decided, re-routed,
archived or the complaint was withdrawn; open before. `status_notes` carries our status. Responses
carry no personal data and no complaint text: a RAHASIA request is not listed at all, and its
own URL answers 404 like an unknown one. The shapes are in open311_schemas.py, GeoReport's
parameters and form too: the routes read them themselves, so that a refusal is GeoReport's error
(a 400 naming the field, never the value) and not FastAPI's 422, and OpenAPI documents them.
The shared guard's two refusals come first and in its own shape (README, Open311).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from pydantic import ValidationError

from asn_shared.logging import get_logger

from ..errors import SealingUnavailable
from ..settings import Open311Service
from ..usecases import filing, queries
from .common import reading, transaction
from .open311_schemas import (
    JURISDICTION,
    LIST_REQUESTS,
    POST_REQUEST,
    complaint_from_form,
    error,
    errors,
    first_problem,
    moment,
    notice,
    request_view,
    service_view,
)

log = get_logger(__name__)
router = APIRouter(prefix="/open311/v2", tags=["open311"])


@router.get("/services.json", openapi_extra={"parameters": [JURISDICTION]})
async def services(request: Request) -> list[dict[str, Any]]:
    return [service_view(s) for s in request.app.state.runtime.settings.open311_services]


@router.post(
    "/requests.json",
    response_model=None,
    openapi_extra=POST_REQUEST,
    responses=errors(
        {
            400: "A field missing or not valid (named, never echoed); a body that is not UTF-8",
            503: "Contact details given, and they cannot be sealed (FEEDBACK_CONTACT_KEY not set)",
        }
    ),
)
async def create_request(request: Request) -> Any:
    """A GeoReport request, form-encoded (the body of this operation in OpenAPI)."""
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        return error(400, "the body is not UTF-8 form data (application/x-www-form-urlencoded)")
    form = {k: v[-1] for k, v in parse_qs(text).items()}
    settings = request.app.state.runtime.settings
    service = next(
        (s for s in settings.open311_services if s.service_code == form.get("service_code")), None
    )
    if service is None:
        return error(400, "service_code missing or not one of GET services.json")
    if not (form.get("lat") and form.get("long")) and not form.get("address_string"):
        return error(400, "a location is required: lat and long, or address_string")
    try:
        data, extras = complaint_from_form(form, service, now=request.app.state.runtime.clock())
    except (ValidationError, ValueError) as exc:
        return error(400, first_problem(exc))
    try:
        async with transaction(request) as uow:
            await filing.file_open311_request(uow, data, extras)
    except SealingUnavailable as exc:
        return error(503, exc.message)
    log.info("open311.request", service_code=service.service_code, unit_id=service.unit_id)
    return [
        {
            "service_request_id": data.complaint_id,
            "service_notice": notice(data.complaint_id),
            "account_id": None,
        }
    ]


@router.get(
    "/requests.json",
    openapi_extra=LIST_REQUESTS,
    responses=errors({400: "status, start_date or end_date not valid (named, never echoed)"}),
)
async def list_requests(request: Request) -> Any:
    query = request.query_params
    ids = [i for i in query.get("service_request_id", "").split(",") if i]
    status = query.get("status")
    if status not in (None, "open", "closed"):
        return error(400, "status is open or closed")
    try:
        start = moment(query.get("start_date"))
        end = moment(query.get("end_date"))
    except ValueError:
        return error(400, "start_date and end_date are ISO 8601 date-times with a time zone")
    async with reading(request) as reader:
        rows = await queries.public_requests(
            reader, ids=ids, service_code=query.get("service_code"), start=start, end=end
        )
    views = [request_view(r, _services(request)) for r in rows]
    return [v for v in views if status is None or v["status"] == status]


@router.get(
    "/requests/{service_request_id}.json",
    openapi_extra={"parameters": [JURISDICTION]},
    responses=errors({404: "No such request, or a RAHASIA one"}),
)
async def get_request(request: Request, service_request_id: str) -> Any:
    async with reading(request) as reader:
        rows = await queries.public_requests(reader, ids=[service_request_id])
    if not rows:
        return error(404, "service request not found")
    return [request_view(rows[0], _services(request))]


def _services(request: Request) -> dict[str, Open311Service]:
    return {s.service_code: s for s in request.app.state.runtime.settings.open311_services}
