"""Evaluation periods (2026, 2026-S1, 2026-Q3, 2026-07: docs/agency-contract-v1.md) and dates.

PP 30/2019 Pasal 29(4): measurement "dapat dilakukan setiap bulan, triwulanan, semesteran, atau
tahunan ... sesuai kebutuhan organisasi", so the periodic frequency is the instance's setting;
the annual evaluation always exists (Pasal 42).
"""

from __future__ import annotations

from asn_shared.periods import EvaluationPeriod, Frequency

__all__ = ["EvaluationPeriod", "Frequency", "closable"]


def closable(period: str, periodic: Frequency) -> bool:
    """An instance closes annual periods and those of its periodic frequency, no others."""
    frequency = EvaluationPeriod.parse(period).frequency
    return frequency in (Frequency.TAHUNAN, periodic)
