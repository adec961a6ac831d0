"""Alembic environment of the feedback service (run by `feedback-service migrate`)."""

from asn_feedback.adapters.tables import metadata
from asn_shared.runtime.migrations import run_migrations

run_migrations(metadata)
