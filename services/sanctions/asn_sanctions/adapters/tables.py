"""The sanctions service's tables, on one metadata (Alembic's target).

Follow-ups of a rating:

- `employees` keeps only what the follow-up rules need from the HR profile (no name, e-mail or
  phone). `ratings_received` remembers every PerformanceRated, applied or not, so the chain of
  `supersedes` ids tells a late-arriving older rating from a newer one.

The discipline workflow (PP 94/2021, PP 79/2021):

- `absences`: one row per (nip, working day) from AbsenceRecorded; the reason text is not kept
  (it may describe an illness). `attendance_years` is the per-(nip, year) lock row and counter:
  absences of one ASN are counted one transaction at a time, so no threshold is crossed twice or
  skipped when two absences arrive together.
- `disciplinary_cases`: one case per suspected violation; `trigger_key` makes opening idempotent
  (a redelivered absence or complaint opens nothing new).
- `case_steps`: every step taken, who took it and when: the file an auditor reads.
- `objections`: keberatan and banding administratif against a decision.
- `duty_flags`: an official who let a deadline pass without acting (Pasal 24, 28).

Every moment is a `Moment` column: written in UTC and read back aware on both engines (see below).
"""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from asn_shared.persistence.timestamps import as_utc
from asn_shared.timers.table import timers_table

metadata = sa.MetaData()


