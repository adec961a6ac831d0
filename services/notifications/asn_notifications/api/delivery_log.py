"""Read-only HTTP queries for auditors: delivery status, never addresses or mail text.

The log names who was told of what, so only the auditor role reads it (domain/permissions.py);
anybody else gets 403."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from asn_shared.catalog.vocabulary import Nip
from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated

from ..domain.permissions import may_read_delivery_log
from ..usecases.delivery_log import delivery_log
from .common import permitted, unit_of_work_for
from .schemas import EVENT_ID, DeliveryChannel, Status, StatusItem, status_item


async def auditor(caller: Authenticated) -> None:
    """Before anything is read: the caller holds the auditor role."""
    permitted(may_read_delivery_log(caller))


router = APIRouter(
    prefix="/api/v1",
    tags=["notifications"],
    dependencies=[*AUTHENTICATED, Depends(auditor)],
    responses=AUTH_ERRORS,
)


@router.get("/notifications", response_model=list[StatusItem])
async def notification_status(
    request: Request,
    trigger_event_id: str | None = Query(default=None, max_length=200, pattern=EVENT_ID),
    recipient_nip: Nip | None = Query(default=None),
    channel: DeliveryChannel | None = Query(default=None),
    status: Status | None = Query(default=None),
    limit: int = Query(default=100, ge=1, le=1000),
) -> list[dict[str, object]]:
    """The delivery log: notifications of a trigger event, a recipient or a channel (or the
    newest ones), newest first. The auditor role alone (403 for anybody else)."""
    async with unit_of_work_for(request) as uow:
        rows = await delivery_log(
            uow,
            trigger_event_id=trigger_event_id,
            recipient_nip=recipient_nip,
            channel=channel,
            status=status,
            limit=limit,
        )
    return [status_item(r) for r in rows]
