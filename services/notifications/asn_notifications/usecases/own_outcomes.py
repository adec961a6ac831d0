"""Our own NotificationSent and NotificationFailed, read back from the exchange.

Live they change nothing: the dispatcher marked the row before publishing. During a rebuild
(`notifications-service rebuild`, replaying the audit stream into an empty database) the rows are
recorded PENDING again from their trigger events, with the same ids (outbox.notification_id),
and these events bring back how each delivery ended, so a rebuilt service does not send again
what was sent the first time. Outcomes published by another source are ignored.
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
    if event.source != own_source:
        log.info("notification.outcome_of_another_source_ignored", source=event.source)
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
