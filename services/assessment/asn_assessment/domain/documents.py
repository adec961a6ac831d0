"""The annual assessment document (dokumen penilaian kinerja) and its timetable, PP 30/2019.

- Pasal 49(2): the evaluator (Pejabat Penilai Kinerja) hands the signed document to the ASN within
  14 days of signing it; 49(3): the ASN signs and returns it within 14 days of receiving it.
- Pasal 50: if the evaluator and/or the ASN has not signed within 14 days, the evaluator's
  superior sets and signs it within 7 working days.

Readings where the text is silent, stated so they can be argued with:
- The evaluator's 14 days to sign run from the day the annual rating is set (published).
- Once a signature is late the document is the superior's: the late party can no longer sign.
- A late hand-over is overdue and reported, but Pasal 50 speaks of signatures, so it does not pass
  the document to the superior; it stays the evaluator's to deliver.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

# The parties sign in the acts on the log (the catalog's PerformanceDocumentSigned).
from asn_shared.catalog.assessment_acts import PihakDokumen as Party

from .deadlines import (
    document_delivery_due,
    document_signing_due,
    escalation_due,
    evaluator_signing_due,
)

__all__ = ["Act", "AnnualDocument", "DocumentStepError", "Party", "Standing", "Step"]


class Step(StrEnum):
    TANDA_TANGAN_PENILAI = "TANDA_TANGAN_PENILAI"  # the evaluator signs
    PENYERAHAN = "PENYERAHAN"  # the evaluator hands it over, Pasal 49(2)
    TANDA_TANGAN_PEGAWAI = "TANDA_TANGAN_PEGAWAI"  # the ASN signs and returns it, 49(3)
    PENETAPAN_ATASAN = "PENETAPAN_ATASAN"  # the evaluator's superior sets and signs it, Pasal 50
    SELESAI = "SELESAI"


class Act(StrEnum):
    """What a party does to the document: sign it, or (the evaluator) hand it over."""

    SIGN = "SIGN"
    DELIVER = "DELIVER"


class DocumentStepError(Exception):
    """An act the document's current step does not allow."""


@dataclass(frozen=True)
class Standing:
    """Where a document is on a given day: whose move it is, by when, and whether that passed."""

    step: Step
    party: Party | None
    due: date | None
    overdue: bool
    escalated_on: date | None  # the day a signature became late (Pasal 50)

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days if self.overdue and self.due else 0


@dataclass(frozen=True)
class AnnualDocument:
    set_on: date
    evaluator_signed_on: date | None = None
    delivered_on: date | None = None
    employee_signed_on: date | None = None
    set_by_superior_on: date | None = None

    def missed_signature_on(self, today: date) -> date | None:
        """The first day a signature was late, if one is by `today`; none once complete."""
        if self.employee_signed_on or self.set_by_superior_on:
            return None
        if self.evaluator_signed_on is None:
            last_day = evaluator_signing_due(self.set_on)
        elif self.delivered_on is not None:
            last_day = document_signing_due(self.delivered_on)
        else:
            return None
        return last_day if today > last_day else None

    def standing(self, today: date, holidays: Collection[date] = ()) -> Standing:
        if self.employee_signed_on or self.set_by_superior_on:
            return Standing(Step.SELESAI, None, None, False, None)
        missed = self.missed_signature_on(today)
        if missed is not None:
            due = escalation_due(missed, holidays)
            return Standing(Step.PENETAPAN_ATASAN, Party.ATASAN_PENILAI, due, today > due, missed)
        if self.evaluator_signed_on is None:
            step, party = Step.TANDA_TANGAN_PENILAI, Party.PENILAI
            due = evaluator_signing_due(self.set_on)
        elif self.delivered_on is None:
            step, party = Step.PENYERAHAN, Party.PENILAI
            due = document_delivery_due(self.evaluator_signed_on)
        else:
            step, party = Step.TANDA_TANGAN_PEGAWAI, Party.PEGAWAI
            due = document_signing_due(self.delivered_on)
        return Standing(step, party, due, today > due, None)

    # -- acts: each returns the document after it, or says why it cannot be taken -------------

    def signed_by_evaluator(self, on: date) -> AnnualDocument:
        self._expect(Step.TANDA_TANGAN_PENILAI, on, after=self.set_on)
        return replace(self, evaluator_signed_on=on)

    def delivered(self, on: date) -> AnnualDocument:
        self._expect(Step.PENYERAHAN, on, after=self.evaluator_signed_on)
        return replace(self, delivered_on=on)

    def signed_by_employee(self, on: date) -> AnnualDocument:
        self._expect(Step.TANDA_TANGAN_PEGAWAI, on, after=self.delivered_on)
        return replace(self, employee_signed_on=on)

    def set_by_superior(self, on: date) -> AnnualDocument:
        self._expect(Step.PENETAPAN_ATASAN, on, after=self.missed_signature_on(on))
        return replace(self, set_by_superior_on=on)

    def _expect(self, step: Step, on: date, after: date | None) -> None:
        current = self.standing(on).step
        if current is not step:
            raise DocumentStepError(_refusal(current, step))
        if after is not None and on < after:
            raise DocumentStepError(f"{step.value} cannot be dated before {after.isoformat()}")


def _refusal(current: Step, wanted: Step) -> str:
    if current is Step.PENETAPAN_ATASAN:
        return (
            "a signature is more than 14 days late: the evaluator's superior sets and signs "
            "the document (PP 30/2019 Pasal 50)"
        )
    if current is Step.SELESAI:
        return "the document is complete"
    return f"the document waits for {current.value}, not {wanted.value}"
