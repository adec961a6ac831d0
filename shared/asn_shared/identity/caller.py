"""The caller of an HTTP route, as its bearer token describes it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """Roles an agency's identity provider grants, in the token's roles claim.

    A civil servant acting for themselves or in their post needs none: who they are (their NIP)
    and the service's directory (supervisors, unit heads, complaint officials) decide. Roles are
    for what no post implies.
    """

    UNIT_ADMIN = "unit-admin"  # names a unit's complaint officials
    AUDITOR = "auditor"  # reads case files, changes nothing
    # The Pejabat Pembina Kepegawaian (PP 94/2021 Pasal 18; PP 79/2021): no profile field says
    # who holds it, so the agency's single sign-on grants it to that account.
    PPK = "ppk"


@dataclass(frozen=True)
class Caller:
    nip: str
    roles: frozenset[str] = frozenset()
    subject: str | None = None  # the token's `sub`, the provider's own id for the person

    def has(self, role: Role) -> bool:
        return role.value in self.roles
