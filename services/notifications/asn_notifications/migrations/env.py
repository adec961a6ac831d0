"""Alembic environment of the notifications service (run by `notifications-service migrate`)."""

from asn_notifications.adapters.tables import metadata
from asn_shared.runtime.migrations import run_migrations

run_migrations(metadata)
