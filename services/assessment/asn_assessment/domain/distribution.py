"""The distribution of employee predikat against the organisation predicate (SE MenPANRB 3/2023).

The quotas come from a single secondary source (docs/regulation.md 1.8, "verify against the SE text
before enforcing"), so they are configuration: DEFAULT_QUOTAS is that table as reported, and an
instance may load its own (quotas_from_mapping). Shares are compared exactly as written: with ten
ASN, "Sangat Baik max 10%" allows one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from asn_shared.catalog.vocabulary import Predikat, PredikatOrganisasi

P = Predikat


@dataclass(frozen=True)
class Quota:
    """A bound on the share of ASN whose predikat is one of `predikat`."""

    predikat: frozenset[Predikat]
    min_share: float | None = None
    max_share: float | None = None
    at_least_one: bool = False  # "there must be employees with ..."

    def describe(self) -> str:
        names = " and/or ".join(sorted(p.value for p in self.predikat))
        parts = []
        if self.min_share is not None:
            parts.append(f"at least {self.min_share:.0%}")
        if self.max_share is not None:
            parts.append("none" if self.max_share == 0 else f"at most {self.max_share:.0%}")
        if self.at_least_one:
            parts.append("at least one ASN")
        return f"{' and '.join(parts)} {names}"

    def violated_by(self, counts: Mapping[Predikat, int], total: int) -> str | None:
        count = sum(counts.get(p, 0) for p in self.predikat)
        share = count / total if total else 0.0
        broken = (
            (self.min_share is not None and share < self.min_share)
            or (self.max_share is not None and share > self.max_share)
            or (self.at_least_one and count == 0)
        )
        if not broken:
            return None
        return f"expected {self.describe()}; found {count} of {total} ({share:.0%})"


def _q(*predikat: Predikat, **bounds: Any) -> Quota:
    return Quota(frozenset(predikat), **bounds)


DEFAULT_QUOTAS: dict[PredikatOrganisasi, tuple[Quota, ...]] = {
    PredikatOrganisasi.ISTIMEWA: (_q(P.SANGAT_BAIK, max_share=0.7),),
    PredikatOrganisasi.BAIK: (
        _q(P.BAIK, max_share=0.7),
        _q(P.BUTUH_PERBAIKAN, P.KURANG_MISCONDUCT, at_least_one=True),
    ),
    PredikatOrganisasi.BUTUH_PERBAIKAN: (
        _q(P.BUTUH_PERBAIKAN, min_share=0.6),
        _q(P.SANGAT_BAIK, max_share=0.1),
    ),
    PredikatOrganisasi.KURANG: (
        _q(P.KURANG_MISCONDUCT, min_share=0.6),
        _q(P.BUTUH_PERBAIKAN, min_share=0.1),
        _q(P.SANGAT_BAIK, max_share=0.1),
    ),
    PredikatOrganisasi.SANGAT_KURANG: (
        _q(P.SANGAT_KURANG, min_share=0.6),
        _q(P.KURANG_MISCONDUCT, P.BUTUH_PERBAIKAN, min_share=0.1),
        _q(P.SANGAT_BAIK, max_share=0.0),
    ),
}


@dataclass(frozen=True)
class DistributionReport:
    predikat_organisasi: PredikatOrganisasi
    total: int
    counts: dict[Predikat, int]
    violations: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.violations

    def as_dict(self) -> dict[str, Any]:
        return {
            "predikat_organisasi": self.predikat_organisasi.value,
            "total": self.total,
            "ok": self.ok,
            "counts": {p.value: self.counts.get(p, 0) for p in Predikat},
            "violations": list(self.violations),
        }


def check_distribution(
    predikat_organisasi: PredikatOrganisasi,
    employee_predikat: Iterable[Predikat],
    quotas: Mapping[PredikatOrganisasi, tuple[Quota, ...]] = DEFAULT_QUOTAS,
) -> DistributionReport:
    counts = Counter(Predikat(p) for p in employee_predikat)
    total = sum(counts.values())
    violations = tuple(
        v
        for quota in quotas.get(predikat_organisasi, ())
        if (v := quota.violated_by(counts, total))
    )
    return DistributionReport(predikat_organisasi, total, dict(counts), violations)


def quotas_from_mapping(
    raw: Mapping[str, Any],
) -> dict[PredikatOrganisasi, tuple[Quota, ...]]:
    """Quotas from configuration: {"BAIK": [{"predikat": ["BAIK"], "max_share": 0.7}, ...], ...}.

    Unknown predicates or keys raise ValueError naming them, so a typo is caught at start-up.
    """
    quotas = {}
    for org_name, rules in raw.items():
        org = PredikatOrganisasi(org_name)
        parsed = []
        for rule in rules:
            unknown = set(rule) - {"predikat", "min_share", "max_share", "at_least_one"}
            if unknown:
                raise ValueError(f"{org_name}: unknown quota keys {sorted(unknown)}")
            names = rule["predikat"]
            shares = [rule.get("min_share"), rule.get("max_share")]
            if not names or any(s is not None and not 0 <= s <= 1 for s in shares):
                raise ValueError(f"{org_name}: a quota needs predikat and shares between 0 and 1")
            parsed.append(
                Quota(
                    frozenset(Predikat(p) for p in names),
                    min_share=rule.get("min_share"),
                    max_share=rule.get("max_share"),
                    at_least_one=bool(rule.get("at_least_one", False)),
                )
            )
        quotas[org] = tuple(parsed)
    return quotas
