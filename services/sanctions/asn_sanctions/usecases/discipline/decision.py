"""Deciding a case (PP 94/2021 Pasal 33, 35, 37): one punishment, by a competent official.

- The ASN's other cases ready for a decision are decided with it: several violations get one,
  the heaviest, punishment (Pasal 33(1)); they are MERGED into this decision.
- A repeat of a violation of the same nature gets a heavier one than the last (Pasal 33(2)).
- Where the tables prescribe the punishment (absence) a lighter one is refused: an official who
  imposes one not matching the violation is punished heavier himself (Pasal 24(2)).
- The official must be competent for the jenis and the ASN's post (Pasal 17-25): the caller,
  at the place the directory gives them in the ASN's line, with the declared levels checked
  against it (domain/permissions.py `decider`, `decision`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from asn_shared.catalog.sanctions_acts import DisciplinaryCaseNotProven, DisciplinaryDecisionTaken
from asn_shared.catalog.sanctions_events import SanctionImposed
from asn_shared.catalog.vocabulary import JenisHukuman, UpayaAdministratif
from asn_shared.identity.caller import Caller

from ...adapters.unit_of_work import SanctionsUnitOfWork
from ...domain import permissions
from ...domain.dates import passed
from ...domain.discipline import deadlines
from ...domain.discipline.authority import JabatanLevel, PejabatLevel
from ...domain.discipline.catalogue import catalogue, for_repeat, heaviest, severity
from ...domain.discipline.workflow import CaseStatus, Step, StepRefused, next_status
from ...errors import NotPermitted
from ..access import line_of, require
from ..past import happened
from .steps import DELIVERY_TIMER, load, load_now, record

DECISION_BASIS = ("PP 94/2021 Pasal 33", "PP 94/2021 Pasal 37", "PP 94/2021 Pasal 38")
# Who may decide: the act names the competence it was taken on.
COMPETENCE_BASIS = ("PP 94/2021 Pasal 17-25",)


@dataclass(frozen=True)
class Decision:
    decision_number: str
    jenis: JenisHukuman
    decided_on: date
    imposed_by_level: PejabatLevel
    asn_jabatan_level: JabatanLevel
    line: tuple[PejabatLevel, ...]  # the ASN's superiors below the PPK, direct superior first
    pelanggaran: str | None = None

    @property
    def claim(self) -> permissions.Claim:
        return permissions.Claim(self.imposed_by_level, self.asn_jabatan_level, self.line)


async def decide(
    uow: SanctionsUnitOfWork, case_id: uuid.UUID, decision: Decision, caller: Caller
) -> SanctionImposed:
    """The punishment, imposed by the caller (SanctionImposed.imposed_by_nip)."""
    case = await load_now(uow, case_id)
    line = await line_of(uow, case.nip)
    require(permissions.decider(caller, decision.claim, line))
    next_status(case.status, Step.DECIDE, summons=case.summons)
    happened(uow, "decided_on", decision.decided_on, "a decision taken")
    together = [
        c
        for c in await uow.discipline.undecided_of(case.nip)
        if c.case_id != case.case_id and _ready(c)
    ]
    floor = await minimum_jenis(uow, [case, *together])
    _check_jenis(uow, decision.jenis, floor)
    require(permissions.decision(caller, decision.claim, line, decision.jenis, uow.rules.instansi))
    act = DisciplinaryDecisionTaken(
        case_id=str(case.case_id),
        nip=case.nip,
        actor_nip=caller.nip,
        legal_basis=[*case.legal_basis, *COMPETENCE_BASIS, *DECISION_BASIS],
        decision_number=decision.decision_number,
        jenis=decision.jenis,
        decided_on=decision.decided_on,
        pelanggaran=decision.pelanggaran,
        imposed_by_level=decision.imposed_by_level,
        asn_jabatan_level=decision.asn_jabatan_level,
        line=list(decision.line),
        without_examination=case.status == CaseStatus.NO_SHOW.value,
        merged_case_ids=[str(c.case_id) for c in together],
        delivery_due=deadlines.delivery_due(decision.decided_on, uow.calendar),
        upaya_administratif=_remedy(decision),
    )
    await uow.record_act(act)
    return await apply_decision(uow, act)


async def apply_decision(
    uow: SanctionsUnitOfWork, act: DisciplinaryDecisionTaken
) -> SanctionImposed:
    """The decision on the case and on the cases merged into it, the delivery's timer, and
    SanctionImposed: live after the checks, and again when a rebuild replays the act."""
    case = await load_now(uow, uuid.UUID(act.case_id))
    status = next_status(case.status, Step.DECIDE, summons=case.summons)
    together = [await load(uow, uuid.UUID(other)) for other in act.merged_case_ids]
    await record(
        uow,
        case,
        Step.DECIDE,
        status,
        act.actor_nip,
        {"jenis": act.jenis.value, "merged": list(act.merged_case_ids)},
        decision_number=act.decision_number,
        jenis=act.jenis.value,
        imposed_by_nip=act.actor_nip,
        decided_on=act.decided_on,
        without_examination=act.without_examination,
        delivery_due=act.delivery_due,
        upaya_administratif=act.upaya_administratif.value,
    )
    await _merge(uow, together, case, act.actor_nip)
    await uow.schedule(
        DELIVERY_TIMER,
        str(case.case_id),
        passed(act.delivery_due),
        {"case_id": str(case.case_id), "due_on": act.delivery_due.isoformat()},
    )
    event = _imposed(case, act, together)
    await uow.emit(event)
    return event


async def _merge(uow: SanctionsUnitOfWork, together: list[Any], case: Any, actor: str) -> None:
    """The ASN's other cases decided with this one: one punishment (Pasal 33(1))."""
    for other in together:
        await record(
            uow,
            other,
            Step.MERGE,
            next_status(other.status, Step.MERGE),
            actor,
            {"decided_with": str(case.case_id)},
            decided_with=case.case_id,
        )


