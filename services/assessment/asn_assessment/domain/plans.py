"""The SKP (Sasaran Kinerja Pegawai) lifecycle.

DRAFT -> SUBMITTED (by the ASN) -> APPROVED (by the evaluator), or back to DRAFT when the
evaluator returns it. An approved SKP changes only for a reason of PP 30/2019 Pasal 28; the change
reopens it as a new revision that is approved again.
"""

from __future__ import annotations

from enum import StrEnum

# The content of an SKP and the reasons to change it are in the acts on the log (the catalog's
# PerformancePlanDrafted, PerformancePlanRevised): one definition, the catalog's.
from asn_shared.catalog.assessment_acts import AlasanPerubahanSkp, JenisRhk
from asn_shared.catalog.assessment_acts import AspekIki as Aspek
from asn_shared.catalog.assessment_acts import PerspektifIki as Perspektif

__all__ = [
    "AlasanPerubahanSkp",
    "Aspek",
    "JenisRhk",
    "PlanStatus",
    "PlanTransitionError",
    "Perspektif",
    "editable",
    "transition",
]


class PlanStatus(StrEnum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"


class PlanTransitionError(ValueError):
    """The requested step is not allowed from the plan's current state."""


_ALLOWED = {
    ("submit", PlanStatus.DRAFT): PlanStatus.SUBMITTED,
    ("approve", PlanStatus.SUBMITTED): PlanStatus.APPROVED,
    ("return", PlanStatus.SUBMITTED): PlanStatus.DRAFT,
    ("revise", PlanStatus.APPROVED): PlanStatus.DRAFT,
}


def transition(step: str, status: PlanStatus) -> PlanStatus:
    try:
        return _ALLOWED[(step, PlanStatus(status))]
    except KeyError:
        raise PlanTransitionError(
            f"cannot {step} a plan that is {PlanStatus(status).value}"
        ) from None


def editable(status: PlanStatus) -> bool:
    return PlanStatus(status) is PlanStatus.DRAFT
