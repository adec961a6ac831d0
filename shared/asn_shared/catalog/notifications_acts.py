"""What a person does over the notifications service's HTTP API (docs/events-beyond-v1.md):
a preference changed, a notice read. The service reads them back to restore them in a rebuild.
"""

from __future__ import annotations

from pydantic import Field

from .base import EventData, register
from .notifications_events import PreferenceChannel
from .vocabulary import LegalBasis, Nip, NonEmptyStr


@register
class NotificationPreferenceChanged(EventData):
    """A person switched a notification channel, or one template on a channel, on or off for
    themselves, over the notifications service's HTTP API (the CloudEvents `time` is when).

    Their own choice about the processing of their address and inbox: the right to restrict
    processing (UU 27/2022 Pasal 11), exercised by a recorded electronic request (Pasal 14).
    A template's own choice beats the channel's (`*`). Critical notices (a summons, a
    punishment, a missed statutory deadline: PP 94/2021 Pasal 26, 37) are delivered whatever is
    chosen, and an opt-out of a critical template is refused, so none is ever recorded here.
    """

    event_type = "NotificationPreferenceChanged"
    publisher = "notifications"

    nip: Nip = Field(description="Whose preference it is.")
    channel: PreferenceChannel
    template: NonEmptyStr = Field(
        description='A template name (as in NotificationSent), or "*" for the whole channel.'
    )
    enabled: bool = Field(description="False: switched off; true: switched (back) on.")
    actor_nip: Nip = Field(description="Who changed it: the person themselves (bearer token).")
    legal_basis: list[LegalBasis] = Field(min_length=1)


@register
class NotificationRead(EventData):
    """A person opened a notice in their in-app inbox and marked it read, for the first time,
    over the notifications service's HTTP API (the CloudEvents `time` is when; reading it again
    keeps the first time and publishes nothing).

    The read mark is the electronic record that the notice reached the person (UU 11/2008
    Pasal 5(1)): for a summons or a punishment decision, that it was opened, not only delivered.
    Names the notice as NotificationSent does; never its text.
    """

    event_type = "NotificationRead"
    publisher = "notifications"

    nip: Nip = Field(description="Whose inbox: the notice's recipient.")
    notification_id: NonEmptyStr
    template: NonEmptyStr
    trigger_event_id: NonEmptyStr = Field(description="CloudEvents id of the event notified about.")
    trigger_event_type: NonEmptyStr
    actor_nip: Nip = Field(description="Who read it: the person themselves (bearer token).")
    legal_basis: list[LegalBasis] = Field(min_length=1)
