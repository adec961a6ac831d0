"""Thin subscribers: contract model -> use case. Idempotency and acks live in asn_shared.

No event is emitted on receipt: the contract has none, and notifications sends the receipt mail
from ComplaintReceived itself.
"""

from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.messaging.consumer import HandlerContext

from . import services
from .repository import ComplaintRepository


async def on_complaint_received(ctx: HandlerContext) -> None:
    await services.receive_complaint(ComplaintRepository(ctx.session), ctx.event, ctx.data)


HANDLERS = {ComplaintReceived: on_complaint_received}
