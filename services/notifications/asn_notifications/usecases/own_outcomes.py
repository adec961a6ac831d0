"""Our own events, read back from the exchange: the outcomes of our deliveries and the acts
people took over our HTTP API.

Live, NotificationSent and NotificationFailed are not even delivered (subscriptions.py binds
them as replayed keys only): the dispatcher marked the row when it wrote the event. An act
(NotificationPreferenceChanged, NotificationRead) was applied by its command and claimed in our
inbox in the same transaction, so its delivery is a duplicate.
During a rebuild (`notifications-service rebuild`, replaying the audit stream into an empty
database) the rows are recorded PENDING again from their trigger events, with the same ids
(outbox.notification_id), these events bring back how each delivery ended, so a rebuilt service
does not send again what was sent the first time, and the acts bring back the preferences and
read marks (usecases/preferences.py, usecases/inbox.py). Events of ours published by another
source are ignored (`ours`).
"""

from __future__ import annotations

from asn_shared.catalog.notifications_events import NotificationFailed, NotificationSent
from asn_shared.envelope import CloudEvent
from asn_shared.logging import get_logger

from ..adapters.unit_of_work import NotificationsUnitOfWork
from ..domain.outbox import FAILED, SENT, OutcomeChange

log = get_logger(__name__)


async def apply_outcome(
    uow: NotificationsUnitOfWork,
    event: CloudEvent,
    data: NotificationSent | NotificationFailed,
    own_source: str,
) -> bool:
    """Settle a row as the event says (a PENDING row, or a SENT one's time); True if found."""
    if not ours(event, own_source):
        return False
    change: OutcomeChange
    if isinstance(data, NotificationSent):
        change = {"status": SENT, "sent_at": data.sent_at, "last_error": None}
    else:
        change = {"status": FAILED, "last_error": data.reason}
    settled = await uow.notices.restore_outcome(data.notification_id, change)
    if settled:
        log.info("notification.outcome_restored", notification_id=data.notification_id)
    return settled


def ours(event: CloudEvent, own_source: str) -> bool:
    """Whether `event` is this service's own (its `source`); another's is logged and ignored:
    nobody else speaks for what we sent or what people did here."""
    if event.source == own_source:
        return True
    log.info("notification.event_of_another_source_ignored", type=event.type, source=event.source)
    return False
