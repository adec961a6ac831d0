"""GeoReport v2's shapes (https://wiki.open311.org/GeoReport_v2): a form-encoded request into
ComplaintReceived and the row kept beside it, a stored request into GeoReport's view, and its
error body. Views carry no personal data and no complaint text."""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import ValidationError

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.catalog.vocabulary import Privacy
from asn_shared.persistence.timestamps import as_utc

from ..adapters.records import Open311Request
from ..domain.complaints import OPEN311_CHANNEL as CHANNEL
from ..domain.complaints import ComplaintStatus as S
from ..domain.complaints import local_date, receipt_number, service_date_refusal
from ..settings import Open311Service
from .schemas import ISO_DATE, NO_NUL

# GeoReport knows open and closed: closed once the provider decided, re-routed, archived or the
# complaint was withdrawn; open before.
CLOSED = {S.DECIDED, S.NOTIFIED, S.CLOSED, S.REROUTED, S.ARCHIVED, S.WITHDRAWN}
DESCRIPTION_MAX = 4000  # GeoReport v2


def error(status: int, description: str) -> JSONResponse:
    """GeoReport's error body: a list of {code, description}."""
    return JSONResponse([{"code": status, "description": description}], status_code=status)


# --- OpenAPI: GeoReport's parameters, read by the routes themselves (so that a refusal is
# GeoReport's error, not FastAPI's 422), documented here -----------------------------------------

ERROR_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
        "required": ["code", "description"],
    },
}
# What asn_shared's request guard answers before any route (a NUL character: 400; a body over
# ASN_HTTP_MAX_BODY_BYTES: 413): its own JSON, not GeoReport's list (README, Open311).
GUARD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"detail": {"type": "object"}},
    "required": ["detail"],
}


