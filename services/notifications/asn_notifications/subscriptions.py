"""What the notifications service consumes: its queue and bindings."""

from asn_shared.catalog import EventData
from asn_shared.catalog.agency_events import ComplaintReceived, EmployeeProfileUpdated
from asn_shared.catalog.feedback_events import ComplaintResolved, ComplaintVerified
from asn_shared.catalog.notifications_acts import NotificationPreferenceChanged, NotificationRead
from asn_shared.catalog.notifications_events import NotificationFailed, NotificationSent
from asn_shared.messaging.topology import ConsumerSpec

from .domain.notices import NOTICES

CONSUMED: tuple[type[EventData], ...] = (
    EmployeeProfileUpdated,
    ComplaintReceived,
    ComplaintVerified,
    ComplaintResolved,
    *NOTICES,
    # The acts people take over our HTTP API: a duplicate live (the command claimed them in our
    # inbox), they restore preferences and read marks in a rebuild.
    NotificationPreferenceChanged,
    NotificationRead,
)

# Our own outcomes: not bound (live, the row was settled when the event was written; their echo
# was 13 of every 15 deliveries of the notifications hop: bench/README.md), applied when a
# rebuild replays them, to settle the rows again.
REPLAYED: tuple[type[EventData], ...] = (NotificationSent, NotificationFailed)

CONSUMER = ConsumerSpec(
    name="notifications",
    routing_keys=tuple(model.routing_key() for model in CONSUMED),
    replayed_keys=tuple(model.routing_key() for model in REPLAYED),
)
