"""Ratings the service proposes to the evaluator from the evidence. Never the official rating.

PermenPANRB 6/2022 prescribes no numeric weighting ("tanpa ada persyaratan pembobotan tertentu",
docs/regulation.md 1.4), so every threshold here is the instance's setting. The shape follows the
guidance as written:

- Hasil Kerja Di Atas: most or all results above expectation and no main (utama) result below;
  Di Bawah: most or all results below expectation; otherwise Sesuai.
- Perilaku Kerja: per BerAKHLAK value, the evaluator's score and, where peers and direct
  subordinates assessed, their mean, weighted 60/40 by default (PP 30/2019 Pasal 39).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean

from asn_shared.catalog.vocabulary import BerAKHLAK, RatingLevel


@dataclass(frozen=True)
class IndicatorResult:
    utama: bool
    capaian: float  # percent of target, already capped (realisation.capaian)


@dataclass(frozen=True)
class HasilKerjaThresholds:
    above_min: float = 110.0  # capaian at or above: above expectation
    meets_min: float = 100.0  # capaian below: below expectation
    majority: float = 0.5  # "sebagian besar": a share strictly above this


@dataclass(frozen=True)
class PerilakuThresholds:
    above_min: float = 4.0  # mean score (1-5) at or above, with no value below meets_min
    meets_min: float = 3.0  # mean score below: below expectation
    evaluator_weight: float = 0.6  # PP 30/2019 Pasal 39: 60% evaluator, 40% peers/subordinates


def propose_hasil_kerja(
    results: Iterable[IndicatorResult], t: HasilKerjaThresholds = HasilKerjaThresholds()
) -> RatingLevel | None:
    """None when there is no measured indicator: no evidence, no proposal."""
    results = list(results)
    if not results:
        return None
    above = sum(r.capaian >= t.above_min for r in results) / len(results)
    below = sum(r.capaian < t.meets_min for r in results) / len(results)
    utama = [r for r in results if r.utama]
    utama_below = sum(r.capaian < t.meets_min for r in utama)
    if below > t.majority or (utama and utama_below / len(utama) > t.majority):
        return RatingLevel.DI_BAWAH_EKSPEKTASI
    if above > t.majority and utama_below == 0:
        return RatingLevel.DI_ATAS_EKSPEKTASI
    return RatingLevel.SESUAI_EKSPEKTASI


def peer_means(
    scores: Iterable[Mapping[BerAKHLAK, int]],
) -> dict[BerAKHLAK, tuple[float, int]]:
    """Per value, the mean of the peers' and subordinates' scores and how many gave one."""
    collected: dict[BerAKHLAK, list[int]] = {}
    for assessment in scores:
        for value, score in assessment.items():
            collected.setdefault(BerAKHLAK(value), []).append(score)
    return {value: (round(fmean(s), 2), len(s)) for value, s in collected.items()}


def combined_perilaku(
    evaluator: Mapping[BerAKHLAK, int],
    peers: Mapping[BerAKHLAK, tuple[float, int]],
    t: PerilakuThresholds = PerilakuThresholds(),
) -> dict[BerAKHLAK, float]:
    """Per value the evaluator has scored: weighted with the peers' mean where there is one."""
    combined = {}
    for value, score in evaluator.items():
        value = BerAKHLAK(value)
        if value in peers:
            peer_mean, _count = peers[value]
            combined[value] = t.evaluator_weight * score + (1 - t.evaluator_weight) * peer_mean
        else:
            combined[value] = float(score)
    return {value: round(score, 2) for value, score in combined.items()}


def propose_perilaku_kerja(
    combined: Mapping[BerAKHLAK, float], t: PerilakuThresholds = PerilakuThresholds()
) -> RatingLevel | None:
    if not combined:
        return None
    mean = fmean(combined.values())
    if mean < t.meets_min:
        return RatingLevel.DI_BAWAH_EKSPEKTASI
    if mean >= t.above_min and min(combined.values()) >= t.meets_min:
        return RatingLevel.DI_ATAS_EKSPEKTASI
    return RatingLevel.SESUAI_EKSPEKTASI
