"""Who may do what in the feedback service, pure Python: each rule takes the caller (what the
bearer token vouches for) and the facts the use case loaded from this service's own directory (the
unit's complaint officials, the complaint's receipt), and returns None when the act is allowed or
the reason it is not: a short sentence naming the rule and its source (docs/regulation.md).

- Naming a unit's complaint desk and head: a caller with the role `unit-admin`, for any unit
  (the token carries roles, not units). UU 25/2009 Pasal 36: the provider assigns its complaint
  officials (5.1).
- A desk step (verify, hold, re-route, archive, notify): the unit's named complaint desk.
  SP4N-LAPOR! verification (5.3); Pasal 44(3), 50(2).
- A head step (follow up, decide): the unit's named complaint head. SP4N-LAPOR! tindak lanjut
  (5.3); Pasal 50(1).
- A complainant's step (complete the file, accept, reopen, withdraw): whoever shows the
  complaint's receipt number, with a token or without. Pasal 44(1): the tanda terima only the
  complainant was given; the complainant stays unnamed (Pasal 42(5)).
- Measuring a unit's SKM: the unit's named head, or a `unit-admin`. PermenPANRB 14/2017: the
  provider runs its SKM (section 4).

The public reads (a complaint's status, a unit's figures, holidays, Open311) need no rule here.
"""

from __future__ import annotations

import hmac
from typing import Protocol

from asn_shared.identity.caller import Caller, Role

from .lifecycle import Action
from .steps import DESK_ACTIONS, HEAD_ACTIONS

Refusal = str | None  # None: allowed; else the reason, for the 403's body


class UnitOfficials(Protocol):
    """Who the unit named to answer for its complaints (the `unit_officials` directory)."""

    @property
    def desk_nip(self) -> str: ...

    @property
    def head_nip(self) -> str: ...


def naming_officials(caller: Caller) -> Refusal:
    """The provider assigns its complaint officials (UU 25/2009 Pasal 36): an agency grants that
    to its administrators with the role unit-admin; being named is no right to name oneself."""
    if caller.has(Role.UNIT_ADMIN):
        return None
    return (
        "only a unit administrator (role unit-admin) names a unit's complaint desk and head "
        "(UU 25/2009 Pasal 36)"
    )


def is_officials_step(action: Action) -> bool:
    """A step the unit's desk or head takes (with a token), not the complainant's (a receipt)."""
    return action in DESK_ACTIONS | HEAD_ACTIONS


def taking_step(
    caller: Caller | None,
    action: Action,
    officials: UnitOfficials | None,
    *,
    receipt_shown: str | None,
    receipt: str,
) -> Refusal:
    """Desk steps are the unit's named desk's, head steps its named head's; the complainant's
    steps need the complaint's receipt number, whoever calls (a token proves no complainant)."""
    if not is_officials_step(action):
        # as bytes: compare_digest refuses str holding anything but ASCII (a TypeError, a 500)
        if receipt_shown is not None and hmac.compare_digest(
            receipt_shown.encode(), receipt.encode()
        ):
            return None
        return (
            f"{action.value} is the complainant's: give the receipt number "
            "(tanda terima, UU 25/2009 Pasal 44(1))"
        )
    desk = action in DESK_ACTIONS
    who = "desk" if desk else "head"
    if officials is None:
        return f"{action.value} is taken by the unit's complaint {who}, and the unit has none"
    if caller is None:
        return f"{action.value} is taken by the unit's complaint {who}: a bearer token is needed"
    if caller.nip != (officials.desk_nip if desk else officials.head_nip):
        source = "SP4N-LAPOR!, UU 25/2009 Pasal 44(3)" if desk else "UU 25/2009 Pasal 50(1)"
        return f"{action.value} is taken by the unit's complaint {who} ({source})"
    return None


def measuring_skm(caller: Caller, officials: UnitOfficials | None) -> Refusal:
    """The provider runs its SKM (PermenPANRB 14/2017): the unit's named head, or an agency's
    unit administrator, measures and publishes it."""
    if caller.has(Role.UNIT_ADMIN):
        return None
    if officials is not None and caller.nip == officials.head_nip:
        return None
    return (
        "a unit's SKM is measured by its head (as named for its complaints) or a unit "
        "administrator (role unit-admin) (PermenPANRB 14/2017)"
    )
