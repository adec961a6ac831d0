"""Reading the organisation out of employee profiles (EmployeeProfileUpdated), the same way in
every service that keeps a directory of them."""

from __future__ import annotations

from collections.abc import Iterable


def unit_head(members: Iterable[tuple[str, str | None]]) -> str | None:
    """The one member (nip, supervisor_nip) whose superior is outside the unit; None when the
    unit's data does not single one out (no such member, or several)."""
    members = list(members)
    inside = {nip for nip, _ in members}
    heads = [nip for nip, supervisor in members if supervisor not in inside]
    return heads[0] if len(heads) == 1 else None
