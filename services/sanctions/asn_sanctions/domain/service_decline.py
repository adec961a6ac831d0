"""When a unit's declining service calls for rotating its head, pure Python, no I/O.

Seed 000 (the agencies' ask): when evaluation finds that a dinas's public service has declined,
the government can act, e.g. additional training or "rotasi jabatan untuk meningkatkan
motivasi"; PP 30/2019 Pasal 34(2) lists "diusulkan mutasi" among the follow-ups of pembinaan
kinerja. No regulation sets when a decline is one, so the thresholds are the instance's settings
(README): the SKM result of a unit's service fell from one period to the next `periods` times in
a row (a worse mutu letter, or the NIK down by at least `nik_drop` points), and, unless
`complaint_rise` is 0, its substantiated complaints rose by at least that many in the last one.

Only periods of one length are compared (semester with semester), in order, without gaps: a
missing period breaks the run rather than bridging two distant results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from asn_shared.catalog.vocabulary import SkmMutu
from asn_shared.periods import EvaluationPeriod

LEGAL_BASIS = ("PP 30/2019 Pasal 34 ayat (2)",)
_RANK = {SkmMutu.A: 4, SkmMutu.B: 3, SkmMutu.C: 2, SkmMutu.D: 1}


@dataclass(frozen=True)
class DeclineRule:
    periods: int = 2
    nik_drop: float = 5.0
    complaint_rise: int = 1


@dataclass(frozen=True)
class PeriodResult:
    period: EvaluationPeriod
    mutu: SkmMutu
    nik: float
    substantiated_complaints: int


def fell(before: PeriodResult, after: PeriodResult, rule: DeclineRule) -> bool:
    worse_mutu = _RANK[SkmMutu(after.mutu)] < _RANK[SkmMutu(before.mutu)]
    return worse_mutu or before.nik - after.nik >= rule.nik_drop


def consecutive(before: EvaluationPeriod, after: EvaluationPeriod) -> bool:
    """`after` is the period right after `before`, of the same length."""
    if before.months != after.months:
        return False
    index = before.year * 12 + before.first_month - 1 + before.months
    return (after.year, after.first_month) == (index // 12, index % 12 + 1)


def declining(history: Sequence[PeriodResult], rule: DeclineRule) -> bool:
    """Whether the last result in `history` (oldest first) completes a decline by the rule."""
    run = list(history[-(rule.periods + 1) :])
    if len(run) < rule.periods + 1:
        return False
    pairs = list(zip(run, run[1:], strict=False))
    if not all(consecutive(a.period, b.period) and fell(a, b, rule) for a, b in pairs):
        return False
    if rule.complaint_rise == 0:
        return True
    before, last = run[-2], run[-1]
    return last.substantiated_complaints - before.substantiated_complaints >= rule.complaint_rise
