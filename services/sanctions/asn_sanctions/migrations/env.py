"""Alembic environment of the sanctions service (run by `sanctions-service migrate`)."""

from asn_sanctions.adapters.tables import metadata
from asn_shared.runtime.migrations import run_migrations

run_migrations(metadata)
