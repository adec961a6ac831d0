"""The evidence behind one ASN's period, and the ratings it suggests to the evaluator."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from asn_shared.catalog.vocabulary import AssessorRole, BerAKHLAK, RatingLevel

from ..adapters.unit_of_work import Cycle
from ..domain import proposal
from ..domain.periods import EvaluationPeriod
from ..domain.realisation import Direction, capaian

PEER_ROLES = (AssessorRole.PEER.value, AssessorRole.SUBORDINATE.value)


class IndicatorView(TypedDict):
    """One IKI of the plan and its latest realisation in the period (None: not measured)."""

    indicator_id: str
    utama: bool
    target: float
    unit_of_measure: str
    realisasi: float | None
    capaian: float | None


@dataclass
class Proposal:
    hasil_kerja: RatingLevel | None
    perilaku_kerja: RatingLevel | None
    indicators: list[IndicatorView] = field(default_factory=list)
    peer_means: dict[BerAKHLAK, tuple[float, int]] = field(default_factory=dict)
    combined_perilaku: dict[BerAKHLAK, float] = field(default_factory=dict)


async def indicator_results(cycle: Cycle, nip: str, period: str) -> list[IndicatorView]:
    """Each IKI of the ASN's approved plan for the year with its latest realisation in the period.

    The plan is annual (an SKP is set per year, PP 30/2019 Pasal 1); a periodic evaluation reads
    the measurements of that period, the annual one those of the whole year.
    """
    evaluated = EvaluationPeriod.parse(period)
    plan = await cycle.plans.for_period(nip, str(evaluated.year))
    if plan is None or plan.status != "APPROVED":
        return []
    rhk_rows, iki_rows = await cycle.plans.items(plan.id)
    jenis = {r.id: r.jenis for r in rhk_rows}
    periods = periods_within(evaluated)
    latest = {  # oldest first: the last row per indicator wins
        m.indicator_id: m
        for m in await cycle.evidence.measurements_in(nip, periods)
        if m.unmatched_reason is None
    }
    results: list[IndicatorView] = []
    for iki in iki_rows:
        measured = latest.get(iki.id)
        results.append(
            {
                "indicator_id": iki.id,
                "utama": jenis[iki.rhk_id] == "UTAMA",
                "target": iki.target,
                "unit_of_measure": iki.unit_of_measure,
                "realisasi": measured.value if measured else None,
                "capaian": capaian(iki.target, measured.value, Direction(iki.direction))
                if measured
                else None,
            }
        )
    return results


def periods_within(evaluated: EvaluationPeriod) -> list[str]:
    """The period itself or, for a year, every period that lies in it."""
    if not evaluated.is_annual:
        return [str(evaluated)]
    year = evaluated.year
    return (
        [f"{year}"]
        + [f"{year}-S{s}" for s in (1, 2)]
        + [f"{year}-Q{q}" for q in range(1, 5)]
        + [f"{year}-{m:02d}" for m in range(1, 13)]
    )


async def propose(
    cycle: Cycle, nip: str, period: str, evaluator: dict[str, int] | None
) -> Proposal:
    s = cycle.settings
    indicators = await indicator_results(cycle, nip, period)
    measured = [
        proposal.IndicatorResult(i["utama"], i["capaian"])
        for i in indicators
        if i["capaian"] is not None
    ]
    peers = proposal.peer_means(
        {BerAKHLAK(value): score for value, score in a.perilaku.items()}
        for a in await cycle.ratings.assessments_of(nip, period, PEER_ROLES)
        if a.perilaku
    )
    evaluator_scores = {BerAKHLAK(k): v for k, v in (evaluator or {}).items()}
    combined = proposal.combined_perilaku(evaluator_scores, peers, s.perilaku_thresholds)
    return Proposal(
        hasil_kerja=proposal.propose_hasil_kerja(measured, s.hasil_kerja_thresholds),
        perilaku_kerja=proposal.propose_perilaku_kerja(combined, s.perilaku_thresholds),
        indicators=indicators,
        peer_means=peers,
        combined_perilaku=combined,
    )
