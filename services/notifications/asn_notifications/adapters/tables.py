"""The notifications service's own tables: its copy of people, the notification outbox (one row
per event, recipient and channel), and people's channel preferences.

Addresses are personal data: they live only here (never in events, logs or the HTTP API).
Timestamps are stored in UTC; SQLite drops the offset, so repository code normalises. A row's
statuses and priorities are the domain's (domain/outbox.py).
"""

import sqlalchemy as sa

metadata = sa.MetaData()

people = sa.Table(
    "people",
    metadata,
    sa.Column("nip", sa.String(18), primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("email", sa.String(320), nullable=False),
    sa.Column("supervisor_nip", sa.String(18), nullable=True),
    sa.Column("unit_id", sa.String(200), nullable=False, index=True),
    sa.Column("unit_name", sa.String(500), nullable=False),
    sa.Column("position", sa.String(500), nullable=False),
    # The profile event's time and id: a late older profile must not overwrite a newer one.
    sa.Column("profile_time", sa.DateTime(timezone=True), nullable=False),
    sa.Column("profile_event_id", sa.String(200), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

notifications = sa.Table(
    "notifications",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("trigger_event_id", sa.String(200), nullable=False),
    sa.Column("trigger_event_type", sa.String(100), nullable=False),
    sa.Column("correlation_id", sa.String(200), nullable=False),
    sa.Column("template", sa.String(100), nullable=False),
    sa.Column("channel", sa.String(10), nullable=False, server_default="EMAIL"),
    sa.Column("priority", sa.String(10), nullable=False, server_default="NORMAL"),
    sa.Column("recipient_role", sa.String(20), nullable=False),
    sa.Column("recipient_nip", sa.String(18), nullable=True),
    sa.Column("recipient_address", sa.String(320), nullable=True),
    # The NIP, a hash of the address, a webhook subscriber id, or "-" when unresolved: the
    # uniqueness key without NULLs (NULLs never collide in a unique constraint) and without a
    # second copy of the address. For WEBHOOK rows recipient_address is the subscriber id.
    sa.Column("recipient_key", sa.String(100), nullable=False),
    sa.Column("subject", sa.String(300), nullable=True),
    sa.Column("body", sa.Text, nullable=True),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),  # INBOX rows only
    sa.Column("digest_id", sa.String(36), nullable=True, index=True),  # DIGESTED rows only
    sa.UniqueConstraint(
        "trigger_event_id",
        "recipient_role",
        "recipient_key",
        "channel",
        name="uq_notifications_recipient_channel",
    ),
    sa.Index("ix_notifications_due", "status", "next_attempt_at"),
    sa.Index("ix_notifications_trigger", "trigger_event_id"),
    sa.Index("ix_notifications_inbox", "recipient_nip", "channel", "created_at"),
)

# A person's choice per channel: template "*" is the whole channel, else one template. Critical
# notices are delivered whatever is stored here; the API refuses to store a critical opt-out.
preferences = sa.Table(
    "preferences",
    metadata,
    sa.Column("nip", sa.String(18), primary_key=True),
    sa.Column("channel", sa.String(10), primary_key=True),
    sa.Column("template", sa.String(100), primary_key=True),
    sa.Column("enabled", sa.Boolean, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# Where a complainant wants to hear about their complaint: kept from ComplaintReceived (opened
# from the seal for feedback's own doors) so progress notices need nothing from the exchange.
complaint_contacts = sa.Table(
    "complaint_contacts",
    metadata,
    sa.Column("channel", sa.String(100), primary_key=True),
    sa.Column("complaint_id", sa.String(200), primary_key=True),
    sa.Column("email", sa.String(320), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
