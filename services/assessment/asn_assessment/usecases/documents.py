"""The annual document's signatures and the overdue report (PP 30/2019 Pasal 49-50).

Who acts is the caller: the evaluator signs and hands over, the ASN signs, and once a signature
is late the evaluator's superior sets and signs (domain/documents.py has the steps,
domain/permissions.py who may take them). Each step is an act on the log
(PerformanceDocumentSigned, PerformanceDocumentHandedOver), applied by `apply_*` here: by the
command, and by their handlers in a rebuild.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import date
from typing import Any

from asn_shared.catalog.assessment_acts import (
    PerformanceDocumentHandedOver,
    PerformanceDocumentSigned,
)
from asn_shared.envelope import InvalidMessage
from asn_shared.identity.caller import Caller
from asn_shared.logging import get_logger

from ..adapters.records import AnnualDocumentRecord, Employee, Rating
from ..adapters.unit_of_work import Cycle
from ..domain.documents import Act, AnnualDocument, DocumentStepError, Party, Standing
from ..domain.periods import EvaluationPeriod
from ..domain.permissions import DocumentParties, may_take_document_step
from ..errors import Conflict, Invalid, NotFound
from .access import authorise_employee_read, authorise_unit_read, require

log = get_logger(__name__)
# Each party's signature (PP 30/2019 Pasal 49-50) and the hand-over (49(2)): where it is kept,
# and the articles the act rests on.
SIGNED_ON = {
    Party.PENILAI: "evaluator_signed_on",
    Party.PEGAWAI: "employee_signed_on",
    Party.ATASAN_PENILAI: "set_by_superior_on",
}
SIGNATURE = {
    Party.PENILAI: ["PP 30/2019 Pasal 49"],
    Party.PEGAWAI: ["PP 30/2019 Pasal 49(3)"],
    Party.ATASAN_PENILAI: ["PP 30/2019 Pasal 50"],
}
HAND_OVER = ["PP 30/2019 Pasal 49(2)"]
DATES = (
    "set_on",
    "evaluator_signed_on",
    "delivered_on",
    "employee_signed_on",
    "set_by_superior_on",
)


async def open_document(cycle: Cycle, rating: Rating) -> None:
    """At the first publication of an annual rating; a superseding rating keeps the document."""
    if not EvaluationPeriod.parse(rating.period).is_annual:
        return
    if await cycle.cycle.annual_document(rating.nip, rating.period) is not None:
        return
    evaluator = await cycle.evidence.employee(rating.assessor_nip)
    await cycle.cycle.add_annual_document(
        nip=rating.nip,
        period=rating.period,
        unit_id=rating.unit_id,
        evaluator_nip=rating.assessor_nip,
        superior_nip=evaluator.supervisor_nip if evaluator else None,
        set_on=cycle.today(),
    )


async def take_step(
    cycle: Cycle, caller: Caller, nip: str, period: str, act: Act, on: date | None
) -> dict[str, Any]:
    """The caller's signature or hand-over, dated `on` (today by default, never later): checked
    against the document's steps, recorded (PerformanceDocumentSigned, as the party the caller
    is, or PerformanceDocumentHandedOver), then applied."""
    row = await cycle.cycle.annual_document(nip, period, for_update=True)
    if row is None:
        raise NotFound(f"no annual document of {nip} for {period} (is its rating published?)")
    superior = await _superior(cycle, row)
    require(may_take_document_step(caller, act, DocumentParties(nip, row.evaluator_nip, superior)))
    today = cycle.today()
    on = on or today
    if on > today:
        raise Invalid("a signature or hand-over cannot be dated in the future", field="on")
    document = _document(row)
    party = None if act is Act.DELIVER else _party(caller, row)
    try:
        if party is None:
            document.delivered(on)
        elif party is Party.PEGAWAI:
            document.signed_by_employee(on)
        elif party is Party.PENILAI:
            document.signed_by_evaluator(on)
        else:  # the evaluator's superior (permitted above)
            document.set_by_superior(on)
    except DocumentStepError as exc:
        raise Conflict(str(exc)) from None
    step: PerformanceDocumentSigned | PerformanceDocumentHandedOver
    if party is None:
        step = PerformanceDocumentHandedOver(
            nip=nip, period=period, delivered_on=on, actor_nip=caller.nip, legal_basis=HAND_OVER
        )
        acting, _ = await cycle.record_act(step)
        await apply_handed_over(acting, step)
    else:
        step = PerformanceDocumentSigned(
            nip=nip,
            period=period,
            party=party,
            signed_on=on,
            actor_nip=caller.nip,
            legal_basis=SIGNATURE[party],
        )
        acting, _ = await cycle.record_act(step)
        await apply_signed(acting, step)
    updated = await cycle.cycle.annual_document(nip, period)
    assert updated is not None  # read under the row lock above and only updated since
    return _view(updated, superior, today, cycle.settings.holidays)


def _party(caller: Caller, row: AnnualDocumentRecord) -> Party:
    """As whom the caller signs (may_take_document_step allowed one of the three)."""
    if caller.nip == row.nip:
        return Party.PEGAWAI
    if caller.nip == row.evaluator_nip:
        return Party.PENILAI
    return Party.ATASAN_PENILAI


async def apply_signed(cycle: Cycle, act: PerformanceDocumentSigned) -> None:
    """The party's signature on the day the act gives; the superior's also names them."""
    await _document_held(cycle, act.nip, act.period, act.event_type)
    changes: dict[str, object] = {SIGNED_ON[act.party]: act.signed_on}
    if act.party is Party.ATASAN_PENILAI:
        changes["set_by_superior_nip"] = act.actor_nip
    await cycle.cycle.update_annual_document(act.nip, act.period, **changes)
    log.info("document.step", period=act.period, act=Act.SIGN.value, steps=sorted(changes))


async def apply_handed_over(cycle: Cycle, act: PerformanceDocumentHandedOver) -> None:
    await _document_held(cycle, act.nip, act.period, act.event_type)
    await cycle.cycle.update_annual_document(act.nip, act.period, delivered_on=act.delivered_on)
    log.info("document.step", period=act.period, act=Act.DELIVER.value, steps=["delivered_on"])


async def _document_held(cycle: Cycle, nip: str, period: str, event_type: str) -> None:
    if await cycle.cycle.annual_document(nip, period) is None:  # a log older than these acts
        raise InvalidMessage(f"{event_type} names a document this service does not hold")


async def document_view(cycle: Cycle, caller: Caller, nip: str, period: str) -> dict[str, Any]:
    """For those who read the ASN's records, and the document's own parties."""
    row = await cycle.cycle.annual_document(nip, period)
    superior = await _superior(cycle, row) if row is not None else None
    parties = (row.evaluator_nip, superior) if row is not None else ()
    await authorise_employee_read(cycle, caller, nip, parties)
    if row is None:
        raise NotFound(f"no annual document of {nip} for {period}")
    return _view(row, superior, cycle.today(), cycle.settings.holidays)


async def unit_documents(
    cycle: Cycle, caller: Caller, unit_id: str, period: str, overdue_only: bool
) -> dict[str, Any]:
    """Every annual document of the unit with whose move it is, by when, and what is late."""
    await authorise_unit_read(cycle, caller, unit_id)
    if not EvaluationPeriod.parse(period).is_annual:
        raise Invalid("documents with signatures belong to the annual assessment", field="period")
    today, holidays = cycle.today(), cycle.settings.holidays  # once, not per document
    rows = await cycle.cycle.unit_documents(unit_id, period)
    # A unit's documents share a few evaluators: one profile lookup each, not one per document.
    evaluators = {
        nip: await cycle.evidence.employee(nip) for nip in {r.evaluator_nip for r in rows}
    }
    views = [
        _view(row, _superior_of(evaluators[row.evaluator_nip], row), today, holidays)
        for row in rows
    ]
    overdue = [v for v in views if v["overdue"]]
    return {
        "unit_id": unit_id,
        "period": period,
        "as_of": today,
        "by_step": dict(Counter(v["step"] for v in views)),
        "overdue": len(overdue),
        "documents": overdue if overdue_only else views,
    }


async def _superior(cycle: Cycle, row: AnnualDocumentRecord) -> str | None:
    return _superior_of(await cycle.evidence.employee(row.evaluator_nip), row)


def _superior_of(evaluator: Employee | None, row: AnnualDocumentRecord) -> str | None:
    """The evaluator's superior now (profiles change), else as recorded at opening."""
    return (evaluator.supervisor_nip if evaluator else None) or row.superior_nip


def _document(row: AnnualDocumentRecord) -> AnnualDocument:
    return AnnualDocument(**{name: getattr(row, name) for name in DATES})


def _view(
    row: AnnualDocumentRecord, superior: str | None, today: date, holidays: Collection[date]
) -> dict[str, Any]:
    standing: Standing = _document(row).standing(today, holidays)
    responsible = {
        Party.PENILAI: row.evaluator_nip,
        Party.PEGAWAI: row.nip,
        Party.ATASAN_PENILAI: superior,
        None: None,
    }[standing.party]
    return {
        "nip": row.nip,
        "period": row.period,
        "step": standing.step.value,
        "responsible": standing.party.value if standing.party else None,
        "responsible_nip": responsible,
        "due": standing.due,
        "overdue": standing.overdue,
        "days_overdue": standing.days_overdue(today),
        "escalated_on": standing.escalated_on,
        "evaluator_nip": row.evaluator_nip,
        **{name: getattr(row, name) for name in DATES},
        "set_by_superior_nip": row.set_by_superior_nip,
    }
