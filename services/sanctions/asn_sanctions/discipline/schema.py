"""Tables of the discipline workflow (PP 94/2021, PP 79/2021), on the service's one metadata.

- `absences`: one row per (nip, working day) from AbsenceRecorded; the reason text is not kept
  (it may describe an illness). `attendance_years` is the per-(nip, year) lock row and counter:
  absences of one ASN are counted one transaction at a time, so no threshold is crossed twice or
  skipped when two absences arrive together.
- `disciplinary_cases`: one case per suspected violation; `trigger_key` makes opening idempotent
  (a redelivered absence or complaint opens nothing new).
- `case_steps`: every step taken, who took it and when: the file an auditor reads.
- `objections`: keberatan and banding administratif against a decision.
- `duty_flags`: an official who let a deadline pass without acting (Pasal 24, 28).
"""

from __future__ import annotations

import sqlalchemy as sa

from ..models import EVENT_ID_MAX, metadata

NIP = sa.String(18)


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


absences = sa.Table(
    "absences",
    metadata,
    sa.Column("nip", NIP, primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("excused", sa.Boolean, nullable=False),
    sa.Column("working_day", sa.Boolean, nullable=False),
    # The newest report of a day wins (an attendance system may correct itself).
    _when("reported_at"),
    sa.Column("event_id", sa.String(EVENT_ID_MAX), nullable=False),
)

attendance_years = sa.Table(
    "attendance_years",
    metadata,
    sa.Column("nip", NIP, primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("unexcused_days", sa.Integer, nullable=False),
    sa.Column("longest_run", sa.Integer, nullable=False),
)

disciplinary_cases = sa.Table(
    "disciplinary_cases",
    metadata,
    sa.Column("case_id", sa.Uuid, primary_key=True),
    sa.Column("trigger_key", sa.String(300), nullable=False, unique=True),
    sa.Column("nip", NIP, nullable=False, index=True),
    sa.Column("unit_id", sa.Text, nullable=True, index=True),
    sa.Column("origin", sa.String(20), nullable=False),
    sa.Column("origin_event_id", sa.String(EVENT_ID_MAX), nullable=True),
    sa.Column("pelanggaran", sa.Text, nullable=False),
    sa.Column("legal_basis", sa.JSON, nullable=False),
    # The punishment the tables prescribe (absence), the floor a decision may not go below.
    sa.Column("required_jenis", sa.String(30), nullable=True),
    sa.Column("estimated_tingkat", sa.String(10), nullable=True),
    sa.Column("examiner_nip", NIP, nullable=True),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("opened_on", sa.Date, nullable=False),
    sa.Column("summons", sa.Integer, nullable=False, server_default="0"),
    sa.Column("summoned_on", sa.Date, nullable=True),
    _when("scheduled_at", nullable=True),
    sa.Column("examined_on", sa.Date, nullable=True),
    sa.Column("decision_number", sa.Text, nullable=True),
    sa.Column("jenis", sa.String(30), nullable=True),
    sa.Column("imposed_by_nip", NIP, nullable=True),
    sa.Column("decided_on", sa.Date, nullable=True),
    sa.Column("without_examination", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("delivery_due", sa.Date, nullable=True),
    sa.Column("received_on", sa.Date, nullable=True),
    sa.Column("effective_on", sa.Date, nullable=True),
    sa.Column("upaya_administratif", sa.String(30), nullable=True),
    # A case decided together with another (one punishment for concurrent violations, Ps 33).
    sa.Column("decided_with", sa.Uuid, nullable=True),
    _when("updated_at"),
)

case_steps = sa.Table(
    "case_steps",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.Uuid, nullable=False, index=True),
    sa.Column("step", sa.String(40), nullable=False),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("actor_nip", NIP, nullable=True),  # None: the system (a timer, an event)
    sa.Column("details", sa.JSON, nullable=False),
    _when("taken_at"),
)

objections = sa.Table(
    "objections",
    metadata,
    sa.Column("objection_id", sa.Uuid, primary_key=True),
    sa.Column("case_id", sa.Uuid, nullable=False, index=True),
    sa.Column("upaya", sa.String(30), nullable=False),
    sa.Column("filed_on", sa.Date, nullable=False),
    sa.Column("filed_in_time", sa.Boolean, nullable=False),
    sa.Column("decision_due", sa.Date, nullable=False),
    sa.Column("outcome", sa.String(30), nullable=True),
    sa.Column("resulting_jenis", sa.String(30), nullable=True),
    sa.Column("decided_by_nip", NIP, nullable=True),
    sa.Column("decided_on", sa.Date, nullable=True),
    _when("updated_at"),
)

duty_flags = sa.Table(
    "duty_flags",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.Uuid, nullable=False, index=True),
    sa.Column("duty", sa.String(40), nullable=False),
    sa.Column("official_nip", NIP, nullable=True),
    sa.Column("due_on", sa.Date, nullable=False),
    sa.Column("article", sa.Text, nullable=False),
    _when("flagged_at"),
    sa.UniqueConstraint("case_id", "duty", "due_on", name="uq_duty_flags_once"),
)
