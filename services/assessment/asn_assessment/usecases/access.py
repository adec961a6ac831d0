"""The directory facts the permission rules need (domain/permissions.py), and the refusal.

The facts come from this service's own copy of the people (EmployeeProfileUpdated), never from
the request: the ASN's unit and direct superior, the superior's superior, the unit's head.
"""

from __future__ import annotations

from collections.abc import Collection

from asn_shared.directory import unit_head
from asn_shared.identity.caller import Caller

from ..adapters.records import Employee
from ..adapters.unit_of_work import Cycle
from ..domain.permissions import Around, Person, UnitOfficials, may_read_employee, may_read_unit
from ..errors import NotPermitted


def require(reason: str | None) -> None:
    """A rule's refusal as the use case's NotPermitted (403 with the reason, api/common.py)."""
    if reason is not None:
        raise NotPermitted(reason)


def as_person(employee: Employee | None) -> Person | None:
    if employee is None:
        return None
    return Person(employee.nip, employee.unit_id, employee.supervisor_nip)


async def person(cycle: Cycle, nip: str) -> Person | None:
    return as_person(await cycle.evidence.employee(nip))


async def around(cycle: Cycle, nip: str) -> Around:
    """The ASN, their evaluator's superior and the head of their unit, per the directory."""
    asn = await person(cycle, nip)
    if asn is None:
        return Around(nip)
    evaluator = await person(cycle, asn.supervisor_nip) if asn.supervisor_nip else None
    officials = await unit_officials(cycle, asn.unit_id)
    return Around(
        nip,
        asn,
        evaluator_superior=evaluator.supervisor_nip if evaluator else None,
        unit_head=officials.head,
    )


async def unit_officials(cycle: Cycle, unit_id: str) -> UnitOfficials:
    members = await cycle.evidence.unit_members(unit_id)
    head = unit_head((m.nip, m.supervisor_nip) for m in members)
    superior = next((m.supervisor_nip for m in members if m.nip == head), None)
    return UnitOfficials(unit_id, head, superior)


async def authorise_employee_read(
    cycle: Cycle, caller: Caller, nip: str, also: Collection[str | None] = ()
) -> None:
    """May the caller read the records of ASN `nip` (plan, ratings, evidence, document)?"""
    parties = [p for p in also if p is not None]
    require(may_read_employee(caller, await around(cycle, nip), parties))


async def authorise_unit_read(cycle: Cycle, caller: Caller, unit_id: str) -> None:
    """May the caller read the unit's standing and documents?"""
    require(may_read_unit(caller, await unit_officials(cycle, unit_id)))
