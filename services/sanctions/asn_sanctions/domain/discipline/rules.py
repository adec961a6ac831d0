"""The instance's choices where the regulation leaves one (see the README's settings)."""

from __future__ import annotations

from dataclasses import dataclass

from .authority import InstansiKind
from .catalogue import SedangCatalogue


@dataclass(frozen=True)
class DisciplineRules:
    sedang: SedangCatalogue  # PP 94/2021 Pasal 42: whether the tukin cuts are in force yet
    instansi: InstansiKind  # Pasal 18(1)-(2) or 18(3): whose PPK decides what
    keberatan_pejabat_filing_days: int  # PP 79/2021 Pasal 7: UNCONFIRMED, 14 assumed
