"""The annual document's timetable (PP 30/2019 Pasal 49-50) and the unit head's Rating Hasil Kerja
(SE MenPANRB 3/2023), as pure functions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_assessment.domain.deadlines import is_working_day
from asn_assessment.domain.documents import AnnualDocument, DocumentStepError, Party, Step
from asn_assessment.domain.unit_head import DEFAULT_HEAD_HASIL_KERJA, head_hasil_kerja
from asn_shared.catalog.vocabulary import PredikatOrganisasi as O
from asn_shared.catalog.vocabulary import RatingLevel as R
from asn_shared.directory import unit_head

SET_ON = date(2027, 1, 11)  # a Monday: the annual rating of 2026 is published
SIGNED = date(2027, 1, 12)
DELIVERED = date(2027, 1, 20)


def doc(**dates) -> AnnualDocument:
    return AnnualDocument(set_on=SET_ON, **dates)


@pytest.mark.parametrize(
    ("document", "today", "step", "party", "due", "overdue"),
    [
        (doc(), SET_ON, Step.TANDA_TANGAN_PENILAI, Party.PENILAI, date(2027, 1, 25), False),
        (
            doc(),
            date(2027, 1, 25),
            Step.TANDA_TANGAN_PENILAI,
            Party.PENILAI,
            date(2027, 1, 25),
            False,
        ),
        # the evaluator's 14 days lapse on the 25th: 7 working days for the superior from then
        (
            doc(),
            date(2027, 1, 26),
            Step.PENETAPAN_ATASAN,
            Party.ATASAN_PENILAI,
            date(2027, 2, 3),
            False,
        ),
        (
            doc(),
            date(2027, 2, 4),
            Step.PENETAPAN_ATASAN,
            Party.ATASAN_PENILAI,
            date(2027, 2, 3),
            True,
        ),
        (
            doc(evaluator_signed_on=SIGNED),
            date(2027, 1, 26),
            Step.PENYERAHAN,
            Party.PENILAI,
            date(2027, 1, 26),
            False,
        ),
        # a late hand-over is overdue but stays the evaluator's (Pasal 50 speaks of signatures)
        (
            doc(evaluator_signed_on=SIGNED),
            date(2027, 3, 1),
            Step.PENYERAHAN,
            Party.PENILAI,
            date(2027, 1, 26),
            True,
        ),
        (
            doc(evaluator_signed_on=SIGNED, delivered_on=DELIVERED),
            date(2027, 2, 3),
            Step.TANDA_TANGAN_PEGAWAI,
            Party.PEGAWAI,
            date(2027, 2, 3),
            False,
        ),
        # the ASN's 14 days lapse on Wed 3 Feb: Thu..Fri, Mon..Fri = 7 working days -> 12 Feb
        (
            doc(evaluator_signed_on=SIGNED, delivered_on=DELIVERED),
            date(2027, 2, 4),
            Step.PENETAPAN_ATASAN,
            Party.ATASAN_PENILAI,
            date(2027, 2, 12),
            False,
        ),
        (
            doc(evaluator_signed_on=SIGNED, delivered_on=DELIVERED, employee_signed_on=DELIVERED),
            date(2030, 1, 1),
            Step.SELESAI,
            None,
            None,
            False,
        ),
        (
            doc(set_by_superior_on=date(2027, 2, 1)),
            date(2030, 1, 1),
            Step.SELESAI,
            None,
            None,
            False,
        ),
    ],
)
def test_document_standing_table(document, today, step, party, due, overdue) -> None:
    standing = document.standing(today)
    assert (standing.step, standing.party, standing.due, standing.overdue) == (
        step,
        party,
        due,
        overdue,
    )


def test_holidays_push_the_superiors_due_date() -> None:
    imlek = date(2027, 2, 8)  # a Monday inside the superior's 7 working days
    document = doc(evaluator_signed_on=SIGNED, delivered_on=DELIVERED)
    assert document.standing(date(2027, 2, 4), holidays=(imlek,)).due == date(2027, 2, 15)


def test_the_happy_path_through_every_act() -> None:
    done = doc().signed_by_evaluator(SIGNED).delivered(DELIVERED).signed_by_employee(DELIVERED)
    assert done.standing(DELIVERED).step is Step.SELESAI


@pytest.mark.parametrize(
    ("act", "document", "on", "message"),
    [
        ("signed_by_evaluator", doc(), date(2027, 1, 26), "Pasal 50"),
        (
            "signed_by_employee",
            doc(evaluator_signed_on=SIGNED, delivered_on=DELIVERED),
            date(2027, 2, 4),
            "Pasal 50",
        ),
        ("delivered", doc(), SIGNED, "waits for TANDA_TANGAN_PENILAI"),
        ("signed_by_employee", doc(evaluator_signed_on=SIGNED), DELIVERED, "waits for PENYERAHAN"),
        ("set_by_superior", doc(), SIGNED, "waits for TANDA_TANGAN_PENILAI"),
        ("delivered", doc(evaluator_signed_on=SIGNED), SET_ON, "before 2027-01-12"),
        ("signed_by_evaluator", doc(set_by_superior_on=SIGNED), SIGNED, "complete"),
    ],
)
def test_acts_out_of_turn_are_refused(act, document, on, message) -> None:
    with pytest.raises(DocumentStepError, match=message):
        getattr(document, act)(on)


def test_the_superior_sets_a_document_whose_signature_is_late() -> None:
    late = doc(evaluator_signed_on=SIGNED, delivered_on=DELIVERED)
    assert late.set_by_superior(date(2027, 2, 10)).standing(date(2027, 2, 10)).step is Step.SELESAI


offsets = st.integers(min_value=0, max_value=60)


@given(offsets, st.one_of(st.none(), offsets), st.one_of(st.none(), offsets), offsets)
def test_every_open_document_has_one_party_and_a_due_date(sign, deliver, _sign2, today) -> None:
    signed = SET_ON + timedelta(days=sign)
    delivered = signed + timedelta(days=deliver) if deliver is not None else None
    document = doc(evaluator_signed_on=signed, delivered_on=delivered)
    standing = document.standing(signed + timedelta(days=today))
    assert standing.step is not Step.SELESAI
    assert standing.party is not None and standing.due is not None
    if standing.step is Step.PENETAPAN_ATASAN:
        assert is_working_day(standing.due)
        assert standing.escalated_on is not None and standing.due > standing.escalated_on


@given(st.integers(min_value=0, max_value=40))
def test_overdue_exactly_when_today_is_past_the_due_date(days) -> None:
    today = SET_ON + timedelta(days=days)
    standing = doc().standing(today)
    assert standing.overdue == (today > standing.due)
    assert standing.days_overdue(today) == max(0, (today - standing.due).days)


@pytest.mark.parametrize(
    ("organisation", "hasil"),
    [
        (O.ISTIMEWA, R.DI_ATAS_EKSPEKTASI),
        (O.BAIK, R.SESUAI_EKSPEKTASI),
        (O.BUTUH_PERBAIKAN, R.DI_BAWAH_EKSPEKTASI),
        (O.KURANG, R.DI_BAWAH_EKSPEKTASI),
        (O.SANGAT_KURANG, R.DI_BAWAH_EKSPEKTASI),
    ],
)
def test_head_hasil_kerja_default_table(organisation, hasil) -> None:
    assert head_hasil_kerja(organisation) is hasil


def test_head_mapping_covers_every_organisation_predicate_and_can_be_replaced() -> None:
    assert set(DEFAULT_HEAD_HASIL_KERJA) == set(O)
    strict = {**DEFAULT_HEAD_HASIL_KERJA, O.BAIK: R.DI_BAWAH_EKSPEKTASI}
    assert head_hasil_kerja(O.BAIK, strict) is R.DI_BAWAH_EKSPEKTASI


@pytest.mark.parametrize(
    ("members", "head"),
    [
        ([("H", "X"), ("A", "H"), ("B", "H")], "H"),
        ([("H", None), ("A", "H")], "H"),
        ([("H", "X"), ("G", "Y"), ("A", "H")], None),  # two candidates: not singled out
        ([("A", "B"), ("B", "A")], None),
        ([], None),
    ],
)
def test_unit_head_is_the_one_member_reporting_outside(members, head) -> None:
    assert unit_head(members) == head
