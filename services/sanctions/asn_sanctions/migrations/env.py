"""Alembic environment of the sanctions service (run by `sanctions-service migrate`)."""

from asn_sanctions.models import metadata
from asn_shared.runtime.migrations import run_migrations

run_migrations(metadata)
