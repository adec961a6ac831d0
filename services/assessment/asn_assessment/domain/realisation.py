"""Capaian (achievement) of an individual performance indicator (IKI).

PP 30/2019 Pasal 29(6): realisation above target is counted at most at 120 (percent of target).
For an indicator where less is better (time taken, cost), capaian is target / realisation: that
direction is the instance's data, not the regulation's, and it is capped the same way.
"""

from __future__ import annotations

# An IKI's direction is part of the SKP recorded in the acts on the log: the catalog's enum.
from asn_shared.catalog.assessment_acts import ArahIndikator as Direction

__all__ = ["CAPAIAN_CAP", "Direction", "capaian"]

CAPAIAN_CAP = 120.0  # PP 30/2019 Pasal 29(6)


def capaian(
    target: float, realisasi: float, direction: Direction = Direction.HIGHER_IS_BETTER
) -> float:
    """Realisation as a percentage of target, 0..120."""
    if target <= 0:
        raise ValueError("an indicator's target must be positive")
    if realisasi < 0:
        raise ValueError("a realisation cannot be negative")
    if direction is Direction.LOWER_IS_BETTER:
        percent = CAPAIAN_CAP if realisasi == 0 else target / realisasi * 100
    else:
        percent = realisasi / target * 100
    return round(min(percent, CAPAIAN_CAP), 2)
