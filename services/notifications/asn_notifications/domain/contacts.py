"""The kepegawaian (HR) contacts of each unit.

Profiles (EmployeeProfileUpdated) say who works where, not who handles a unit's personnel
matters, so these contacts are configuration, read once from a JSON file ops maintain
(adapters/contacts_file.py). A contact's `nip` is optional; with it the contact also gets the
in-app inbox.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from asn_shared.catalog.vocabulary import Nip


class UnitContact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=300)
    email: EmailStr
    nip: Nip | None = None

    def __repr__(self) -> str:  # an address must not reach a log through a stray repr
        return f"UnitContact(nip={self.nip!r})"

    __str__ = __repr__


class UnitContacts:
    def __init__(self, units: dict[str, tuple[UnitContact, ...]] | None = None) -> None:
        self._units = units or {}

    def of(self, unit_id: str) -> tuple[UnitContact, ...]:
        return self._units.get(unit_id, ())

    def __len__(self) -> int:
        return len(self._units)
