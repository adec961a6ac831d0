"""Alembic environment of the assessment service (run by `assessment-service migrate`)."""

from asn_assessment.adapters.tables import metadata
from asn_shared.runtime.migrations import run_migrations

run_migrations(metadata)
