"""The assessment service's own tables."""

import sqlalchemy as sa

metadata = sa.MetaData()

assessments = sa.Table(
    "assessments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(500), nullable=False),
    sa.Column("event_id", sa.String(200), nullable=False),
    sa.Column("nip", sa.String(18), nullable=False, index=True),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("assessor_nip", sa.String(18), nullable=False),
    sa.Column("assessor_role", sa.String(20), nullable=False),
    sa.Column("rating_hasil_kerja", sa.String(30), nullable=True),
    sa.Column("rating_perilaku_kerja", sa.String(30), nullable=True),
    sa.Column("perilaku", sa.JSON, nullable=True),
    sa.Column("notes", sa.Text, nullable=True),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("source", "event_id", name="uq_assessments_event"),
)

ratings = sa.Table(
    "ratings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("nip", sa.String(18), nullable=False),
    sa.Column("period", sa.String(7), nullable=False),
    sa.Column("rating_hasil_kerja", sa.String(30), nullable=False),
    sa.Column("rating_perilaku_kerja", sa.String(30), nullable=False),
    sa.Column("predikat", sa.String(30), nullable=False),
    sa.Column("assessor_nip", sa.String(18), nullable=False),
    sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id"), nullable=False),
    sa.Column("rated_event_id", sa.String(200), nullable=False),
    sa.Column("superseded_by", sa.String(200), nullable=True),
    sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_ratings_nip_period", "nip", "period"),
)
