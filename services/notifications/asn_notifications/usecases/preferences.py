"""A person's channel preferences: switch a channel, or one template on a channel, on or off.

A critical notice (domain/notices.py CRITICAL_TEMPLATES, and any notice recorded CRITICAL) is
delivered anyway, and an opt-out of a critical template is refused: a summons, a punishment, a
missed statutory deadline must reach the person (PP 94/2021 Pasal 26, 37).
"""

from __future__ import annotations

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain.notices import CRITICAL_TEMPLATES
from ..domain.outbox import WHOLE_CHANNEL, Preference
from ..domain.templates import TEMPLATES
from ..errors import Invalid

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
    uow: NotificationsUnitOfWork, nip: str, channel: str, template: str, enabled: bool
) -> None:
    if template != WHOLE_CHANNEL and template not in TEMPLATES:
        raise Invalid(UNKNOWN_TEMPLATE, "template")
    if not enabled and template in CRITICAL_TEMPLATES:
        raise Invalid(CRITICAL_STAYS_ON, "template")
    await uow.preferences.set(nip, channel, template, enabled, uow.now())