def errors(statuses: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` of GeoReport errors, by status; a 400 may also be the guard's."""
    return {
        status: {
            "description": description,
            "content": {
                "application/json": {
                    "schema": {"anyOf": [ERROR_SCHEMA, GUARD_SCHEMA]}
                    if status == 400
                    else ERROR_SCHEMA
                }
            },
        }
        for status, description in statuses.items()
    }


def _text(description: str, **constraints: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, "pattern": NO_NUL, **constraints}


FORM = "application/x-www-form-urlencoded"
JURISDICTION = {
    "name": "jurisdiction_id",
    "in": "query",
    "required": False,
    "schema": _text("Accepted and ignored: one jurisdiction"),
}
REQUEST_FORM: dict[str, Any] = {
    "type": "object",
    "required": ["service_code"],
    "properties": {
        "jurisdiction_id": _text("Accepted and ignored: one jurisdiction"),
        "service_code": _text("One of GET services.json's", minLength=1),
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "long": {"type": "number", "minimum": -180, "maximum": 180},
        "address_string": _text("Where, when lat and long are not given", minLength=1),
        "description": _text("The complaint (default: the service's name)", maxLength=4000),
        "first_name": _text("The complainant's (sealed, never shown)"),
        "last_name": _text("The complainant's (sealed, never shown)"),
        "email": _text("The complainant's (sealed, never shown)", format="email"),
        "phone": _text("The complainant's (sealed, never shown)"),
        "media_url": _text("A photo or document"),
        "attribute[service_date]": _text("The day of service, not after today", format="date"),
        "attribute[privacy]": {"enum": [p.value for p in Privacy], "default": "ANONIM"},
        "attribute[subject_nip]": _text("The officer complained about", pattern="^[0-9]{18}$"),
    },
    # GeoReport: a location is lat and long, or address_string.
    "anyOf": [{"required": ["lat", "long"]}, {"required": ["address_string"]}],
    # GeoReport's other fields (api_key, device_id, account_id, ...) are accepted and ignored.
    "propertyNames": {"pattern": NO_NUL},
    "additionalProperties": {"type": "string", "pattern": NO_NUL},
}
POST_REQUEST: dict[str, Any] = {
    "parameters": [JURISDICTION],
    "requestBody": {"required": True, "content": {FORM: {"schema": REQUEST_FORM}}},
}
LIST_REQUESTS: dict[str, Any] = {
    "parameters": [
        JURISDICTION,
        {
            "name": "service_request_id",
            "in": "query",
            "required": False,
            "schema": _text("Comma-separated ids (the others are ignored then)"),
        },
        {
            "name": "service_code",
            "in": "query",
            "required": False,
            "schema": _text("A service"),
        },
        *(
            {
                "name": name,
                "in": "query",
                "required": False,
                "schema": _text("ISO 8601 with a time zone", format="date-time"),
            }
            for name in ("start_date", "end_date")
        ),
        {
            "name": "status",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": ["open", "closed"]},
        },
    ]
}


def service_view(service: Open311Service) -> dict[str, Any]:
    return {
        "service_code": service.service_code,
        "service_name": service.service_name,
        "description": service.description,
        "metadata": False,
        "type": "realtime",
        "keywords": ",".join(service.keywords),
        "group": service.group,
    }


def notice(service_request_id: str) -> str:
    return f"Tanda terima {receipt_number(CHANNEL, service_request_id)}"


def complaint_from_form(
    form: Mapping[str, str], service: Open311Service, *, now: datetime
) -> tuple[ComplaintReceived, dict[str, Any]]:
    """The complaint to publish, and the open311_requests row of what it carries beyond it."""
    description = form.get("description") or service.service_name
    if len(description) > DESCRIPTION_MAX:
        raise ValueError(f"description is longer than {DESCRIPTION_MAX} characters")
    name = " ".join(p for p in (form.get("first_name"), form.get("last_name")) if p) or None
    service_date = _service_date(form.get("attribute[service_date]"), now)
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
        "lat": coordinate(form, "lat", 90),
        "long": coordinate(form, "long", 180),
        "address": form.get("address_string") or None,
        "media_url": form.get("media_url") or None,
        "privacy": data.complainant.privacy.value,
        "requested_at": now,
    }
    return data, extras


def _service_date(text: str | None, now: datetime) -> date:
    """attribute[service_date] (default: today in Jakarta): YYYY-MM-DD, not after today."""
    if not text:
        return local_date(now)
    if not ISO_DATE.match(text):
        raise ValueError("attribute[service_date] is a date written YYYY-MM-DD")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError("attribute[service_date] is not a day of the calendar") from None
    if service_date_refusal(day, now) is not None:
        raise ValueError("attribute[service_date] is after today (Asia/Jakarta)")
    return day


def coordinate(form: Mapping[str, str], name: str, limit: int) -> float | None:
    """lat (-90..90) or long (-180..180), a finite number; None when not given."""
    text = form.get(name)
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan  # float()'s message quotes the text: ours does not
    if not math.isfinite(value) or abs(value) > limit:
        raise ValueError(f"{name} is a number from -{limit} to {limit}")
    return value


def first_problem(exc: Exception) -> str:
    """The field and what is wrong with it, never the value sent (our own ValueErrors name no
    value; pydantic's value errors, e.g. an e-mail address's, may quote part of it)."""
    if isinstance(exc, ValidationError):
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        what = "is not valid" if problem["type"] == "value_error" else problem["msg"]
        return f"{where}: {what}"
    return str(exc)


def moment(text: str | None) -> datetime | None:
    """A start_date or end_date: ISO 8601 with a time zone, in UTC (SQLite compares the text);
    None when not given (given empty, it is not valid)."""
    if text is None:
        return None
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError("no time zone")
    try:
        return as_utc(parsed)
    except OverflowError:  # 0001-01-01T00:00+01:00 is before the first day Python counts
        raise ValueError("out of range") from None


def request_view(row: Open311Request, services: Mapping[str, Open311Service]) -> dict[str, Any]:
    status = S(row.status) if row.status else S.RECEIVED  # not yet applied by the consumer
    service = services.get(row.service_code)
    return {
        "service_request_id": row.service_request_id,
        "status": "closed" if status in CLOSED else "open",
        "status_notes": status.value,
        "service_name": service.service_name if service else None,
        "service_code": row.service_code,
        "description": None,  # may quote personal data: not public
        "agency_responsible": service.unit_id if service else None,
        "service_notice": notice(row.service_request_id),
        "requested_datetime": as_utc(row.requested_at).isoformat(),
        "updated_datetime": as_utc(row.updated_at or row.requested_at).isoformat(),
        "expected_datetime": _expected(row),
        "address": row.address,
        "lat": row.lat,
        "long": row.long,
        "media_url": row.media_url,
    }


def _expected(row: Open311Request) -> str | None:
    due = row.response_due
    return f"{due.isoformat()}T23:59:59+07:00" if due else None
