"""Properties of the contract's vocabulary, checked against oracles written from the contract text
rather than from the implementation's regexes."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from asn_feedback.domain.skm import mutu_for_nik
from asn_shared.catalog import routing_key_for
from asn_shared.catalog.sanctions_events import SanctionImposed
from asn_shared.catalog.vocabulary import JenisHukuman, Nip, Period, TingkatHukuman

PERIOD = TypeAdapter(Period)
NIP = TypeAdapter(Nip)
SUFFIXES = (
    ["", "-S1", "-S2"] + [f"-Q{q}" for q in range(1, 5)] + [f"-{m:02d}" for m in range(1, 13)]
)
# PP 94/2021 Pasal 8, plus the PP 53/2010 sedang types of the Pasal 42 transition.
PASAL_8 = {
    TingkatHukuman.RINGAN: {"TEGURAN_LISAN", "TEGURAN_TERTULIS", "PERNYATAAN_TIDAK_PUAS"},
    TingkatHukuman.SEDANG: {"POTONG_TUKIN_25_6B", "POTONG_TUKIN_25_9B", "POTONG_TUKIN_25_12B",
                            "PENUNDAAN_KGB_1T", "PENUNDAAN_PANGKAT_1T", "PENURUNAN_PANGKAT_1T"},
    TingkatHukuman.BERAT: {"PENURUNAN_JABATAN_12B", "PEMBEBASAN_JABATAN_12B",
                           "PEMBERHENTIAN_DH_TAPS"},
}  # fmt: skip

words = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(string.ascii_uppercase),
    st.text(string.ascii_lowercase + string.digits, max_size=8),
)
years = st.integers(0, 9999).map(lambda y: f"{y:04d}")
contract_periods = st.builds(str.__add__, years, st.sampled_from(SUFFIXES))
# Near misses (a valid period with one thing wrong) find more than random text alone.
near_misses = st.builds(
    str.__add__,
    st.one_of(years, st.text(string.digits + "٢٠", min_size=3, max_size=5)),
    st.one_of(
        st.sampled_from(SUFFIXES), st.sampled_from(["-Q0", "-Q5", "-S3", "-00", "-13", "\n"])
    ),
)


def is_contract_period(text: str) -> bool:
    """`2026`, `2026-S1`/`-S2`, `2026-Q1`..`-Q4`, `2026-01`..`-12` (docs/agency-contract-v1.md)."""
    year, rest = text[:4], text[4:]
    return len(year) == 4 and all(c in string.digits for c in year) and rest in SUFFIXES


def accepts(adapter: TypeAdapter, value: str) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


@given(st.lists(words, min_size=1, max_size=5), st.integers(1, 20))
def test_routing_key_round_trips_camel_case_names(parts: list[str], version: int) -> None:
    name = "".join(parts)
    key = routing_key_for(name, version)
    *lowered, suffix = key.split(".")
    assert suffix == f"v{version}"
    assert "".join(word.capitalize() for word in lowered) == name


@given(contract_periods)
def test_period_accepts_every_contract_form(period: str) -> None:
    assert accepts(PERIOD, period)


@given(st.one_of(near_misses, st.text(max_size=12)))
def test_period_accepts_nothing_else(text: str) -> None:
    assert accepts(PERIOD, text) == is_contract_period(text)


@given(st.one_of(st.text(string.digits + "٠١٩", min_size=17, max_size=19), st.text(max_size=20)))
def test_nip_is_exactly_18_ascii_digits(text: str) -> None:
    expected = len(text) == 18 and all(c in string.digits for c in text)
    assert accepts(NIP, text) == expected


@given(st.sampled_from(list(JenisHukuman)), st.sampled_from(list(TingkatHukuman)))
def test_sanction_jenis_must_belong_to_its_tingkat(jenis: JenisHukuman, tingkat) -> None:
    data = {
        "case_id": "HD-1", "nip": "199005232015032001", "legal_basis": ["PP 94/2021 Pasal 8"],
        "decision_number": "800/1", "tingkat": tingkat, "jenis": jenis, "pelanggaran": "x",
        "imposed_by_nip": "198110172006042003", "decided_on": "2026-04-28",
        "delivery_due": "2026-05-20", "upaya_administratif": "KEBERATAN_PEJABAT",
    }  # fmt: skip
    valid = jenis.value in PASAL_8[tingkat]
    try:
        SanctionImposed.model_validate(data)
    except ValidationError:
        assert not valid
    else:
        assert valid


# The band edges of the table and the published results of docs/regulation.md section 4.
@pytest.mark.parametrize(
    ("nik", "mutu"),
    [(25, "D"), (64.99, "D"), (65.0, "C"), (75.56, "C"), (76.60, "C"), (76.61, "B"),
     (81.71, "B"), (86.29, "B"), (88.30, "B"), (88.31, "A"), (94.61, "A"), (100, "A")],
)  # fmt: skip
def test_skm_mutu_follows_the_nik_table(nik: float, mutu: str) -> None:
    assert mutu_for_nik(nik) == mutu


@given(st.floats(25, 100), st.floats(25, 100))
def test_skm_mutu_never_falls_as_nik_rises(low: float, high: float) -> None:
    low, high = sorted((low, high))
    assert "DCBA".index(mutu_for_nik(low)) <= "DCBA".index(mutu_for_nik(high))