class Moment(sa.TypeDecorator[datetime]):
    """A point in time: TIMESTAMP WITH TIME ZONE, written in UTC and read back aware UTC.

    PostgreSQL keeps the instant and hands it back aware; SQLite keeps text without the offset
    and hands back a naive datetime, so a summons given at 09:00+07:00 came back as a bare
    09:00 and was then read as 09:00 wherever it was used. Written in UTC and read as UTC here,
    each moment is the same instant on both engines, compares correctly as text in SQLite, and
    every view gives it with its offset. A naive value written is taken as UTC (what SQLite
    handed back). The DDL is DateTime(timezone=True)'s, so the migrations do not change.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return None if value is None else as_utc(value)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


EVENT_ID_MAX = 200
NIP = sa.String(18)

# At most one coaching case per (nip, period) that no keberatan cancelled, one live reward of each
# type and one live training recommendation of each kind (PP 30/2019 Pasal 53: a second Sangat
# Baik year holds the penghargaan and the talent-pool priority together); cancelled ones stay as
# history. Partial unique indexes exist on both SQLite and PostgreSQL.
NOT_CANCELLED: dict[str, Any] = {
    "sqlite_where": sa.text("status <> 'CANCELLED_BY_SUPERSESSION'"),
    "postgresql_where": sa.text("status <> 'CANCELLED_BY_SUPERSESSION'"),
}
GRANTED_ONLY: dict[str, Any] = {
    "sqlite_where": sa.text("status = 'GRANTED'"),
    "postgresql_where": sa.text("status = 'GRANTED'"),
}

employees = sa.Table(
    "employees",
    metadata,
    sa.Column("nip", sa.String(18), primary_key=True),
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("position_type", sa.String(20), nullable=False),
    # The jabatan's name, for a RotationRecommended; None in rows stored before it was kept.
    sa.Column("position", sa.Text, nullable=True),
    sa.Column("supervisor_nip", sa.String(18), nullable=True),
    # The CloudEvents time of the profile applied: an older profile arriving late is ignored.
    sa.Column("profile_time", Moment(), nullable=False),
    sa.Column("profile_event_id", sa.String(EVENT_ID_MAX), nullable=False),
)

ratings_received = sa.Table(
    "ratings_received",
    metadata,
    sa.Column("rated_event_id", sa.String(EVENT_ID_MAX), primary_key=True),
    sa.Column("nip", sa.String(18), nullable=False),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("predikat", sa.String(30), nullable=False),
    sa.Column("supersedes", sa.String(EVENT_ID_MAX), nullable=True, index=True),
    sa.Column("rated_at", Moment(), nullable=False),
    sa.Column("applied", sa.Boolean, nullable=False),
    sa.Column("received_at", Moment(), nullable=False),
    sa.Index("ix_ratings_received_nip_period", "nip", "period"),
)

coaching_cases = sa.Table(
    "coaching_cases",
    metadata,
    sa.Column("case_id", sa.Uuid, primary_key=True),
    sa.Column("nip", sa.String(18), nullable=False, index=True),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("predikat", sa.String(30), nullable=False),
    sa.Column("coaching_type", sa.String(30), nullable=False),
    sa.Column("started_on", sa.Date, nullable=False),
    sa.Column("improvement_deadline", sa.Date, nullable=False),
    # domain.coaching.chain.Stage
    sa.Column("status", sa.String(30), nullable=False),
    # The rating the case currently reflects (the newest of its period).
    sa.Column("rated_event_id", sa.String(EVENT_ID_MAX), nullable=False),
    sa.Column("cancelled_by_event_id", sa.String(EVENT_ID_MAX), nullable=True),
    sa.Column("legal_basis", sa.JSON, nullable=False),
    sa.Column("updated_at", Moment(), nullable=False),
    # After the window (PP 30/2019 Pasal 57-58): the article, the rating that judged it, the
    # re-test and the placement; None until the case gets there.
    sa.Column("track", sa.String(20), nullable=True),
    sa.Column("completed_on", sa.Date, nullable=True),
    sa.Column("improved", sa.Boolean, nullable=True),
    sa.Column("latest_predikat", sa.String(30), nullable=True),
    sa.Column("reevaluated_by_event_id", sa.String(EVENT_ID_MAX), nullable=True),
    sa.Column("retest_on", sa.Date, nullable=True),
    sa.Column("retest_meets_standard", sa.Boolean, nullable=True),
    sa.Column("jenis_mutasi", sa.String(30), nullable=True),
    sa.Column("placement_until", sa.Date, nullable=True),
    sa.Column("dismissal_recommended_on", sa.Date, nullable=True),
    sa.Index("uq_coaching_cases_current", "nip", "period", unique=True, **NOT_CANCELLED),
)

# Every RotationRecommended published: after a failed re-test, a post found during a temporary
# placement, or a unit head's service declining (seed 000). `nip` is None for a unit whose head
# the directory cannot single out: recorded, shown over HTTP, not published.
rotation_recommendations = sa.Table(
    "rotation_recommendations",
    metadata,
    sa.Column("recommendation_id", sa.Uuid, primary_key=True),
    sa.Column("reason", sa.String(30), nullable=False),
    sa.Column("nip", sa.String(18), nullable=True, index=True),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("case_id", sa.Uuid, nullable=True),
    sa.Column("unit_id", sa.Text, nullable=True, index=True),
    sa.Column("jenis_mutasi", sa.String(30), nullable=False),
    sa.Column("current_position", sa.Text, nullable=True),
    sa.Column("uji_kompetensi_on", sa.Date, nullable=True),
    sa.Column("placement_until", sa.Date, nullable=True),
    sa.Column("recommended_on", sa.Date, nullable=False),
    sa.Column("legal_basis", sa.JSON, nullable=False),
    sa.Column("details", sa.JSON, nullable=False),
    sa.Column("created_at", Moment(), nullable=False),
)

# A unit's SKM results (ServiceSatisfactionMeasured), the newest per (unit, service, period).
# `service_key` is the service's name, or "" for all of the unit's services.
unit_service_measures = sa.Table(
    "unit_service_measures",
    metadata,
    sa.Column("unit_id", sa.Text, primary_key=True),
    sa.Column("service_key", sa.Text, primary_key=True),
    sa.Column("period", sa.String(7), primary_key=True),
    sa.Column("mutu", sa.String(1), nullable=False),
    sa.Column("nik", sa.Float, nullable=False),
    sa.Column("respondents", sa.Integer, nullable=False),
    sa.Column("measured_at", Moment(), nullable=False),
    sa.Column("event_id", sa.String(EVENT_ID_MAX), nullable=False),
)

# Substantiated complaints per unit (ComplaintResolved TERBUKTI), counted per SKM period.
substantiated_complaints = sa.Table(
    "substantiated_complaints",
    metadata,
    sa.Column("channel", sa.Text, primary_key=True),
    sa.Column("complaint_id", sa.Text, primary_key=True),
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("decided_on", sa.Date, nullable=False),
    sa.Index("ix_substantiated_complaints_unit", "unit_id", "decided_on"),
)

rewards = sa.Table(
    "rewards",
    metadata,
    sa.Column("reward_id", sa.Uuid, primary_key=True),
    sa.Column("nip", sa.String(18), nullable=False, index=True),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("predikat", sa.String(30), nullable=False),
    sa.Column("reward_type", sa.String(30), nullable=False),
    sa.Column("granted_on", sa.Date, nullable=False),
    sa.Column("recommendation", sa.Text, nullable=False),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("rated_event_id", sa.String(EVENT_ID_MAX), nullable=False),
    sa.Column("cancelled_by_event_id", sa.String(EVENT_ID_MAX), nullable=True),
    sa.Column("legal_basis", sa.JSON, nullable=False),
    sa.Column("updated_at", Moment(), nullable=False),
    sa.Index("uq_rewards_granted", "nip", "period", "reward_type", unique=True, **GRANTED_ONLY),
)

training_recommendations = sa.Table(
    "training_recommendations",
    metadata,
    sa.Column("recommendation_id", sa.Uuid, primary_key=True),
    sa.Column("nip", sa.String(18), nullable=False, index=True),
    sa.Column("period", sa.String(7), nullable=False),
    # domain.follow_up.TrainingKind: what the recommendation answers, so a superseding rating
    # finds it.
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("predikat", sa.String(30), nullable=False),
    sa.Column("competencies", sa.JSON, nullable=False),
    sa.Column("recommended_on", sa.Date, nullable=False),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("rated_event_id", sa.String(EVENT_ID_MAX), nullable=False),
    sa.Column("cancelled_by_event_id", sa.String(EVENT_ID_MAX), nullable=True),
    sa.Column("legal_basis", sa.JSON, nullable=False),
    sa.Column("updated_at", Moment(), nullable=False),
    sa.Index(
        "uq_training_recommendations_granted", "nip", "period", "kind", unique=True, **GRANTED_ONLY
    ),
)

# One row per ASN, updated first by every rating of theirs: an ASN's ratings are applied one at
# a time, so a superseding rating never misses the case its predecessor opened, and ratings of
# two periods arriving together never open two coaching cases (one running case per ASN).
employee_locks = sa.Table(
    "employee_locks",
    metadata,
    sa.Column("nip", sa.String(18), primary_key=True),
)

# Durable timers for the legal deadlines (asn_shared.timers): due dates survive restarts.
timers = timers_table(metadata)

# -- discipline ------------------------------------------------------------------------------------


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, Moment(), nullable=nullable)


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
