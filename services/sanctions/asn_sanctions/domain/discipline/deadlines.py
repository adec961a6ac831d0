"""Time limits of a disciplinary case and of its administrative remedy, pure date arithmetic.

PP 94/2021: summons and examination (Pasal 26), delivery (Pasal 37), effect (Pasal 38).
PP 79/2021: keberatan (Pasal 3-9) and banding administratif to BPASN (Pasal 10-16).

"N hari kerja" is the N-th working day after the starting day (the starting day itself not
counted), by `WorkingCalendar.add_working_days`: weekends and the calendar's holidays are
skipped. Each function names the day its period starts from.
"""

from __future__ import annotations

from datetime import date, timedelta

from asn_shared.calendar import WorkingCalendar
from asn_shared.catalog.vocabulary import (
    JenisHukuman,
    KeputusanUpayaAdministratif,
    UpayaAdministratif,
)

from .authority import PejabatLevel
from .catalogue import severity

# PP 94/2021
EXAMINATION_DAYS = 7  # Pasal 26(2)
SECOND_SUMMONS_DAYS = 7  # Pasal 26(3)
DELIVERY_DAYS = 14  # Pasal 37(3)
EFFECT_CALENDAR_DAYS = 15  # Pasal 38(1), calendar days
# PP 79/2021
KEBERATAN_FILING_DAYS = 14  # Pasal 4(2)
KEBERATAN_DECISION_DAYS = 21  # Pasal 5
# Pasal 7: UNCONFIRMED. The project's rules have not checked the text; 14 is assumed, like Pasal 4.
KEBERATAN_PEJABAT_FILING_DAYS_UNCONFIRMED = 14
PEJABAT_RESPONSE_DAYS = 6  # Pasal 8(3)
ATASAN_DECISION_DAYS = 21  # Pasal 8
BANDING_FILING_DAYS = 14  # Pasal 11(3)
PPK_BANDING_RESPONSE_DAYS = 21  # Pasal 13(1)
BPASN_DECISION_DAYS = 65  # Pasal 13(4)


# --- PP 94/2021 ---


def examination_due(summoned_on: date, calendar: WorkingCalendar) -> date:
    """The examination is held within 7 working days of the summons date (Pasal 26(2))."""
    return calendar.add_working_days(summoned_on, EXAMINATION_DAYS)


def second_summons_due(first_scheduled_on: date, calendar: WorkingCalendar) -> date:
    """After a no-show, the second summons is for within 7 working days of the date the first
    one set (Pasal 26(3)). A second no-show: decided on the evidence, no examination."""
    return calendar.add_working_days(first_scheduled_on, SECOND_SUMMONS_DAYS)


def delivery_due(decided_on: date, calendar: WorkingCalendar) -> date:
    """The decision is delivered within 14 working days of being set (Pasal 37(3))."""
    return calendar.add_working_days(decided_on, DELIVERY_DAYS)


def effective_on(received_on: date) -> date:
    """The decision takes effect on the 15th day after receipt (Pasal 38(1), "hari ke-15").

    Reading: calendar days, the day of receipt is day 0, so a decision received on 1 March takes
    effect on 16 March. If an upaya administratif is filed it takes effect as that remedy's
    decision says instead (Pasal 38(2)); that is the caller's to apply.
    """
    return received_on + timedelta(days=EFFECT_CALENDAR_DAYS)


# --- PP 79/2021 ---


def keberatan_filing_due(received_on: date, calendar: WorkingCalendar) -> date:
    """A keberatan to the PPK is filed within 14 working days of receipt (Pasal 4(2))."""
    return calendar.add_working_days(received_on, KEBERATAN_FILING_DAYS)


def keberatan_decision_due(filed_on: date, calendar: WorkingCalendar) -> date:
    """The PPK decides a keberatan within 21 working days (Pasal 5)."""
    return calendar.add_working_days(filed_on, KEBERATAN_DECISION_DAYS)


def keberatan_pejabat_filing_due(
    received_on: date,
    calendar: WorkingCalendar,
    *,
    days: int = KEBERATAN_PEJABAT_FILING_DAYS_UNCONFIRMED,
) -> date:
    """A keberatan against a Pejabat's decision, to the Pejabat's superior (Pasal 3(3)), is
    filed within `days` working days of receipt (Pasal 7: UNCONFIRMED, 14 assumed)."""
    return calendar.add_working_days(received_on, days)


def pejabat_response_due(copy_received_on: date, calendar: WorkingCalendar) -> date:
    """The Pejabat answers within 6 working days of receiving the copy (Pasal 8(3))."""
    return calendar.add_working_days(copy_received_on, PEJABAT_RESPONSE_DAYS)


def atasan_decision_due(filed_on: date, calendar: WorkingCalendar) -> date:
    """The Pejabat's superior decides the keberatan within 21 working days (Pasal 8)."""
    return calendar.add_working_days(filed_on, ATASAN_DECISION_DAYS)


def banding_filing_due(received_on: date, calendar: WorkingCalendar) -> date:
    """A banding administratif to BPASN is filed within 14 working days of receipt
    (Pasal 11(3))."""
    return calendar.add_working_days(received_on, BANDING_FILING_DAYS)


def ppk_banding_response_due(copy_received_on: date, calendar: WorkingCalendar) -> date:
    """The PPK answers a banding within 21 working days of receiving the copy (Pasal 13(1))."""
    return calendar.add_working_days(copy_received_on, PPK_BANDING_RESPONSE_DAYS)


