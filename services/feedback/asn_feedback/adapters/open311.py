"""Open311 requests: what GeoReport carries beyond ComplaintReceived, joined to the complaint."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from asn_shared.persistence.records import record
from asn_shared.persistence.timestamps import as_utc

from ..domain.complaints import OPEN311_CHANNEL as CHANNEL
from .records import Open311Request
from .tables import complaint_steps, complaints, open311_requests


def _with_complaint() -> Select[Any]:
    """Each request joined to its complaint (if applied yet) and the time of its last step."""
    last_step = (
        select(complaint_steps.c.complaint_pk, func.max(complaint_steps.c.taken_at).label("at"))
        .group_by(complaint_steps.c.complaint_pk)
        .subquery()
    )
    return select(
        open311_requests,
        complaints.c.status,
        complaints.c.response_due,
        last_step.c.at.label("updated_at"),
    ).select_from(
        open311_requests.outerjoin(
            complaints,
            and_(
                complaints.c.channel == CHANNEL,
                complaints.c.complaint_id == open311_requests.c.service_request_id,
            ),
        ).outerjoin(last_step, last_step.c.complaint_pk == complaints.c.id)
    )


class Open311Repository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, **values: object) -> None:
        await self._session.execute(open311_requests.insert().values(**values))

    async def requests(
        self,
        ids: list[str] | None = None,
        service_code: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 1000,
    ) -> list[Open311Request]:
        """Requests with their complaint's status, response deadline and last step (the
        complaint may not exist yet: the consumer applies ComplaintReceived asynchronously)."""
        query = _with_complaint().order_by(open311_requests.c.requested_at.desc()).limit(limit)
        if ids:
            query = query.where(open311_requests.c.service_request_id.in_(ids))
        if service_code:
            query = query.where(open311_requests.c.service_code == service_code)
        if start:
            query = query.where(open311_requests.c.requested_at >= start)
        if end:
            query = query.where(open311_requests.c.requested_at <= end)
        return [
            _aware(record(Open311Request, r)) for r in (await self._session.execute(query)).all()
        ]


def _aware(row: Open311Request) -> Open311Request:
    """Its times aware, as PostgreSQL hands them back (SQLite: naive UTC)."""
    updated = None if row.updated_at is None else as_utc(row.updated_at)
    return replace(row, requested_at=as_utc(row.requested_at), updated_at=updated)
