"""Time limits (PP 94/2021 Pasal 26, 37, 38; PP 79/2021), remedies and outcomes, row by row."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_sanctions.domain.discipline import deadlines as d
from asn_sanctions.domain.discipline.authority import PejabatLevel as P
from asn_sanctions.domain.discipline.catalogue import severity
from asn_shared.calendar import WorkingCalendar
from asn_shared.catalog.vocabulary import JenisHukuman as J
from asn_shared.catalog.vocabulary import KeputusanUpayaAdministratif as K
from asn_shared.catalog.vocabulary import UpayaAdministratif as U

NYEPI, IDUL_FITRI = date(2026, 3, 19), date(2026, 3, 20)  # Thursday, Friday
HOLIDAYS = WorkingCalendar.of([NYEPI, IDUL_FITRI])
WEEKENDS_ONLY = WorkingCalendar()
WEDNESDAY = date(2026, 3, 18)  # the day before Nyepi: every period spans both holidays

# (function, working days, due from WEDNESDAY with the holidays, due with weekends only)
WORKING_DAY_DEADLINES = [
    (d.examination_due, 7, date(2026, 3, 31), date(2026, 3, 27)),  # PP 94/2021 Pasal 26(2)
    (d.second_summons_due, 7, date(2026, 3, 31), date(2026, 3, 27)),  # Pasal 26(3)
    (d.delivery_due, 14, date(2026, 4, 9), date(2026, 4, 7)),  # Pasal 37(3)
    (d.keberatan_filing_due, 14, date(2026, 4, 9), date(2026, 4, 7)),  # PP 79/2021 Pasal 4(2)
    (d.keberatan_decision_due, 21, date(2026, 4, 20), date(2026, 4, 16)),  # Pasal 5
    (d.keberatan_pejabat_filing_due, 14, date(2026, 4, 9), date(2026, 4, 7)),  # Pasal 7 (?)
    (d.pejabat_response_due, 6, date(2026, 3, 30), date(2026, 3, 26)),  # Pasal 8(3)
    (d.atasan_decision_due, 21, date(2026, 4, 20), date(2026, 4, 16)),  # Pasal 8
    (d.banding_filing_due, 14, date(2026, 4, 9), date(2026, 4, 7)),  # Pasal 11(3)
    (d.ppk_banding_response_due, 21, date(2026, 4, 20), date(2026, 4, 16)),  # Pasal 13(1)
    (d.bpasn_decision_due, 65, date(2026, 6, 19), date(2026, 6, 17)),  # Pasal 13(4)
]
IDS = [row[0].__name__ for row in WORKING_DAY_DEADLINES]


@pytest.mark.parametrize(
    ("due", "days", "with_holidays", "weekends_only"), WORKING_DAY_DEADLINES, ids=IDS
)
def test_each_deadline_across_a_weekend_and_a_holiday(due, days, with_holidays, weekends_only):
    assert due(WEDNESDAY, HOLIDAYS) == with_holidays
    assert due(WEDNESDAY, WEEKENDS_ONLY) == weekends_only
    assert HOLIDAYS.working_days_between(WEDNESDAY, with_holidays) == days


@pytest.mark.parametrize(
    ("due", "days", "with_holidays", "weekends_only"), WORKING_DAY_DEADLINES, ids=IDS
)
def test_each_deadline_from_a_friday_and_from_a_saturday(due, days, with_holidays, weekends_only):
    # Friday 6 March: day 1 is Monday 9 March, the weekend in between is not counted.
    friday, saturday = date(2026, 3, 6), date(2026, 3, 7)
    assert due(friday, WEEKENDS_ONLY) == WEEKENDS_ONLY.add_working_days(date(2026, 3, 9), days - 1)
    assert due(saturday, WEEKENDS_ONLY) == due(friday, WEEKENDS_ONLY)


@pytest.mark.parametrize(
    ("summoned_on", "due"),
    [
        (date(2026, 3, 2), date(2026, 3, 11)),  # Monday + 7: Wednesday of the next week
        (date(2026, 3, 13), date(2026, 3, 26)),  # Friday: over the weekend and both holidays
        (date(2026, 3, 19), date(2026, 3, 31)),  # summoned on Nyepi: day 1 is Monday 23
    ],
)
def test_examination_due_examples(summoned_on, due) -> None:
    assert d.examination_due(summoned_on, HOLIDAYS) == due


def test_the_pejabat_filing_days_are_a_parameter() -> None:
    assert d.KEBERATAN_PEJABAT_FILING_DAYS_UNCONFIRMED == 14
    assert d.keberatan_pejabat_filing_due(WEDNESDAY, HOLIDAYS, days=21) == date(2026, 4, 20)


@pytest.mark.parametrize(
    ("received_on", "effective"),
    [
        (date(2026, 3, 1), date(2026, 3, 16)),  # day 0 is the day of receipt
        (date(2026, 3, 18), date(2026, 4, 2)),  # calendar days: the holidays count
        (date(2026, 1, 20), date(2026, 2, 4)),
        (date(2026, 12, 20), date(2027, 1, 4)),
        (date(2028, 2, 20), date(2028, 3, 6)),  # leap year
    ],
)
def test_effective_on_the_15th_day_after_receipt(received_on, effective) -> None:
    assert d.effective_on(received_on) == effective


# --- filed in time (PP 79/2021 Pasal 4, 12) ---

LAST_DAY_14 = date(2026, 4, 9)  # 14 working days after WEDNESDAY, with the holidays


@pytest.mark.parametrize("upaya", list(U))
@pytest.mark.parametrize(
    ("filed_on", "in_time"),
    [
        (WEDNESDAY, True),  # the day of receipt
        (NYEPI, True),
        (LAST_DAY_14, True),  # the last day
        (LAST_DAY_14 + timedelta(days=1), False),
        (date(2026, 4, 7), True),  # the last day if the holidays were working days
        (date(2026, 5, 1), False),
    ],
)
def test_filed_in_time(upaya, filed_on, in_time) -> None:
    assert d.filed_in_time(WEDNESDAY, filed_on, upaya, HOLIDAYS) is in_time


def test_a_late_keberatan_pejabat_under_a_longer_assumed_period() -> None:
    late = LAST_DAY_14 + timedelta(days=1)
    assert not d.filed_in_time(WEDNESDAY, late, U.KEBERATAN_PEJABAT, HOLIDAYS)
    assert d.filed_in_time(WEDNESDAY, late, U.KEBERATAN_PEJABAT, HOLIDAYS, pejabat_filing_days=21)
    # The parameter is for the unconfirmed Pasal 7 only.
    assert not d.filed_in_time(WEDNESDAY, late, U.KEBERATAN_PPK, HOLIDAYS, pejabat_filing_days=21)


def test_filed_before_receipt_is_refused() -> None:
    with pytest.raises(ValueError, match="before the decision was received"):
        d.filed_in_time(WEDNESDAY, WEDNESDAY - timedelta(days=1), U.KEBERATAN_PPK, HOLIDAYS)


# --- remedy_for (PP 79/2021 Pasal 3, 4, 11) ---

OTHER = [jenis for jenis in J if jenis is not J.PEMBERHENTIAN_DH_TAPS]


@pytest.mark.parametrize(
    ("jenis", "decided_by", "remedy"),
    [(J.PEMBERHENTIAN_DH_TAPS, P.PPK, U.BANDING_BPASN)]
    + [(jenis, P.PPK, U.KEBERATAN_PPK) for jenis in OTHER]
    + [(jenis, official, U.KEBERATAN_PEJABAT) for jenis in OTHER for official in
       (P.JPT_MADYA, P.JPT_PRATAMA, P.ADMINISTRATOR, P.PENGAWAS)]
    + [(jenis, P.PRESIDEN, None) for jenis in J],  # PP 79/2021 names no remedy for these
)  # fmt: skip
def test_remedy_for(jenis, decided_by, remedy) -> None:
    assert d.remedy_for(jenis, decided_by) is remedy


@pytest.mark.parametrize("official", [P.JPT_MADYA, P.JPT_PRATAMA, P.ADMINISTRATOR, P.PENGAWAS])
def test_only_the_ppk_or_the_president_dismisses(official) -> None:
    with pytest.raises(ValueError, match="does not dismiss"):
        d.remedy_for(J.PEMBERHENTIAN_DH_TAPS, official)


# --- apply_outcome (PP 79/2021 Pasal 6, 9, 16) ---


@pytest.mark.parametrize(
    ("original", "outcome", "changed_to", "result"),
    [
        (J.POTONG_TUKIN_25_9B, K.MEMPERKUAT, None, J.POTONG_TUKIN_25_9B),
        (J.POTONG_TUKIN_25_9B, K.TIDAK_DAPAT_DITERIMA, None, J.POTONG_TUKIN_25_9B),
        (J.POTONG_TUKIN_25_9B, K.MENCABUT, None, None),
        (J.PEMBERHENTIAN_DH_TAPS, K.MEMBATALKAN, None, None),
        (J.POTONG_TUKIN_25_9B, K.MEMPERINGAN, J.POTONG_TUKIN_25_6B, J.POTONG_TUKIN_25_6B),
        (
            J.PEMBERHENTIAN_DH_TAPS,
            K.MEMPERINGAN,
            J.PEMBEBASAN_JABATAN_12B,
            J.PEMBEBASAN_JABATAN_12B,
        ),
        (J.TEGURAN_LISAN, K.MEMPERBERAT, J.TEGURAN_TERTULIS, J.TEGURAN_TERTULIS),
        (J.PENUNDAAN_KGB_1T, K.MEMPERBERAT, J.PENURUNAN_PANGKAT_1T, J.PENURUNAN_PANGKAT_1T),
        (J.POTONG_TUKIN_25_9B, K.MENGUBAH, J.PENUNDAAN_PANGKAT_1T, J.PENUNDAAN_PANGKAT_1T),
        (J.TEGURAN_LISAN, K.MENGUBAH, J.PENURUNAN_JABATAN_12B, J.PENURUNAN_JABATAN_12B),
    ],
)
def test_apply_outcome(original, outcome, changed_to, result) -> None:
    assert d.apply_outcome(original, outcome, changed_to) is result


@pytest.mark.parametrize(
    ("original", "outcome", "changed_to", "message"),
    [
        (J.POTONG_TUKIN_25_9B, K.MEMPERKUAT, J.TEGURAN_LISAN, "changed_to must be None"),
        (J.POTONG_TUKIN_25_9B, K.MENCABUT, J.TEGURAN_LISAN, "changed_to must be None"),
        (J.POTONG_TUKIN_25_9B, K.MEMPERINGAN, None, "needs the punishment"),
        (J.POTONG_TUKIN_25_9B, K.MEMPERINGAN, J.POTONG_TUKIN_25_9B, "lighter"),
        (J.POTONG_TUKIN_25_9B, K.MEMPERINGAN, J.PENUNDAAN_PANGKAT_1T, "lighter"),  # same step
        (J.POTONG_TUKIN_25_9B, K.MEMPERINGAN, J.POTONG_TUKIN_25_12B, "lighter"),
        (J.TEGURAN_LISAN, K.MEMPERBERAT, J.TEGURAN_LISAN, "heavier"),
        (J.PEMBERHENTIAN_DH_TAPS, K.MEMPERBERAT, J.PEMBERHENTIAN_DH_TAPS, "heavier"),
        (J.TEGURAN_TERTULIS, K.MEMPERBERAT, J.TEGURAN_LISAN, "heavier"),
        (J.TEGURAN_LISAN, K.MENGUBAH, J.TEGURAN_LISAN, "other than"),
        (J.TEGURAN_LISAN, K.MENGUBAH, None, "needs the punishment"),
    ],
)
def test_apply_outcome_refuses(original, outcome, changed_to, message) -> None:
    with pytest.raises(ValueError, match=message):
        d.apply_outcome(original, outcome, changed_to)


@given(st.sampled_from(J), st.sampled_from(K), st.none() | st.sampled_from(J))
def test_apply_outcome_rules(original, outcome, changed_to) -> None:
    try:
        result = d.apply_outcome(original, outcome, changed_to)
    except ValueError:
        result = "refused"
    if outcome in (K.MEMPERKUAT, K.TIDAK_DAPAT_DITERIMA):
        assert result == (original if changed_to is None else "refused")
    elif outcome in (K.MENCABUT, K.MEMBATALKAN):
        assert result == (None if changed_to is None else "refused")
    elif changed_to is None:
        assert result == "refused"
    elif outcome is K.MEMPERINGAN:
        assert result == (changed_to if severity(changed_to) < severity(original) else "refused")
    elif outcome is K.MEMPERBERAT:
        assert result == (changed_to if severity(changed_to) > severity(original) else "refused")
    else:
        assert outcome is K.MENGUBAH
        assert result == (changed_to if changed_to is not original else "refused")


@given(st.dates(date(2020, 1, 1), date(2040, 12, 31)), st.sampled_from(WORKING_DAY_DEADLINES))
def test_every_deadline_is_a_working_day_that_many_working_days_on(start, row) -> None:
    due, days, _, _ = row
    result = due(start, HOLIDAYS)
    assert HOLIDAYS.is_working_day(result)
    assert HOLIDAYS.working_days_between(start, result) == days
