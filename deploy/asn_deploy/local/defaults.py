"""What `make run` uses unless told otherwise: the broker, the mail sink's and the development
issuer's addresses, and the checkout's var/ folders for databases, logs and mails (emptied at each
run but --keep-data) and the issuer's key (kept until `make clean`)."""

from __future__ import annotations

from asn_deploy.identity.files import DEFAULT_DIR as ISSUER_DIR
from asn_deploy.identity.issuer import DEFAULT_PORT as ISSUER_PORT
from asn_deploy.paths import VAR_DIR

DEFAULT_AMQP_URL = "amqp://guest:guest@localhost:5672/"
SMTP_HOST, SMTP_PORT = "127.0.0.1", 8025
DATA_DIR, LOG_DIR, MAIL_DIR = VAR_DIR / "data", VAR_DIR / "log", VAR_DIR / "mail"
EXCHANGE = "asn.events"
AUDIT_STREAM = "asn.audit"
# asn-dev-issuer on 127.0.0.1:8090, its signing key in var/dev-issuer (asn-dev-token's default).
ISSUER_HOST = "127.0.0.1"
__all__ = [
    "AUDIT_STREAM",
    "DATA_DIR",
    "DEFAULT_AMQP_URL",
    "EXCHANGE",
    "ISSUER_DIR",
    "ISSUER_HOST",
    "ISSUER_PORT",
    "LOG_DIR",
    "MAIL_DIR",
    "SMTP_HOST",
    "SMTP_PORT",
]
