"""The legal basis each act of this service records (docs/events-beyond-v1.md), pure Python.

An act over HTTP is published as an event naming who acted, when, and the articles the act rests
on: a complaint step (ComplaintStepTaken), a unit's complaint officials named
(ComplaintOfficialsNamed), a unit's SKM measured (SkmMeasurementTaken). The articles are those
docs/regulation.md sections 4 and 5 give for each, cited as the rest of the service cites them
(SP4N-LAPOR!'s steps by the name LAPOR! gives them, as lifecycle.py's deadlines do).
"""

from __future__ import annotations

from .lifecycle import Action

STEP_BASIS: dict[Action, tuple[str, ...]] = {
    # The provider's response on completeness within 14 days (Pasal 44(3)), through SP4N-LAPOR!'s
    # verification (docs/regulation.md 5.3).
    Action.VERIFY_COMPLETE: ("UU 25/2009 Pasal 44(3)", "SP4N-LAPOR!: verifikasi"),
    # ... incomplete: the complainant has 30 days to complete it (Pasal 44(4)).
    Action.VERIFY_INCOMPLETE: ("UU 25/2009 Pasal 44(3)", "UU 25/2009 Pasal 44(4)"),
    Action.HOLD: ("SP4N-LAPOR!: tunda",),
    Action.REROUTE: ("SP4N-LAPOR!: bukan wewenang",),
    Action.ARCHIVE: ("SP4N-LAPOR!: arsipkan",),
    Action.COMPLETE_FILE: ("UU 25/2009 Pasal 44(4)",),
    # Complaints are followed up (Pasal 36(3)), within SP4N-LAPOR!'s tindak lanjut.
    Action.FOLLOW_UP: ("UU 25/2009 Pasal 36(3)", "SP4N-LAPOR!: tindak lanjut"),
    Action.DECIDE: ("UU 25/2009 Pasal 50(1)",),
    Action.NOTIFY: ("UU 25/2009 Pasal 50(2)",),
    # The complainant's response to the answer (SP4N-LAPOR!'s "beri tanggapan").
    Action.ACCEPT: ("SP4N-LAPOR!: beri tanggapan",),
    Action.REOPEN: ("SP4N-LAPOR!: beri tanggapan",),
    # The article naming a complaint's withdrawal (mencabut); the law has none of its own for
    # withdrawing of one's own accord.
    Action.WITHDRAW: ("UU 25/2009 Pasal 44(5)",),
}

# The provider assigns its complaint officials (permissions.py, naming_officials).
OFFICIALS_BASIS = ("UU 25/2009 Pasal 36",)

# The provider runs its SKM (permissions.py, measuring_skm).
SKM_BASIS = ("PermenPANRB 14/2017",)


def step_basis(action: Action) -> list[str]:
    return list(STEP_BASIS[action])
