"""The predikat distribution quotas per organisation predicate (docs/regulation.md 1.8)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_assessment.domain.distribution import (
    DEFAULT_QUOTAS,
    check_distribution,
    quotas_from_mapping,
)
from asn_shared.catalog.vocabulary import Predikat as P
from asn_shared.catalog.vocabulary import PredikatOrganisasi as O


def unit(**counts: int) -> list[P]:
    return [P[name] for name, n in counts.items() for _ in range(n)]


# (organisation predicate, employees, number of violated quotas): ten ASN unless stated.
TABLE = [
    (O.ISTIMEWA, unit(SANGAT_BAIK=7, BAIK=3), 0),
    (O.ISTIMEWA, unit(SANGAT_BAIK=8, BAIK=2), 1),  # max 70% Sangat Baik
    (O.BAIK, unit(BAIK=7, BUTUH_PERBAIKAN=2, SANGAT_BAIK=1), 0),
    (O.BAIK, unit(BAIK=7, KURANG_MISCONDUCT=1, SANGAT_KURANG=2), 0),
    (O.BAIK, unit(BAIK=7, SANGAT_BAIK=3), 1),  # someone must need improvement
    (O.BAIK, unit(BAIK=8, SANGAT_BAIK=2), 2),
    (O.BUTUH_PERBAIKAN, unit(BUTUH_PERBAIKAN=6, BAIK=3, SANGAT_BAIK=1), 0),
    (O.BUTUH_PERBAIKAN, unit(BUTUH_PERBAIKAN=5, BAIK=4, SANGAT_BAIK=1), 1),
    (O.BUTUH_PERBAIKAN, unit(BUTUH_PERBAIKAN=6, BAIK=2, SANGAT_BAIK=2), 1),
    (O.KURANG, unit(KURANG_MISCONDUCT=6, BUTUH_PERBAIKAN=1, SANGAT_BAIK=1, BAIK=2), 0),
    (O.KURANG, unit(KURANG_MISCONDUCT=6, BAIK=4), 1),  # min 10% Butuh Perbaikan
    (O.KURANG, unit(KURANG_MISCONDUCT=5, BAIK=3, SANGAT_BAIK=2), 3),
    (O.SANGAT_KURANG, unit(SANGAT_KURANG=6, KURANG_MISCONDUCT=1, BAIK=3), 0),
    (O.SANGAT_KURANG, unit(SANGAT_KURANG=6, BUTUH_PERBAIKAN=1, BAIK=3), 0),
    (O.SANGAT_KURANG, unit(SANGAT_KURANG=6, BAIK=3, SANGAT_BAIK=1), 2),  # no Sangat Baik at all
]


@pytest.mark.parametrize(("org", "employees", "violations"), TABLE)
def test_distribution_table(org, employees, violations) -> None:
    report = check_distribution(org, employees)
    assert len(report.violations) == violations, report.violations
    assert report.total == len(employees) and report.ok is (violations == 0)


def test_report_says_what_was_expected_and_found() -> None:
    report = check_distribution(O.ISTIMEWA, unit(SANGAT_BAIK=8, BAIK=2))
    assert report.violations == ("expected at most 70% SANGAT_BAIK; found 8 of 10 (80%)",)
    assert report.as_dict()["counts"]["SANGAT_BAIK"] == 8


predikat_lists = st.lists(st.sampled_from(list(P)), min_size=1, max_size=60)


@given(org=st.sampled_from(list(O)), employees=predikat_lists)
def test_counts_add_up_and_order_does_not_matter(org, employees) -> None:
    report = check_distribution(org, employees)
    assert sum(report.counts.values()) == report.total == len(employees)
    assert check_distribution(org, list(reversed(employees))).violations == report.violations


@given(employees=predikat_lists)
def test_any_sangat_baik_breaks_a_sangat_kurang_unit(employees) -> None:
    report = check_distribution(O.SANGAT_KURANG, employees)
    if P.SANGAT_BAIK in employees:
        assert any("none SANGAT_BAIK" in v for v in report.violations)


@given(employees=predikat_lists, extra=st.integers(1, 20))
def test_adding_sangat_baik_never_fixes_a_capped_share(employees, extra) -> None:
    for org in (O.ISTIMEWA, O.BUTUH_PERBAIKAN, O.KURANG):
        before = check_distribution(org, employees)
        after = check_distribution(org, employees + [P.SANGAT_BAIK] * extra)
        capped = [v for v in before.violations if "at most" in v and "SANGAT_BAIK" in v]
        if capped:
            assert any("at most" in v and "SANGAT_BAIK" in v for v in after.violations)


def test_quotas_from_configuration_replace_the_defaults() -> None:
    quotas = quotas_from_mapping({"BAIK": [{"predikat": ["BAIK"], "max_share": 0.5}]})
    assert check_distribution(O.BAIK, unit(BAIK=6, SANGAT_BAIK=4), quotas).violations
    assert check_distribution(O.ISTIMEWA, unit(SANGAT_BAIK=10), quotas).ok  # no rule: no quota


@pytest.mark.parametrize(
    "raw",
    [
        {"BAGUS": []},
        {"BAIK": [{"predikat": ["LUAR_BIASA"]}]},
        {"BAIK": [{"predikat": ["BAIK"], "max_share": 70}]},
        {"BAIK": [{"predikat": ["BAIK"], "maks": 0.7}]},
        {"BAIK": [{"predikat": []}]},
    ],
)
def test_bad_quota_configuration_is_refused(raw) -> None:
    with pytest.raises(ValueError):
        quotas_from_mapping(raw)


def test_defaults_cover_every_organisation_predicate() -> None:
    assert set(DEFAULT_QUOTAS) == set(O)
