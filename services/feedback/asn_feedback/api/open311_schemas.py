"""GeoReport v2's shapes (https://wiki.open311.org/GeoReport_v2): a form-encoded request into
ComplaintReceived and the row kept beside it, a stored request into GeoReport's view, and its
error body. Views carry no personal data and no complaint text."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import ValidationError

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.catalog.vocabulary import Privacy
from asn_shared.persistence.timestamps import as_utc

from ..adapters.records import Open311Request
from ..domain.complaints import OPEN311_CHANNEL as CHANNEL
from ..domain.complaints import ComplaintStatus as S
from ..domain.complaints import local_date, receipt_number
from ..settings import Open311Service

# GeoReport knows open and closed: closed once the provider decided, re-routed, archived or the
# complaint was withdrawn; open before.
CLOSED = {S.DECIDED, S.NOTIFIED, S.CLOSED, S.REROUTED, S.ARCHIVED, S.WITHDRAWN}
DESCRIPTION_MAX = 4000  # GeoReport v2


def error(status: int, description: str) -> JSONResponse:
    """GeoReport's error body: a list of {code, description}."""
    return JSONResponse([{"code": status, "description": description}], status_code=status)


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
    service_date = form.get("attribute[service_date]") or local_date(now).isoformat()
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


def first_problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        return f"{where}: {problem['msg']}"  # names the field, never echoes the value
    return str(exc)


def moment(text: str | None) -> datetime | None:
    """A start_date or end_date: ISO 8601 with a time zone."""
    if not text:
        return None
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError("no time zone")
    return parsed


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