def _remedy(decision: Decision) -> UpayaAdministratif:
    """The upaya administratif open against the decision (PP 79/2021 Pasal 3, 4, 11)."""
    try:
        upaya = deadlines.remedy_for(decision.jenis, decision.imposed_by_level)
    except ValueError as exc:  # e.g. a dismissal by an official below the PPK
        raise NotPermitted(str(exc)) from None
    if upaya is None:
        raise StepRefused("no upaya administratif lies against a decision of the President")
    return upaya


def _ready(case: Any) -> bool:
    """Examined, or summoned twice in vain: decidable now (Pasal 26(4), 27)."""
    return case.status == CaseStatus.EXAMINED.value or (
        case.status == CaseStatus.NO_SHOW.value and case.summons >= 2
    )


async def minimum_jenis(uow: SanctionsUnitOfWork, cases: list[Any]) -> JenisHukuman | None:
    """The lightest punishment the law allows for these cases decided together."""
    floors = [JenisHukuman(c.required_jenis) for c in cases if c.required_jenis]
    for case in cases:
        last = await uow.discipline.last_punished(case.nip, case.origin, before=case.case_id)
        if last is not None and last.jenis:
            proposed = JenisHukuman(case.required_jenis) if case.required_jenis else None
            floors.append(
                for_repeat(
                    proposed or JenisHukuman(last.jenis), JenisHukuman(last.jenis), uow.rules.sedang
                )
            )
    return heaviest(floors) if floors else None


def _check_jenis(uow: SanctionsUnitOfWork, jenis: JenisHukuman, floor: JenisHukuman | None) -> None:
    if jenis not in catalogue(uow.rules.sedang):
        raise StepRefused(
            f"{jenis.value} is not in the sedang catalogue in force ({uow.rules.sedang.value}, "
            "PP 94/2021 Pasal 42)"
        )
    if floor is not None and severity(jenis) < severity(floor):
        raise StepRefused(
            f"at least {floor.value} is due (PP 94/2021 Pasal 33 and the tables of Pasal 9-11); "
            "a punishment not matching the violation is itself punished (Pasal 24(2))"
        )


def _imposed(case: Any, act: DisciplinaryDecisionTaken, together: list[Any]) -> SanctionImposed:
    violations = [case.pelanggaran, *(c.pelanggaran for c in together)]
    return SanctionImposed(
        case_id=str(case.case_id),
        nip=case.nip,
        legal_basis=[*case.legal_basis, *DECISION_BASIS],
        decision_number=act.decision_number,
        tingkat=act.jenis.tingkat,
        jenis=act.jenis,
        pelanggaran=act.pelanggaran or "; ".join(violations),
        imposed_by_nip=act.actor_nip,
        decided_on=act.decided_on,
        delivery_due=act.delivery_due,
        without_examination=act.without_examination,
        upaya_administratif=act.upaya_administratif,
    )


async def not_proven(
    uow: SanctionsUnitOfWork, case_id: uuid.UUID, caller: Caller, *, reason: str
) -> None:
    """The examination found no violation: the examining superior closes the case without a
    punishment (Pasal 27)."""
    case = await load_now(uow, case_id)
    require(permissions.examiner(caller, case.examiner_nip, "close it as not proven (Pasal 27)"))
    next_status(case.status, Step.NOT_PROVEN)
    act = DisciplinaryCaseNotProven(
        case_id=str(case.case_id),
        nip=case.nip,
        actor_nip=caller.nip,
        legal_basis=["PP 94/2021 Pasal 27"],
        reason=reason,
    )
    await uow.record_act(act)
    await apply_not_proven(uow, act)


async def apply_not_proven(uow: SanctionsUnitOfWork, act: DisciplinaryCaseNotProven) -> None:
    case = await load_now(uow, uuid.UUID(act.case_id))
    status = next_status(case.status, Step.NOT_PROVEN)
    await record(uow, case, Step.NOT_PROVEN, status, act.actor_nip, {"reason": act.reason})
