"""The officials' steps after a window without improvement (PP 30/2019 Pasal 57-58), and the end
of a temporary placement's year.

- The uji kompetensi kembali's result: meets the standard (no move), or a matching or lower post
  (RotationRecommended), or no vacancy: a temporary placement of at most a year, for pejabat
  administrasi and fungsional only (RotationRecommended PENEMPATAN_SEMENTARA, a durable timer).
- A post found within the year ends the placement (RotationRecommended with the post).
- The year passing with no post: the honourable dismissal recommendation (Pasal 58(5)). Contract
  v1 names no event for it; it is recorded on the case and shown over HTTP.

The steps are recorded by an official in the ASN's line of superiors (from the directory) or by
the PPK (the token's role `ppk`), the caller (domain/permissions.py `coaching_official`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from asn_shared.catalog.sanctions_acts import CoachingPostFound, CoachingRetestRecorded
from asn_shared.catalog.sanctions_events import JenisMutasi, RotationRecommended
from asn_shared.identity.caller import Caller
from asn_shared.logging import get_logger

from ...adapters.unit_of_work import SanctionsUnitOfWork
from ...domain import permissions
from ...domain.coaching import chain
from ...domain.coaching.chain import RetestOutcome, RetestRefused, Stage, Track
from ...domain.coaching.rotation import Rotation
from ...domain.dates import passed
from ...errors import NotFound, Refused
from ..access import line_of, require
from ..overdue import fire_overdue
from ..past import happened
from .rotations import recommend
from .window import PLACEMENT_TIMER, timer_key

log = get_logger(__name__)


@dataclass(frozen=True)
class Retest:
    tested_on: date
    meets_standard: bool
    placement: JenisMutasi | None = None
    current_position: str | None = None


async def record_retest(
    uow: SanctionsUnitOfWork, case_id: uuid.UUID, retest: Retest, caller: Caller
) -> dict[str, Any]:
    case = await _load(uow, case_id, Stage.UJI_KOMPETENSI, caller)
    happened(uow, "tested_on", retest.tested_on, "a competency test held")
    if retest.tested_on < case.completed_on:
        raise Refused(
            f"tested_on must fall between the window's judgement ({case.completed_on}) and today"
        )
    try:
        outcome = chain.after_retest(
            Track(case.track), retest.tested_on, retest.meets_standard, retest.placement
        )
    except RetestRefused as refused:
        raise Refused(str(refused)) from None
    position = await _position(uow, case, retest.current_position, outcome.jenis_mutasi)
    act = CoachingRetestRecorded(
        case_id=str(case.case_id),
        nip=case.nip,
        actor_nip=caller.nip,
        legal_basis=list(outcome.legal_basis),
        tested_on=retest.tested_on,
        meets_standard=retest.meets_standard,
        placement=retest.placement,
        current_position=position,
        placement_until=outcome.placement_until,
    )
    await uow.record_act(act)
    return await apply_retest(uow, act)


async def apply_retest(uow: SanctionsUnitOfWork, act: CoachingRetestRecorded) -> dict[str, Any]:
    """The re-test on the case, the move it calls for, the placement's year: live after the
    checks, and again when a rebuild replays the act."""
    case = await _case_now(uow, uuid.UUID(act.case_id))
    outcome = chain.after_retest(
        Track(case.track), act.tested_on, act.meets_standard, act.placement
    )
    await uow.coaching.update_case(
        case.case_id,
        status=outcome.stage.value,
        retest_on=act.tested_on,
        retest_meets_standard=act.meets_standard,
        jenis_mutasi=outcome.jenis_mutasi.value if outcome.jenis_mutasi else None,
        placement_until=outcome.placement_until,
        updated_at=uow.now,
    )
    published = None
    if outcome.jenis_mutasi is not None:
        published = await _recommend(
            uow, case, outcome, outcome.jenis_mutasi, "RETEST", act, act.tested_on
        )
    if outcome.stage is Stage.TEMPORARY_PLACEMENT:
        assert outcome.placement_until is not None, "a temporary placement ends (Pasal 58(4))"
        await uow.schedule(
            PLACEMENT_TIMER,
            timer_key(case.case_id, "placement"),
            passed(outcome.placement_until),
            {"case_id": str(case.case_id)},
        )
    log.info("coaching.retest_recorded", case_id=act.case_id, stage=outcome.stage.value)
    return _answer(outcome, published)


@dataclass(frozen=True)
class PostFound:
    found_on: date
    placement: JenisMutasi
    current_position: str | None = None


async def record_post_found(
    uow: SanctionsUnitOfWork, case_id: uuid.UUID, found: PostFound, caller: Caller
) -> dict[str, Any]:
    case = await _load(uow, case_id, Stage.TEMPORARY_PLACEMENT, caller)
    happened(uow, "found_on", found.found_on, "a post found")
    if not case.retest_on <= found.found_on <= case.placement_until:
        raise Refused(
            f"{chain.PLACEMENT_58}: a post must be found between the re-test ({case.retest_on}) "
            f"and the end of the placement ({case.placement_until})"
        )
    try:
        outcome = chain.post_found(found.placement)
    except RetestRefused as refused:
        raise Refused(str(refused)) from None
    position = await _position(uow, case, found.current_position, found.placement)
    assert position is not None, "a move names the jabatan it starts from"
    act = CoachingPostFound(
        case_id=str(case.case_id),
        nip=case.nip,
        actor_nip=caller.nip,
        legal_basis=list(outcome.legal_basis),
        found_on=found.found_on,
        placement=found.placement,
        current_position=position,
    )
    await uow.record_act(act)
    return await apply_post_found(uow, act)


async def apply_post_found(uow: SanctionsUnitOfWork, act: CoachingPostFound) -> dict[str, Any]:
    """The placement ended by the post found, and the move: live after the checks, and again
    when a rebuild replays the act."""
    case = await _case_now(uow, uuid.UUID(act.case_id))
    outcome = chain.post_found(act.placement)
    await uow.coaching.update_case(
        case.case_id,
        status=outcome.stage.value,
        jenis_mutasi=act.placement.value,
        updated_at=uow.now,
    )
    await uow.timers.cancel(PLACEMENT_TIMER, timer_key(case.case_id, "placement"), uow.now)
    published = await _recommend(
        uow, case, outcome, act.placement, "POST_FOUND", act, case.retest_on
    )
    log.info("coaching.post_found", case_id=act.case_id)
    return _answer(outcome, published)


async def placement_ended(uow: SanctionsUnitOfWork, case_id: uuid.UUID) -> None:
    """The placement timer: a year without a post is the dismissal recommendation."""
    case = await uow.coaching.case(case_id, lock=True)
    if case is None or case.status != Stage.TEMPORARY_PLACEMENT.value:
        return  # a post was found meanwhile
    await uow.coaching.update_case(
        case.case_id,
        status=Stage.DISMISSAL_RECOMMENDED.value,
        dismissal_recommended_on=uow.today,
        legal_basis=[*case.legal_basis, *chain.DISMISSAL_58],
        updated_at=uow.now,
    )
    log.warning("coaching.dismissal_recommended", case_id=str(case.case_id))


async def _case_now(uow: SanctionsUnitOfWork, case_id: uuid.UUID) -> Any:
    """The case as its deadlines passed by now left it (usecases/overdue.py), locked."""
    await fire_overdue(uow, case_id)
    case = await uow.coaching.case(case_id, lock=True)
    if case is None:
        raise NotFound(f"no coaching case {case_id}")
    return case


async def _load(uow: SanctionsUnitOfWork, case_id: uuid.UUID, stage: Stage, caller: Caller) -> Any:
    """The case, when the caller may record its step (403 before anything about it is told)."""
    case = await _case_now(uow, case_id)
    require(permissions.coaching_official(caller, await line_of(uow, case.nip)))
    if case.status != stage.value:
        raise Refused(f"the case is {case.status}; this step needs {stage.value}")
    return case


async def _position(
    uow: SanctionsUnitOfWork, case: Any, given: str | None, move: JenisMutasi | None
) -> str | None:
    """The jabatan a move starts from: the profile's, else the one the official gave; refused
    when a move needs one and neither names it."""
    employee = await uow.employees.employee(case.nip)
    position = (employee.position if employee else None) or given
    if position is None and move is not None:
        raise Refused(
            "the ASN's jabatan is unknown (no EmployeeProfileUpdated names it): "
            "send current_position"
        )
    return position


async def _recommend(
    uow: SanctionsUnitOfWork,
    case: Any,
    outcome: RetestOutcome,
    jenis_mutasi: JenisMutasi,
    reason: str,
    act: CoachingRetestRecorded | CoachingPostFound,
    tested_on: date,
) -> RotationRecommended | None:
    """`jenis_mutasi`: the move, which an outcome that recommends one always names."""
    assert act.current_position is not None, "a move names the jabatan it starts from"
    employee = await uow.employees.employee(case.nip)
    rotation = Rotation(
        reason=reason,
        cause=f"{case.case_id}:{reason}",
        nip=case.nip,
        period=case.period,
        case_id=case.case_id,
        unit_id=employee.unit_id if employee else None,
        jenis_mutasi=jenis_mutasi,
        current_position=act.current_position,
        uji_kompetensi_on=tested_on,
        placement_until=outcome.placement_until,
        recommended_on=uow.today,
        legal_basis=outcome.legal_basis,
        details={"recorded_by_nip": act.actor_nip},
    )
    return await recommend(uow, rotation)


def _answer(outcome: RetestOutcome, published: RotationRecommended | None) -> dict[str, Any]:
    return {
        "status": outcome.stage.value,
        "rotation": published.model_dump(mode="json") if published else None,
    }