def bpasn_decision_due(filed_on: date, calendar: WorkingCalendar) -> date:
    """BPASN decides a banding within 65 working days (Pasal 13(4))."""
    return calendar.add_working_days(filed_on, BPASN_DECISION_DAYS)


def filing_due(
    received_on: date,
    upaya: UpayaAdministratif,
    calendar: WorkingCalendar,
    *,
    pejabat_filing_days: int = KEBERATAN_PEJABAT_FILING_DAYS_UNCONFIRMED,
) -> date:
    """The last day to file `upaya` against a decision received on `received_on`."""
    match UpayaAdministratif(upaya):
        case UpayaAdministratif.KEBERATAN_PPK:
            return keberatan_filing_due(received_on, calendar)
        case UpayaAdministratif.KEBERATAN_PEJABAT:
            return keberatan_pejabat_filing_due(received_on, calendar, days=pejabat_filing_days)
        case UpayaAdministratif.BANDING_BPASN:
            return banding_filing_due(received_on, calendar)


def filed_in_time(
    received_on: date,
    filed_on: date,
    upaya: UpayaAdministratif,
    calendar: WorkingCalendar,
    *,
    pejabat_filing_days: int = KEBERATAN_PEJABAT_FILING_DAYS_UNCONFIRMED,
) -> bool:
    """Whether `upaya` was filed by its last day; late is TIDAK_DAPAT_DITERIMA (Pasal 4, 12).

    Filing on the last day, even when it is a holiday-shifted working day, is in time. Filing
    before the decision was received is refused as an input error (ValueError).
    """
    if filed_on < received_on:
        raise ValueError("filed before the decision was received")
    due = filing_due(received_on, upaya, calendar, pejabat_filing_days=pejabat_filing_days)
    return filed_on <= due


def remedy_for(jenis: JenisHukuman, decided_by: PejabatLevel) -> UpayaAdministratif | None:
    """The remedy against a decision (PP 79/2021 Pasal 3, 4, 11).

    - Dismissal as PNS by the PPK: banding administratif to BPASN (Pasal 11).
    - Any other decision of the PPK: keberatan to the PPK (Pasal 4).
    - A decision of another official: keberatan to that official's superior (Pasal 3(3)).
    - A decision of the President: None. PP 79/2021 covers decisions of the PPK and of Pejabat;
      it names no remedy against the President's.

    Dismissal by an official below the PPK cannot happen (Pasal 17-18) and raises ValueError.
    """
    jenis, decided_by = JenisHukuman(jenis), PejabatLevel(decided_by)
    if decided_by is PejabatLevel.PRESIDEN:
        return None
    if jenis is JenisHukuman.PEMBERHENTIAN_DH_TAPS:
        if decided_by is not PejabatLevel.PPK:
            raise ValueError(f"a {decided_by} does not dismiss (PP 94/2021 Pasal 17-18)")
        return UpayaAdministratif.BANDING_BPASN
    if decided_by is PejabatLevel.PPK:
        return UpayaAdministratif.KEBERATAN_PPK
    return UpayaAdministratif.KEBERATAN_PEJABAT


_KEEPS_ORIGINAL = frozenset(
    {KeputusanUpayaAdministratif.MEMPERKUAT, KeputusanUpayaAdministratif.TIDAK_DAPAT_DITERIMA}
)
_REMOVES = frozenset(
    {KeputusanUpayaAdministratif.MENCABUT, KeputusanUpayaAdministratif.MEMBATALKAN}
)


def apply_outcome(
    original: JenisHukuman,
    outcome: KeputusanUpayaAdministratif,
    changed_to: JenisHukuman | None,
) -> JenisHukuman | None:
    """The punishment after a keberatan or banding is decided (PP 79/2021 Pasal 6, 9, 16).

    MEMPERKUAT, TIDAK_DAPAT_DITERIMA: the original stands. MENCABUT, MEMBATALKAN: none (None).
    MEMPERINGAN: `changed_to`, which must be lighter; MEMPERBERAT: heavier; MENGUBAH: any other
    type. ValueError when `changed_to` does not fit the outcome (given when it must not be,
    missing, or not lighter / heavier / different).
    """
    original, outcome = JenisHukuman(original), KeputusanUpayaAdministratif(outcome)
    if outcome in _KEEPS_ORIGINAL or outcome in _REMOVES:
        if changed_to is not None:
            raise ValueError(f"{outcome} changes no punishment; changed_to must be None")
        return original if outcome in _KEEPS_ORIGINAL else None
    if changed_to is None:
        raise ValueError(f"{outcome} needs the punishment it changes to (changed_to)")
    changed_to = JenisHukuman(changed_to)
    _check_change(original, outcome, changed_to)
    return changed_to


def _check_change(
    original: JenisHukuman, outcome: KeputusanUpayaAdministratif, changed_to: JenisHukuman
) -> None:
    if outcome is KeputusanUpayaAdministratif.MEMPERINGAN and not (
        severity(changed_to) < severity(original)
    ):
        raise ValueError(
            f"MEMPERINGAN needs a lighter punishment than {original}, not {changed_to}"
        )
    if outcome is KeputusanUpayaAdministratif.MEMPERBERAT and not (
        severity(changed_to) > severity(original)
    ):
        raise ValueError(
            f"MEMPERBERAT needs a heavier punishment than {original}, not {changed_to}"
        )
    if outcome is KeputusanUpayaAdministratif.MENGUBAH and changed_to is original:
        raise ValueError(f"MENGUBAH needs a punishment other than {original}")
