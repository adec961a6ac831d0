"""Offering an event to the agency systems subscribed to its type by webhook.

One WEBHOOK row per (event, subscriber), written in the handler's transaction like every other
notice; the dispatcher signs and posts it. A subscriber limited to some units gets only events
about those units. ComplaintReceived is never offered (it carries a citizen's data):
domain/webhooks.py refuses such a subscription when the settings are read.
"""

from __future__ import annotations

from collections.abc import Sequence

from asn_shared.envelope import CloudEvent

from ..domain.webhooks import WebhookSubscriber
from .recording import NoticeRecorder


async def offer(
    recorder: NoticeRecorder,
    subscribers: Sequence[WebhookSubscriber],
    event: CloudEvent,
    template: str,
    unit_id: str | None,
) -> list[str | None]:
    statuses: list[str | None] = []
    for subscriber in subscribers:
        if subscriber.accepts(event.type, unit_id):
            statuses.append(await recorder.record_webhook(subscriber.id, template))
    return statuses
