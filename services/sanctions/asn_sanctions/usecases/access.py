"""The directory facts the permission rules need (domain/permissions.py), and the refusal.

The facts come from this service's own copy of the profiles (EmployeeProfileUpdated), never from
the request: an ASN's line of superiors (the chain of `supervisor_nip`) and a unit's head.
"""

from __future__ import annotations

from typing import Any

from asn_shared.catalog.vocabulary import PositionType
from asn_shared.directory import unit_head

from ..adapters.unit_of_work import SanctionsRepositories
from ..domain.permissions import Line, Person
from ..errors import NotPermitted

# Far more levels than any agency has between a civil servant and the PPK: a guard against a
# directory whose supervisor chain loops or runs on through bad data.
MAX_LINE = 12


def require(reason: str | None) -> None:
    """A rule's refusal as the use case's NotPermitted (403 with the reason, api/common.py)."""
    if reason is not None:
        raise NotPermitted(reason)


def _person(nip: str, profile: Any | None) -> Person:
    kind = PositionType(profile.position_type) if profile is not None else None
    return Person(nip, kind)


async def line_of(store: SanctionsRepositories, nip: str) -> Line:
    """The ASN and their superiors, direct superior first, as far as the directory knows."""
    profile = await store.employees.employee(nip)
    if profile is None:
        return Line(Person(nip))
    superiors: list[Person] = []
    seen = {nip}
    above = profile.supervisor_nip
    while above is not None:
        if above in seen or len(superiors) >= MAX_LINE:
            return Line(_person(nip, profile), tuple(superiors), ends=False)
        seen.add(above)
        superior = await store.employees.employee(above)
        superiors.append(_person(above, superior))
        if superior is None:
            return Line(_person(nip, profile), tuple(superiors), ends=False)
        above = superior.supervisor_nip
    return Line(_person(nip, profile), tuple(superiors), ends=True)


async def head_of_unit(store: SanctionsRepositories, unit_id: str) -> Line | None:
    """The line of the unit's head (the one member whose superior is outside the unit)."""
    members = await store.employees.of_unit(unit_id)
    head = unit_head((m.nip, m.supervisor_nip) for m in members)
    return await line_of(store, head) if head is not None else None


async def superior_of(store: SanctionsRepositories, nip: str | None) -> str | None:
    """The directory's direct superior of `nip`; None when unknown."""
    if nip is None:
        return None
    profile = await store.employees.employee(nip)
    return profile.supervisor_nip if profile is not None else None
