"""The webhook subscribers file (NOTIFICATIONS_WEBHOOKS_FILE), read once when the settings are
built: `{"subscribers": [{...}, ...]}`, each entry a domain.webhooks.WebhookSubscriber.

A bad file stops `check` and `run` with the file, the entry (index, id) and the field at fault;
the message never quotes a secret.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..domain.webhooks import SUBSCRIBER_ID, WebhookSubscriber


def load_subscribers(path: Path) -> tuple[WebhookSubscriber, ...]:
    """The subscribers of a JSON file `{"subscribers": [{...}, ...]}`.

    Raises ValueError naming the file and the entry (index, id) and field at fault; the message
    never quotes a secret.
    """
    subscribers: list[WebhookSubscriber] = []
    first_index: dict[str, int] = {}
    for index, entry in enumerate(_entries(path)):
        where = f"{path}: subscribers[{index}]"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected a JSON object, got {type(entry).__name__}")
        secret = entry.get("secret") if isinstance(entry.get("secret"), str) else None
        entry_id = entry.get("id")
        if isinstance(entry_id, str) and re.fullmatch(SUBSCRIBER_ID, entry_id):
            where += f" (id {entry_id!r})"
        try:
            subscriber = WebhookSubscriber.model_validate(entry)
        except ValidationError as exc:
            problems = "; ".join(_describe(err) for err in exc.errors(include_input=False))
            raise ValueError(_masked(f"{where}: {problems}", secret)) from None
        if subscriber.id in first_index:
            raise ValueError(
                f"{where}: duplicate id {subscriber.id!r}, already used by"
                f" subscribers[{first_index[subscriber.id]}]"
            )
        first_index[subscriber.id] = index
        subscribers.append(subscriber)
    return tuple(subscribers)


def _entries(path: Path) -> list[object]:
    """The file's list of entries, still unchecked."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ValueError(f"{path}: cannot read the webhook subscribers file: {reason}") from None
    try:
        document = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:  # exc.msg names the problem, not the text around it
        raise ValueError(
            f"{path}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("subscribers"), list):
        raise ValueError(f'{path}: expected a JSON object {{"subscribers": [...]}}')
    if extra := sorted(set(document) - {"subscribers"}):
        raise ValueError(f"{path}: unknown top-level key(s) {', '.join(map(repr, extra))}")
    return document["subscribers"]


def _masked(text: str, secret: str | None) -> str:
    """Belt and braces: the messages are built without inputs, but never let a secret through."""
    return text.replace(secret, "<redacted>") if secret else text


def _describe(err: ErrorDetails) -> str:
    field = ".".join(str(part) for part in err["loc"]) or "entry"
    message = str(err["msg"]).removeprefix("Value error, ")
    return f"{field}: {message}"
