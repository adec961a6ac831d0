"""The in-app inbox of one person, over HTTP.

The inbox is the INBOX rows of a NIP: the same rendered notice a mail would carry, readable in
the agency's portal, marked read by the ASN. The person alone may read it or mark it read
(domain/permissions.py): a bearer token with their NIP; anybody else gets 403.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from asn_shared.catalog.vocabulary import Nip
from asn_shared.identity.http import AUTH_ERRORS, AUTHENTICATED, Authenticated

from ..domain.permissions import may_use_inbox
from ..usecases.inbox import list_inbox, mark_notice_read
from .common import acting, permitted, unit_of_work_for
from .schemas import NOT_IN_INBOX, NOTIFICATION_ID, InboxItem, inbox_item

NipPath = Annotated[Nip, Path()]


async def inbox_owner(caller: Authenticated, nip: NipPath) -> None:
    """Before anything is read: the caller is the person whose inbox this is."""
    permitted(may_use_inbox(caller, nip))


router = APIRouter(
    prefix="/api/v1/people/{nip}",
    tags=["inbox and preferences"],
    dependencies=[*AUTHENTICATED, Depends(inbox_owner)],
    responses=AUTH_ERRORS,
)


@router.get("/inbox", response_model=list[InboxItem])
async def inbox(
    request: Request,
    nip: NipPath,
    unread: bool = Query(default=False, description="Only notices not yet read."),
    limit: int = Query(default=50, ge=1, le=500),
) -> list[dict[str, object]]:
    """The person's in-app notices, newest first. The person alone (403 for anybody else)."""
    async with unit_of_work_for(request) as uow:
        notices = await list_inbox(uow, nip, unread_only=unread, limit=limit)
    return [inbox_item(n) for n in notices]


@router.post("/inbox/{notification_id}/read", response_model=InboxItem, responses=NOT_IN_INBOX)
async def mark_read(
    request: Request,
    caller: Authenticated,
    nip: NipPath,
    notification_id: Annotated[
        str, Path(max_length=36, pattern=NOTIFICATION_ID, description="The notice's id (a UUID).")
    ],
) -> dict[str, object]:
    """Mark one notice read; reading it again keeps the first time. The person alone (403 for
    anybody else); 404: not in this inbox. The first reading is published as `NotificationRead`
    (the caller its actor)."""
    async with acting(request, caller) as uow:
        notice = await mark_notice_read(uow, caller.nip, nip, notification_id)
    return inbox_item(notice)
