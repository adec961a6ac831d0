"""What `make run` uses unless told otherwise: the broker, the mail sink's address, and the
checkout's var/ folders for databases, logs and mails (emptied at each run but --keep-data)."""

from __future__ import annotations

from asn_deploy.paths import VAR_DIR

DEFAULT_AMQP_URL = "amqp://guest:guest@localhost:5672/"
SMTP_HOST, SMTP_PORT = "127.0.0.1", 8025
DATA_DIR, LOG_DIR, MAIL_DIR = VAR_DIR / "data", VAR_DIR / "log", VAR_DIR / "mail"
EXCHANGE = "asn.events"
AUDIT_STREAM = "asn.audit"
