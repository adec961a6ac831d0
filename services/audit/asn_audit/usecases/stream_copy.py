"""What the audit stream keeps of a message: the message itself, a complainant's contact sealed.

Agencies' complaint channels publish `ComplaintReceived` with the complainant's name, e-mail and
phone in clear (docs/agency-contract-v1.md lets them), and the audit log is kept for a year and
read by auditors. So the copy moves the contact into the `sealedcontact` extension as our own
doors do (`asn_shared/sealing.py`; the feedback service's key, so feedback and notifications still
open it when rebuilt from the log). Without a key the contact is withheld from the copy (extension
`contactwithheld`). Everything else is copied as it came, also what is not an event at all.
"""

from __future__ import annotations

from typing import Any

from asn_shared.envelope import (
    STRUCTURED_CONTENT_TYPE,
    CloudEvent,
    InvalidMessage,
    parse_amqp_message,
)
from asn_shared.sealing import EXTENSION, FIELDS, ContactSeal

WITHHELD_EXTENSION = "contactwithheld"
# Events whose data may carry a complainant's contact in clear.
SEALED_TYPES = frozenset({"ComplaintReceived"})


def audit_copy(
    body: bytes, headers: dict[str, Any], content_type: str | None, seal: ContactSeal | None
) -> tuple[bytes, dict[str, Any], str | None]:
    """The message as the stream keeps it: unchanged unless it shows a complainant's contact."""
    try:
        event = parse_amqp_message(body, headers, content_type)
    except InvalidMessage:
        return body, headers, content_type  # not an event: kept as it came, for the record
    complainant = (event.data or {}).get("complainant")
    if event.type not in SEALED_TYPES or not isinstance(complainant, dict):
        return body, headers, content_type
    contact = {k: complainant[k] for k in FIELDS if complainant.get(k)}
    if not contact:
        return body, headers, content_type
    return _sealed(event, complainant, contact, seal), _plain(headers), STRUCTURED_CONTENT_TYPE


def _sealed(
    event: CloudEvent,
    complainant: dict[str, Any],
    contact: dict[str, Any],
    seal: ContactSeal | None,
) -> bytes:
    kept = {k: v for k, v in complainant.items() if k not in FIELDS}  # the privacy choice stays
    document = event.model_dump(mode="json", exclude_none=True)
    document["data"] = {**(event.data or {}), "complainant": kept}
    if seal is not None:
        document[EXTENSION] = seal.seal(contact)
    else:
        document.pop(EXTENSION, None)
        document[WITHHELD_EXTENSION] = "true"
    return CloudEvent.model_validate(document).to_json_bytes()


def _plain(headers: dict[str, Any]) -> dict[str, Any]:
    # The copy is in structured mode: binary mode's ce- headers would contradict its body.
    return {k: v for k, v in headers.items() if not k.lower().startswith("ce-")}
