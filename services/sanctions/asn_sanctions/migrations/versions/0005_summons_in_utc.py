"""A summons's moment in UTC on SQLite, as every other moment.

SQLite keeps a TIMESTAMP WITH TIME ZONE as text without its offset. Every moment the service
writes was already in UTC except a summons's `scheduled_at`, written with the offset the official
gave (09:00+07:00 became a bare 09:00). The tables now write and read each moment in UTC
(adapters/tables.py `Moment`); this rewrites the summonses already stored, from the moment their
summons step recorded with its offset (`case_steps.details.scheduled_at`; one given without an
offset was read as Jakarta time, and still is). PostgreSQL kept the instant: nothing to do.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

JAKARTA = ZoneInfo("Asia/Jakarta")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    cases = sa.table(
        "disciplinary_cases", sa.column("case_id", sa.Uuid), sa.column("scheduled_at", sa.DateTime)
    )
    steps = sa.table(
        "case_steps",
        sa.column("id", sa.Integer),
        sa.column("case_id", sa.Uuid),
        sa.column("step", sa.String),
        sa.column("details", sa.JSON),
    )
    summonses = sa.select(steps.c.case_id, steps.c.details).where(steps.c.step == "SUMMON")
    latest: dict[object, str] = {}
    for case_id, details in bind.execute(summonses.order_by(steps.c.id)):
        given = (details or {}).get("scheduled_at")
        if given:
            latest[case_id] = given
    for case_id, given in latest.items():
        moment = datetime.fromisoformat(given)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=JAKARTA)
        in_utc = moment.astimezone(UTC).replace(tzinfo=None)
        bind.execute(sa.update(cases).where(cases.c.case_id == case_id).values(scheduled_at=in_utc))


def downgrade() -> None:
    """The summonses stay in UTC: the offsets the earlier code dropped are not written back."""
