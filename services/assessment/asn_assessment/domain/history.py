"""Consecutive annual predikat, for the follow-ups of PP 30/2019 Pasal 53.

Pasal 53(1): Sangat Baik two years in a row may be prioritised for the talent pool; 53(2): Baik
two years in a row may be prioritised for competency development. The assessment service only
publishes the fact (how many consecutive years); sanctions applies the rule.
"""

from __future__ import annotations

from collections.abc import Mapping

from asn_shared.catalog.vocabulary import Predikat


def consecutive_years(annual: Mapping[int, Predikat], year: int) -> int:
    """How many annual ratings in a row, ending with `year`, share `year`'s predikat (0: none)."""
    if year not in annual:
        return 0
    predikat, count = annual[year], 0
    while annual.get(year - count) == predikat:
        count += 1
    return count
