"""The kepegawaian (HR) contacts of each unit, from a JSON file ops maintain.

Profiles (EmployeeProfileUpdated) say who works where, not who handles a unit's personnel
matters, so these contacts are configuration: `NOTIFICATIONS_UNIT_CONTACTS_FILE`, e.g.

    {"units": {"dpmptsp-kepahiang": [{"name": "Subbag Kepegawaian", "email": "hr@example.go.id",
                                      "nip": "198001012005011005"}]}}

`nip` is optional; with it the contact also gets the in-app inbox. Read once at start-up; a bad
file stops the service with the file, the unit and the field at fault (never the address).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationError

from asn_shared.catalog.vocabulary import Nip


class UnitContact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=300)
    email: EmailStr
    nip: Nip | None = None

    def __repr__(self) -> str:  # an address must not reach a log through a stray repr
        return f"UnitContact(nip={self.nip!r})"

    __str__ = __repr__


class _ContactsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    units: dict[str, tuple[UnitContact, ...]]


class UnitContacts:
    def __init__(self, units: dict[str, tuple[UnitContact, ...]] | None = None) -> None:
        self._units = units or {}

    def of(self, unit_id: str) -> tuple[UnitContact, ...]:
        return self._units.get(unit_id, ())

    def __len__(self) -> int:
        return len(self._units)


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
