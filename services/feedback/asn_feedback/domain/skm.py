"""Survei Kepuasan Masyarakat per PermenPANRB 14/2017 (docs/regulation.md section 4), pure Python.

- NRR per element = the sum of its scores / the number of respondents (each answer 1-4).
- Every element weighs the same: 1/9 (the lampiran writes the rounded 0,11; the exact ninth is
  used so that a unit answered 4 everywhere reaches 4.00 and NIK 100, as the table's top band).
- IKM = the sum of NRR x 1/9 (1-4); NIK = IKM x 25 (25-100); mutu A/B/C/D from the NIK band.
- The sample a unit needs follows the Krejcie-Morgan table the lampiran is reported to use
  (N=100 -> 80, 1 200 -> 291, 2 000 -> 322, 10 000 -> 370), i.e. the formula with chi-square 3.841,
  P = 0.5 and a 5% margin, rounded to the nearest respondent.

Only complete questionnaires (all nine elements answered) count: the method divides each
element's sum by the same number of respondents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from asn_shared.catalog.vocabulary import SkmMutu, SkmUnsur

WEIGHT = 1 / len(SkmUnsur)
CONVERSION = 25
CHI_SQUARE = 3.841  # one degree of freedom, 95% confidence
PROPORTION = 0.5
MARGIN = 0.05
UNBOUNDED_SAMPLE = 384  # the table's limit for a population too large to count

Answers = Mapping[SkmUnsur, int]


def mutu_for_nik(nik: float) -> SkmMutu:
    """Mutu pelayanan from the NIK band: A 88,31-100, B 76,61-88,30, C 65,00-76,60, D 25,00-64,99.

    Compared on the two decimals the table is written in, so no value falls between bands.
    """
    nik = round(nik, 2)
    if nik >= 88.31:
        return SkmMutu.A
    if nik >= 76.61:
        return SkmMutu.B
    if nik >= 65.00:
        return SkmMutu.C
    return SkmMutu.D


class NoCompleteQuestionnaire(ValueError):
    """Nothing to measure yet: the IKM needs questionnaires answering all nine elements."""


def is_complete(answers: Answers) -> bool:
    return set(answers) == set(SkmUnsur)


def required_sample(population: int | None) -> int:
    """Respondents a unit needs for `population` service users in the period (Krejcie-Morgan)."""
    if population is None:
        return UNBOUNDED_SAMPLE
    if population < 1:
        raise ValueError("population must be at least 1")
    spread = CHI_SQUARE * PROPORTION * (1 - PROPORTION)
    size = CHI_SQUARE * population * PROPORTION * (1 - PROPORTION)
    size /= MARGIN**2 * (population - 1) + spread
    return min(population, int(size + 0.5))


@dataclass(frozen=True)
class SkmResult:
    respondents: int
    nrr_per_unsur: dict[SkmUnsur, float]
    ikm: float
    nik: float
    mutu: SkmMutu
    required_sample: int

    @property
    def sample_sufficient(self) -> bool:
        return self.respondents >= self.required_sample


def measure(questionnaires: Iterable[Answers], population: int | None = None) -> SkmResult:
    """The unit's index from its complete questionnaires; ValueError when there are none."""
    complete = [q for q in questionnaires if is_complete(q)]
    if not complete:
        raise NoCompleteQuestionnaire(
            "no complete questionnaire: the IKM needs all nine elements answered"
        )
    for answers in complete:
        if any(not 1 <= score <= 4 for score in answers.values()):
            raise ValueError("SKM answers are on the 1-4 scale")
    count = len(complete)
    nrr = {u: sum(q[u] for q in complete) / count for u in SkmUnsur}
    ikm = sum(value * WEIGHT for value in nrr.values())
    nik = ikm * CONVERSION
    return SkmResult(
        respondents=count,
        nrr_per_unsur={u: round(v, 4) for u, v in nrr.items()},
        ikm=round(ikm, 4),
        nik=round(nik, 2),
        mutu=mutu_for_nik(nik),
        required_sample=required_sample(population),
    )
