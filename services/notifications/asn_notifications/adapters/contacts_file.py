"""The unit contacts file, `NOTIFICATIONS_UNIT_CONTACTS_FILE`, e.g.

    {"units": {"dpmptsp-kepahiang": [{"name": "Subbag Kepegawaian", "email": "hr@example.go.id",
                                      "nip": "198001012005011005"}]}}

Read once at start-up; a bad file stops the service with the file, the unit and the field at
fault (never the address).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..domain.contacts import UnitContact, UnitContacts


class _ContactsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    units: dict[str, tuple[UnitContact, ...]]


def load_unit_contacts(path: Path | None) -> UnitContacts:
    if path is None:
        return UnitContacts()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read unit contacts file {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"unit contacts file {path} is not JSON: line {exc.lineno}") from None
    try:
        parsed = _ContactsFile.model_validate(raw)
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ValueError(f"unit contacts file {path} is invalid: {where}") from None
    return UnitContacts(dict(parsed.units))
