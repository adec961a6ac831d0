"""A person's channel preferences: switch a channel, or one template on a channel, on or off.

A critical notice (domain/notices.py CRITICAL_TEMPLATES, and any notice recorded CRITICAL) is
delivered anyway, and an opt-out of a critical template is refused: a summons, a punishment, a
missed statutory deadline must reach the person (PP 94/2021 Pasal 26, 37).

A change is the person's act (domain/acts.py): recorded as NotificationPreferenceChanged and
applied from it (`apply_preference_change`), the same way the act's handler applies it in a
rebuild, so the notices recorded after it are suppressed or not alike.
"""

from __future__ import annotations

from datetime import datetime

from asn_shared.catalog.notifications_acts import NotificationPreferenceChanged
from asn_shared.envelope import CloudEvent

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain import acts
from ..domain.notices import CRITICAL_TEMPLATES
from ..domain.outbox import WHOLE_CHANNEL, Preference
from ..domain.templates import TEMPLATES
from ..errors import Invalid
from .own_outcomes import ours

# The refusals name the rule, never the value sent (a 422 echoes nothing).
UNKNOWN_TEMPLATE = 'not a template name: "*" or one of those the OpenAPI document lists'
CRITICAL_STAYS_ON = (
    "a critical notice (a summons, a punishment, a missed statutory deadline) cannot be "
    "switched off: it must reach the person (PP 94/2021 Pasal 26, 37)"
)


async def list_preferences(uow: NotificationsUnitOfWork, nip: str) -> list[Preference]:
    """The stored choices; anything not listed is on."""
    return await uow.preferences.of(nip)


async def change_preference(
    uow: NotificationsUnitOfWork,
    actor_nip: str,
    nip: str,
    channel: str,
    template: str,
    enabled: bool,
) -> None:
    """Refuse what may not be chosen (nothing is recorded), else record the act and apply it."""
    if template != WHOLE_CHANNEL and template not in TEMPLATES:
        raise Invalid(UNKNOWN_TEMPLATE, "template")
    if not enabled and template in CRITICAL_TEMPLATES:
        raise Invalid(CRITICAL_STAYS_ON, "template")
    data = acts.preference_changed(actor_nip, nip, channel, template, enabled)
    act = await uow.record_act(data)
    await apply_preference_change(uow, data, at=act.time)


async def apply_preference_change(
    uow: NotificationsUnitOfWork, data: NotificationPreferenceChanged, *, at: datetime
) -> None:
    """The choice stored as of the act's time."""
    await uow.preferences.set(data.nip, data.channel.value, data.template, data.enabled, at)


async def replay_preference_change(
    uow: NotificationsUnitOfWork,
    event: CloudEvent,
    data: NotificationPreferenceChanged,
    own_source: str,
) -> None:
    """Our own NotificationPreferenceChanged read back: a duplicate live (the command applied
    it), applied in a rebuild. Another source's is ignored."""
    if ours(event, own_source):
        await apply_preference_change(uow, data, at=event.time)
