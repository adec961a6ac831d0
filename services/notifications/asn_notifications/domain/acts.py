"""What a person does over the HTTP API, as the events that record it (docs/events-beyond-v1.md).

A preference changed and a notice read first are acts of the person on their own notices: each
is recorded as an event (with the caller as actor and its legal basis) and applied from it, live
and when a rebuild replays it. Pure: the events are built from what the command decided.
"""

from __future__ import annotations

from asn_shared.catalog.notifications_acts import NotificationPreferenceChanged, NotificationRead
from asn_shared.catalog.notifications_events import PreferenceChannel

from .outbox import Notice

# The person restricts (or stops restricting) the processing of their address and inbox for
# notices: UU 27/2022 Pasal 11, by a recorded electronic request (Pasal 14), docs/regulation.md
# 8.1. Critical notices are outside the choice (domain/notices.py; PP 94/2021 Pasal 26, 37).
PREFERENCE_BASIS = ("UU 27/2022 Pasal 11", "UU 27/2022 Pasal 14")
# The read mark is the electronic record that the notice reached the person (UU 11/2008 Pasal
# 5(1): electronic information is valid evidence), e.g. that a summons was opened.
READ_BASIS = ("UU 11/2008 Pasal 5(1)",)


def preference_changed(
    actor_nip: str, nip: str, channel: str, template: str, enabled: bool
) -> NotificationPreferenceChanged:
    return NotificationPreferenceChanged(
        nip=nip,
        channel=PreferenceChannel(channel),
        template=template,
        enabled=enabled,
        actor_nip=actor_nip,
        legal_basis=list(PREFERENCE_BASIS),
    )


def notice_read(actor_nip: str, notice: Notice) -> NotificationRead:
    """The first reading of an inbox notice; `notice.recipient_nip` is whose inbox it is."""
    if notice.recipient_nip is None:
        raise ValueError("an inbox notice always has its recipient's NIP")
    return NotificationRead(
        nip=notice.recipient_nip,
        notification_id=notice.id,
        template=notice.template,
        trigger_event_id=notice.trigger_event_id,
        trigger_event_type=notice.trigger_event_type,
        actor_nip=actor_nip,
        legal_basis=list(READ_BASIS),
    )
